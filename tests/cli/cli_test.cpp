// SPDX-License-Identifier: MIT
// End-to-end tests of the `aitp` binary: exit codes, one-line errors, and store round trips.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

using testing::run_cli;
using testing::TempDir;

int count_lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

void expect_one_line_error(const testing::CommandResult& r, const std::string& needle) {
    EXPECT_NE(r.exit_code, 0);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_EQ(r.err.rfind("aitp: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(CliTest, BadInputGivesOneClearErrorLine) {
    TempDir tmp;
    struct Case {
        const char* name;
        const char* content;
        const char* needle;
    };
    const Case cases[] = {
        {"missing.csv", "timestamp,open,high,low,close\n1,1,1,1,1\n",
         "missing.csv:1: missing column 'volume'"},
        {"text.csv", "timestamp,open,high,low,close,volume\n1,1,1,1,x,1\n",
         "text.csv:2: column 5 (close)"},
        {"unsorted.csv", "timestamp,open,high,low,close,volume\n2,1,1,1,1,1\n1,1,1,1,1,1\n",
         "unsorted.csv:3:"},
        {"dup.csv", "timestamp,open,high,low,close,volume\n2,1,1,1,1,1\n2,1,1,1,1,1\n",
         "duplicates"},
        {"empty.csv", "", "empty.csv: empty file"},
    };
    for (const auto& c : cases) {
        testing::write_text(tmp / c.name, c.content);
        const auto r =
            run_cli({"data", "import", "--data-dir", (tmp / "d").string(), "--source", "s",
                     "--symbol", "A/B", "--timeframe", "1h", (tmp / c.name).string()});
        SCOPED_TRACE(c.name);
        expect_one_line_error(r, c.needle);
        EXPECT_EQ(r.exit_code, 2);
    }
    const auto missing =
        run_cli({"data", "validate", "--timeframe", "1h", (tmp / "nope.csv").string()});
    expect_one_line_error(missing, "nope.csv: no such file");
    EXPECT_EQ(missing.exit_code, 3);
    const auto bad_tf = run_cli({"data", "export", "--data-dir", tmp.path().string(), "--source",
                                 "s", "--symbol", "A/B", "--timeframe", "2h", "--output", "x.csv"});
    expect_one_line_error(bad_tf, "timeframe must be one of");
    const auto absent = run_cli({"data", "export", "--data-dir", tmp.path().string(), "--source",
                                 "s", "--symbol", "A/B", "--timeframe", "1h", "--output", "x.csv"});
    expect_one_line_error(absent, "no stored series");
    EXPECT_EQ(absent.exit_code, 3);
}

TEST(CliTest, ImportExportRoundTripIsByteIdentical) {
    TempDir tmp;
    const std::string ref = testing::reference_file("ohlcv_a.csv").string();
    const std::string dir = (tmp / "d").string();
    auto r = run_cli({"data", "import", "--data-dir", dir, "--source", "kraken", "--symbol",
                      "BTC/USDT", "--timeframe", "1h", ref});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_cli({"data", "export", "--data-dir", dir, "--source", "kraken", "--symbol", "BTC/USDT",
                 "--timeframe", "1h", "--output", (tmp / "out.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(testing::read_text(tmp / "out.csv"), testing::read_text(ref));
    r = run_cli({"data", "ls", "--data-dir", dir, "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["rows"], 5000);
    EXPECT_EQ(j[0]["first"], "2024-01-01T00:00:00Z");
    r = run_cli({"sql", "--data-dir", dir, "--format", "csv", "SELECT count(*) AS n FROM ohlcv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "n\n5000\n");
    r = run_cli({"data", "resample", "--data-dir", dir, "--source", "kraken", "--symbol",
                 "BTC/USDT", "--timeframe", "1h", "--to", "4h"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_cli({"sql", "--data-dir", dir, "--format", "csv",
                 "SELECT timeframe, count(*) AS n FROM ohlcv GROUP BY 1 ORDER BY 1"});
    EXPECT_EQ(r.out, "timeframe,n\n1h,5000\n4h,1250\n");
}

TEST(CliTest, ValidateFindsPlantedIssuesAndFailsOnRequest) {
    const std::string ref = testing::reference_file("ohlcv_b.csv").string();
    auto r = run_cli({"data", "validate", "--timeframe", "1m", ref});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["zero_volume_count"], 8);
    EXPECT_EQ(j["identical_runs"][0]["first_row"], 1040);
    EXPECT_EQ(j["open_gap_count"], 2);
    r = run_cli({"data", "validate", "--timeframe", "1m", "--fail-on-issues", ref});
    EXPECT_EQ(r.exit_code, 5);
}

TEST(CliTest, DemoDataIsListedAndEquityHasNoWeekendGaps) {
    TempDir tmp;
    const std::string dir = (tmp / "var").string();
    auto r = run_cli({"data", "gen", "--data-dir", dir, "--demo"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_cli({"data", "ls", "--data-dir", dir, "--json"});
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.size(), 12u);  // 3 crypto x 3 timeframes, 2 equity, 1 forex
    r = run_cli({"data", "validate", "--data-dir", dir, "--source", "sample", "--symbol", "AAPL",
                 "--timeframe", "1d"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto v = nlohmann::json::parse(r.out);
    EXPECT_EQ(v["asset_class"], "equity");
    EXPECT_EQ(v["gap_count"], 0);
    r = run_cli({"data", "validate", "--data-dir", dir, "--source", "sample", "--symbol", "EUR/USD",
                 "--timeframe", "1h"});
    EXPECT_EQ(nlohmann::json::parse(r.out)["gap_count"], 0);
}

TEST(CliTest, HelpWorksEverywhere) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"data", "--help"}, {"data", "import", "--help"}, {"sql", "--help"}}) {
        const auto r = run_cli(args);
        EXPECT_EQ(r.exit_code, 0);
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
    }
    EXPECT_NE(run_cli({}).exit_code, 0);
    EXPECT_NE(run_cli({"data", "frobnicate"}).exit_code, 0);
}

}  // namespace
}  // namespace aitp::cli
