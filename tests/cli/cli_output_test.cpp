// SPDX-License-Identifier: MIT
// Issue 17 item 2: every `--output` goes through core/output_file.hpp. `-` writes the data to
// stdout, a FIFO or /dev/null is written in place and keeps its type, a directory is refused
// with one error line.
#include <filesystem>
#include <string>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;
using testing::TempDir;

mode_t file_type(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & S_IFMT;
}

std::vector<std::string> indicators_args(const std::string& output) {
    return {"indicators", "--input", testing::reference_file("ohlcv_a.csv").string(),
            "--output",   output,    "--only",
            "rsi,macd"};
}

/// Runs the CLI with `args` whose output is a new FIFO at `fifo`; returns what a reader of the
/// FIFO got and the CLI's result. The test holds a write end open while the CLI runs, so the
/// reader waits for the CLI's data and a CLI that wrongly replaced the FIFO cannot hang it.
std::pair<std::string, testing::CommandResult> run_into_fifo(const fs::path& fifo,
                                                             const std::vector<std::string>& args) {
    EXPECT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const int rd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    const int wr = ::open(fifo.c_str(), O_WRONLY);
    EXPECT_GE(rd, 0);
    EXPECT_GE(wr, 0);
    ::fcntl(rd, F_SETFL, 0);
    std::string got;
    std::thread reader([&] {
        char buf[65536];
        for (ssize_t n = 0; (n = ::read(rd, buf, sizeof buf)) > 0;) {
            got.append(buf, static_cast<std::size_t>(n));
        }
    });
    testing::CommandResult r = run_cli(args);
    ::close(wr);
    reader.join();
    ::close(rd);
    return {got, r};
}

TEST(CliOutputTest, DashWritesTheDataToStdout) {
    TempDir tmp;
    const auto to_file = run_cli(indicators_args((tmp / "a.csv").string()));
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    const std::string want = testing::read_text(tmp / "a.csv");
    ASSERT_EQ(want.rfind("timestamp,rsi,", 0), 0u) << want.substr(0, 80);
    const auto to_stdout = run_cli(indicators_args("-"));
    ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
    EXPECT_EQ(to_stdout.out, want);
    EXPECT_FALSE(fs::exists("-"));
    EXPECT_FALSE(fs::exists(tmp / "-"));
}

TEST(CliOutputTest, AFifoIsWrittenInPlace) {
    TempDir tmp;
    ASSERT_EQ(run_cli(indicators_args((tmp / "a.csv").string())).exit_code, 0);
    const auto [got, r] = run_into_fifo(tmp / "pipe", indicators_args((tmp / "pipe").string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(file_type(tmp / "pipe"), S_IFIFO);
    EXPECT_EQ(got, testing::read_text(tmp / "a.csv"));
}

TEST(CliOutputTest, DevNullStaysACharacterDevice) {
    ASSERT_EQ(file_type("/dev/null"), S_IFCHR);
    // Guard: when run as root, a regression would replace the machine's /dev/null; touch it only
    // when the same command keeps a FIFO of our own a FIFO.
    TempDir tmp;
    const auto guard = run_into_fifo(tmp / "pipe", indicators_args((tmp / "pipe").string()));
    ASSERT_EQ(file_type(tmp / "pipe"), S_IFIFO) << "not touching /dev/null";
    const auto r = run_cli(indicators_args("/dev/null"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(file_type("/dev/null"), S_IFCHR);
}

TEST(CliOutputTest, ADirectoryIsRefusedWithOneErrorLine) {
    TempDir tmp;
    const auto r = run_cli(indicators_args(tmp.path().string()));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "aitp: error: " + tmp.path().string() +
                         ": is a directory (expected a file name or - for stdout)\n");
    EXPECT_EQ(file_type(tmp.path()), S_IFDIR);
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(CliOutputTest, ExportAndSqlWriteToStdoutAndDevices) {
    TempDir tmp;
    const std::string dir = (tmp / "d").string();
    auto r =
        run_cli({"data", "import", "--data-dir", dir, "--source", "kraken", "--symbol", "BTC/USDT",
                 "--timeframe", "1h", testing::reference_file("ohlcv_a.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::string> key = {
        "data",     "export",   "--data-dir",  dir,  "--source", "kraken",
        "--symbol", "BTC/USDT", "--timeframe", "1h", "--end",    "2024-01-01T02:00:00Z"};
    auto args = key;
    args.insert(args.end(), {"--output", "-"});
    r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string csv = testing::read_text(testing::reference_file("ohlcv_a.csv"));
    std::size_t end = 0;
    for (int line = 0; line < 4; ++line) end = csv.find('\n', end) + 1;
    EXPECT_EQ(r.out, csv.substr(0, end));  // header and the first three bars, byte for byte
    const auto [got, fifo] = run_into_fifo(tmp / "pipe", [&] {
        auto a = key;
        a.insert(a.end(), {"--output", (tmp / "pipe").string()});
        return a;
    }());
    EXPECT_EQ(fifo.exit_code, 0) << fifo.err;
    EXPECT_EQ(got, csv.substr(0, end));
    r = run_cli({"sql", "--data-dir", dir, "--format", "csv", "--output", "-",
                 "SELECT count(*) AS n FROM ohlcv"});
    EXPECT_EQ(r.out, "n\n5000\n");
    r = run_cli({"sql", "--data-dir", dir, "--format", "csv", "--output", (tmp / "n.csv").string(),
                 "SELECT count(*) AS n FROM ohlcv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(testing::read_text(tmp / "n.csv"), "n\n5000\n");
}

}  // namespace
}  // namespace aitp::cli
