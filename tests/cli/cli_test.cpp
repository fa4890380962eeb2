// SPDX-License-Identifier: MIT
// End-to-end tests of the `aitp` binary: exit codes, one-line errors, and store round trips.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "data/file_util.hpp"
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

std::vector<std::string> import_args(const std::string& dir, const std::string& tf,
                                     const std::string& file) {
    return {"data",     "import",   "--data-dir",  dir, "--source", "kraken",
            "--symbol", "BTC/USDT", "--timeframe", tf,  file};
}

// Issue 16 items 7, 9 and 10 through the binary: one line naming the file and line (or row),
// exit 2, nothing stored.
TEST(CliTest, ImportRefusesWrappingTimestampsBadPricesAndWrongSpacing) {
    TempDir tmp;
    const std::string dir = (tmp / "d").string();
    const std::string header = "timestamp,open,high,low,close,volume\n0,10,11,9,10,1\n";
    struct Case {
        const char* name;
        const char* row;
        const char* needle;
    };
    const Case cases[] = {
        {"max.csv", "9223372036854775807,10,11,9,10,1",
         "max.csv:3: column 1 (timestamp): '9223372036854775807' is not a timestamp in years "
         "1-9999"},
        {"e16.csv", "1e16,10,11,9,10,1", "e16.csv:3: column 1 (timestamp): '1e16'"},
        {"neg.csv", "3600000,-5,11,9,10,1", "neg.csv:3: open is -5 (prices must be > 0)"},
        {"inf.csv", "3600000,10,inf,9,10,1", "inf.csv:3: high is inf (prices must be finite)"},
        {"cross.csv", "3600000,10,9,11,10,1", "cross.csv:3: high 9 is below low 11"},
        {"spacing.csv", "3600000,10,11,9,10,1",
         "spacing.csv: BTC/USDT 4h bars: bar 1970-01-01T01:00:00Z comes 1h after the bar "
         "1970-01-01T00:00:00Z, not a whole number of 4h bars"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        testing::write_text(tmp / c.name, header + c.row + "\n");
        const auto r = run_cli(import_args(dir, "4h", (tmp / c.name).string()));
        expect_one_line_error(r, c.needle);
        EXPECT_EQ(r.exit_code, 2);
    }
    EXPECT_FALSE(std::filesystem::exists(tmp / "d/processed/kraken_BTC_USDT_4h.parquet"));
    // Parquet input is checked by the store: the file and row are named.
    const std::string pq = (tmp / "cross.parquet").string();
    auto r = run_cli({"sql", "--data-dir", dir,
                      "COPY (SELECT 0::BIGINT AS \"timestamp\", 10.0 AS open, 9.0 AS high, 11.0 AS "
                      "low, 10.0 AS close, 1.0 AS volume) TO '" +
                          pq + "' (FORMAT parquet)"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_cli(import_args(dir, "1h", pq));
    expect_one_line_error(r, pq + ": row 0 (1970-01-01T00:00:00Z): high 9 is below low 11");
    testing::write_text(tmp / "cross.csv", header + "3600000,10,9,11,10,1\n");
    r = run_cli({"data", "validate", "--timeframe", "1h", (tmp / "cross.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;  // validate reads bad bars to report them
    EXPECT_EQ(nlohmann::json::parse(r.out)["ohlc_violations"][0]["issue"],
              "high 9 is below low 11");
}

// Issue 16 item 8: `data gen` never replaces imported data.
TEST(CliTest, GenRefusesToReplaceImportedData) {
    TempDir tmp;
    const std::string dir = (tmp / "d").string();
    testing::write_text(
        tmp / "a.csv",
        "timestamp,open,high,low,close,volume\n0,10,11,9,10,1\n3600000,10,11,9,10,1\n");
    auto r = run_cli({"data", "import", "--data-dir", dir, "--source", "sample", "--symbol",
                      "BTC/USDT", "--timeframe", "1h", (tmp / "a.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto stored = testing::read_text(tmp / "d/processed/sample_BTC_USDT_1h.parquet");
    r = run_cli({"data", "gen", "--data-dir", dir, "--symbol", "BTC/USDT", "--timeframe", "1h"});
    expect_one_line_error(r, "refusing to replace sample_BTC_USDT_1h.parquet");
    EXPECT_EQ(r.exit_code, 1);
    r = run_cli({"data", "gen", "--data-dir", dir, "--demo"});
    expect_one_line_error(r, "refusing to replace sample_BTC_USDT_1h.parquet");
    EXPECT_EQ(testing::read_text(tmp / "d/processed/sample_BTC_USDT_1h.parquet"), stored);
    // Generated data can be generated again.
    r = run_cli({"data", "gen", "--data-dir", dir, "--symbol", "ETH/USDT", "--timeframe", "1h"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run_cli({"data", "gen", "--data-dir", dir, "--symbol", "ETH/USDT", "--timeframe", "1h",
                 "--seed", "2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Issue 16 item 10: one unreadable file is reported in place; the others are still validated.
TEST(CliTest, ValidateAllReportsAnUnreadableFileAndGoesOn) {
    TempDir tmp;
    const std::string dir = (tmp / "d").string();
    auto r = run_cli({"data", "gen", "--data-dir", dir, "--symbol", "ETH/USDT", "--timeframe", "1h",
                      "--bars", "50"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    testing::write_text(tmp / "d/processed/kraken_BTC_USDT_1h.parquet", "not parquet");
    r = run_cli({"data", "validate", "--data-dir", dir, "--all", "--max-stale-hours", "1e9"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["symbol"], "BTC/USDT");
    EXPECT_FALSE(j[0]["passed"].get<bool>());
    EXPECT_NE(j[0]["error"].get<std::string>().find("kraken_BTC_USDT_1h.parquet"),
              std::string::npos);
    EXPECT_EQ(j[1]["symbol"], "ETH/USDT");
    EXPECT_EQ(j[1]["rows"], 50);
    r = run_cli({"data", "validate", "--data-dir", dir, "--all", "--fail-on-issues"});
    EXPECT_EQ(r.exit_code, 5);
    // Named alone, the unreadable series is an error (exit 4).
    r = run_cli({"data", "validate", "--data-dir", dir, "--source", "kraken", "--symbol",
                 "BTC/USDT", "--timeframe", "1h"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
}

// Issue 16 item 11: a temporary file a killed import left behind goes at the next import; one
// whose writer still holds the series lock stays.
TEST(CliTest, ImportRemovesStaleTemporaryFiles) {
    TempDir tmp;
    const std::string dir = (tmp / "d").string();
    const auto processed = tmp / "d/processed";
    std::filesystem::create_directories(processed);
    const auto stale = processed / ".kraken_BTC_USDT_1h.parquet.tmp-4242-0";
    const auto live = processed / ".kraken_ETH_USDT_1h.parquet.tmp-4243-0";
    testing::write_text(stale, "half a parquet file");
    testing::write_text(live, "being written");
    auto lock = data::FileLock::acquire(processed / "kraken_ETH_USDT_1h.parquet.lock");
    ASSERT_TRUE(lock);
    testing::write_text(tmp / "a.csv", "timestamp,open,high,low,close,volume\n0,10,11,9,10,1\n");
    const auto r = run_cli(import_args(dir, "1h", (tmp / "a.csv").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(std::filesystem::exists(stale));
    EXPECT_TRUE(std::filesystem::exists(live));
    EXPECT_NE(r.err.find("removed .kraken_BTC_USDT_1h.parquet.tmp-4242-0"), std::string::npos);
}

}  // namespace
}  // namespace aitp::cli
