// SPDX-License-Identifier: MIT
// End-to-end `aitp indicators`: the written CSV matches the golden file of the flavour, `list`
// enumerates the registry, and bad input gives a non-zero exit. Skipped while the CLI binary
// (or its indicators command) has not been built.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "indicators/parity_support.hpp"
#include "support/test_paths.hpp"

namespace aitp::indicators {
namespace {

bool cli_has_indicators() {
    if (!std::filesystem::exists(aitp::testing::cli_path())) {
        return false;
    }
    const aitp::testing::CommandResult r = aitp::testing::run_cli({"indicators", "list"});
    return r.exit_code == 0;
}

TEST(IndicatorsCliTest, WritesTheGoldenColumnsForEachFlavor) {
    if (!cli_has_indicators()) {
        GTEST_SKIP() << "aitp binary with the indicators command not built";
    }
    aitp::testing::TempDir dir;
    const std::pair<const char*, const char*> cases[] = {
        {"reference", "indicators_b.csv"}, {"talib", "talib_b.csv"}, {"extra", "extra_b.csv"}};
    for (const auto& [flavor, golden_name] : cases) {
        const std::filesystem::path out = dir / (std::string(flavor) + ".csv");
        const auto r = aitp::testing::run_cli(
            {"indicators", "--input", aitp::testing::reference_file("ohlcv_b.csv").string(),
             "--output", out.string(), "--flavor", flavor});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const testing::CsvTable got = testing::read_csv(out);
        const testing::CsvTable want =
            testing::read_csv(aitp::testing::reference_file(golden_name));
        ASSERT_EQ(got.names, want.names) << flavor;
        EXPECT_EQ(got.timestamps, want.timestamps);
        for (std::size_t k = 1; k < want.names.size(); ++k) {
            EXPECT_EQ(testing::compare_column(got.columns[k], want.columns[k]), "")
                << want.names[k];
        }
    }
}

TEST(IndicatorsCliTest, OnlySelectsColumnsAndListPrintsTheRegistry) {
    if (!cli_has_indicators()) {
        GTEST_SKIP() << "aitp binary with the indicators command not built";
    }
    aitp::testing::TempDir dir;
    const auto r = aitp::testing::run_cli(
        {"indicators", "--input", aitp::testing::reference_file("ohlcv_a.csv").string(), "--output",
         (dir / "o.csv").string(), "--only", "rsi,macd"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const testing::CsvTable got = testing::read_csv(dir / "o.csv");
    EXPECT_EQ(got.names, (std::vector<std::string>{"timestamp", "rsi", "macd.macd",
                                                   "macd.macd_signal", "macd.macd_hist"}));
    const auto list = aitp::testing::run_cli({"indicators", "list"});
    EXPECT_NE(list.out.find("talib.MACD"), std::string::npos);
    EXPECT_NE(list.out.find("ichimoku"), std::string::npos);
}

TEST(IndicatorsCliTest, BadFlavorFailsWithOneClearLine) {
    if (!cli_has_indicators()) {
        GTEST_SKIP() << "aitp binary with the indicators command not built";
    }
    aitp::testing::TempDir dir;
    const auto r = aitp::testing::run_cli(
        {"indicators", "--input", aitp::testing::reference_file("ohlcv_a.csv").string(), "--output",
         (dir / "o.csv").string(), "--flavor", "pandas"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("flavor must be reference, talib or extra"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace aitp::indicators
