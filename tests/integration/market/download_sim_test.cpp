// SPDX-License-Identifier: MIT
// Issue 19 acceptance, end to end through the real binaries: `aitp data download` pages
// 100,000 1m bars out of `aitp venue-sim` (Binance-shaped), and `aitp data export` of the
// stored series is byte-identical to the simulator's source file; a second run fetches
// nothing new; after the simulator's clock moves, an incremental run fetches exactly the
// bars that closed in between.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server/http_client.hpp"
#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

using testing::BackgroundProcess;
using testing::cli_path;
using testing::read_text;
using testing::run_cli;
using testing::TempDir;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kFirst = 1704067200000;  // 2024-01-01T00:00:00Z, data gen's start
constexpr int kBars = 100'000;

std::size_t line_count(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) n += c == '\n' ? 1 : 0;
    return n;
}

class DownloadFromSimTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!std::filesystem::exists(cli_path())) GTEST_SKIP() << "CLI not built";
        const auto gen = run_cli({"data", "gen", "--timeframe", "1m", "--bars",
                                  std::to_string(kBars), "--seed", "19", "--output", source()});
        ASSERT_EQ(gen.exit_code, 0) << gen.err;
    }

    std::string source() const { return (tmp_ / "source.csv").string(); }
    std::string data_dir() const { return (tmp_ / "var").string(); }

    // Starts the simulator with its clock at `now_ms`; returns its port (0 on failure).
    int start_sim(std::int64_t now_ms) {
        sim_.emplace(
            std::vector<std::string>{cli_path().string(), "venue-sim", "--port", "0", "--bars",
                                     "BTC/USDT:1m:" + source(), "--now", std::to_string(now_ms)},
            tmp_ / "sim.log");
        const auto rest = sim_->wait_for_line("venue-sim listening on http://127.0.0.1:",
                                              std::chrono::minutes(2));
        if (!rest) return 0;
        return std::stoi(*rest);
    }

    testing::CommandResult download(int port) {
        return run_cli({"data", "download", "--data-dir", data_dir(), "--source", "binance",
                        "--symbol", "BTC/USDT", "--timeframe", "1m", "--since", "2024-01-01",
                        "--base-url", "http://127.0.0.1:" + std::to_string(port)});
    }

    std::string exported() {
        const auto out = tmp_ / "export.csv";
        const auto r =
            run_cli({"data", "export", "--data-dir", data_dir(), "--source", "binance", "--symbol",
                     "BTC/USDT", "--timeframe", "1m", "--output", out.string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return std::filesystem::exists(out) ? read_text(out) : std::string();
    }

    TempDir tmp_;
    std::optional<BackgroundProcess> sim_;
};

TEST_F(DownloadFromSimTest, PaginatedIncrementalAndByteIdentical) {
    // The clock stands inside bar 90,000 (0-based 89,999 is the last closed one): 90,000 bars
    // are closed, bar 90,000 is forming and must not be stored.
    const std::int64_t now1 = kFirst + 90'000 * kMinute + 30'000;
    const int port = start_sim(now1);
    ASSERT_NE(port, 0) << sim_->output();

    const auto first = download(port);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string src = read_text(source());
    std::string got = exported();
    EXPECT_EQ(line_count(got), 90'000u + 1u);  // header + closed bars only
    // The first 90,000 bars byte for byte: the source cut after its 90,001st line.
    std::size_t cut = 0;
    for (int i = 0; i < 90'001; ++i) cut = src.find('\n', cut) + 1;
    EXPECT_TRUE(got == src.substr(0, cut)) << "export differs from the source's first 90,000 bars";

    // Nothing new: the stored series stays identical.
    const auto again = download(port);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(exported() == got);

    // The clock moves past the last bar's close: exactly the remaining 10,000 bars arrive and
    // the whole export is the source file.
    testing::HttpClient http(port);
    const auto moved = http.request(
        "POST", "/sim/v1/clock", "{\"now\":" + std::to_string(kFirst + kBars * kMinute + 1) + "}",
        {{"content-type", "application/json"}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    const auto third = download(port);
    ASSERT_EQ(third.exit_code, 0) << third.err;
    got = exported();
    EXPECT_EQ(line_count(got), static_cast<std::size_t>(kBars) + 1u);
    EXPECT_TRUE(got == src) << "export differs from the simulator's source file";
}

}  // namespace
}  // namespace aitp
