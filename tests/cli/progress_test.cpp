// SPDX-License-Identifier: MIT
// Progress of long commands when stderr is not a terminal (issue 18 item 4): plain lines every
// AITP_PROGRESS_INTERVAL_MS (5 s by default) and a summary line with count, elapsed and rate.
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

using testing::CommandResult;
using testing::run_cli;
using testing::TempDir;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Runs the CLI with AITP_PROGRESS_INTERVAL_MS set to `interval_ms` ("" leaves it unset).
CommandResult run_with_interval(const std::string& interval_ms,
                                const std::vector<std::string>& args) {
    if (interval_ms.empty()) {
        ::unsetenv("AITP_PROGRESS_INTERVAL_MS");
    } else {
        ::setenv("AITP_PROGRESS_INTERVAL_MS", interval_ms.c_str(), 1);
    }
    CommandResult r = run_cli(args);
    ::unsetenv("AITP_PROGRESS_INTERVAL_MS");
    return r;
}

// The combination count of the screen's stdout line "sma_crossover   NNN combos ...".
std::string combos_on_stdout(const std::string& out) {
    std::istringstream in(out);
    std::string name;
    std::string count;
    in >> name >> count;
    return count;
}

// "1234" -> "1,234" (written here, not taken from the CLI).
std::string grouped(std::string digits) {
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

class ProgressTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto gen = run_cli({"data", "gen", "--timeframe", "1h", "--bars", "3000", "--seed",
                                  "5", "--output", (tmp_ / "btc.csv").string()});
        ASSERT_EQ(gen.exit_code, 0) << gen.err;
    }
    std::vector<std::string> screen_args() const {
        return {"screen",    "sma_crossover",
                "--input",   (tmp_ / "btc.csv").string(),
                "--threads", "1",
                "--output",  (tmp_ / "out").string()};
    }
    TempDir tmp_;
};

TEST_F(ProgressTest, OffATerminalLinesComeEveryIntervalAndASummaryAtTheEnd) {
    const auto r = run_with_interval("1", screen_args());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lines = lines_of(r.err);
    ASSERT_FALSE(lines.empty());
    // Progress lines: "screen sma_crossover: 24 % (...), 3 s elapsed, about 9 s left".
    int progress = 0;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        EXPECT_EQ(lines[i].rfind("screen sma_crossover: ", 0), 0u) << lines[i];
        EXPECT_NE(lines[i].find(" %"), std::string::npos) << lines[i];
        EXPECT_NE(lines[i].find(" s elapsed"), std::string::npos) << lines[i];
        EXPECT_EQ(lines[i].find('\r'), std::string::npos) << lines[i];  // no terminal redraws
        ++progress;
    }
    EXPECT_GE(progress, 2) << r.err;
    // The summary: the count the command reports on stdout, elapsed seconds and a rate.
    const std::string combos = combos_on_stdout(r.out);
    ASSERT_FALSE(combos.empty()) << r.out;
    const std::string summary = lines.back();
    EXPECT_EQ(summary.rfind("screen sma_crossover: " + grouped(combos) + " combinations in ", 0),
              0u)
        << summary;
    EXPECT_NE(summary.find(" s, "), std::string::npos) << summary;
    EXPECT_EQ(summary.substr(summary.size() - 2), "/s") << summary;
}

TEST_F(ProgressTest, ByDefaultAShortCommandPrintsOnlyTheSummary) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_with_interval("", screen_args());
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lines = lines_of(r.err);
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.back().find(" combinations in "), std::string::npos) << r.err;
    // A line every 5 s: none before the summary when the command took less than that.
    if (took < std::chrono::milliseconds(4500)) {
        EXPECT_EQ(lines.size(), 1u) << r.err;
    }
}

}  // namespace
}  // namespace aitp::cli
