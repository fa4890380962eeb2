// SPDX-License-Identifier: MIT
// Parity of every flavour with the golden files: for each ohlcv_<X>.csv in the reference folder
// (or $AITP_INDICATOR_DATA_DIR, for held-out datasets of the same family), every column of
// indicators_<X>.csv (reference), talib_<X>.csv (talib) and extra_<X>.csv (extra) is recomputed
// by name through the registry and compared under the README tolerance rule.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "indicators/parity_support.hpp"
#include "support/test_paths.hpp"

namespace aitp::indicators {
namespace {

namespace fs = std::filesystem;
using testing::CsvTable;

fs::path data_dir() {
    if (const char* env = std::getenv("AITP_INDICATOR_DATA_DIR")) {
        return env;
    }
    return aitp::testing::reference_file("ohlcv_a.csv").parent_path();
}

struct FlavorCase {
    Flavor flavor;
    const char* golden_prefix;
};

class IndicatorParityTest : public ::testing::TestWithParam<FlavorCase> {};

TEST_P(IndicatorParityTest, EveryGoldenColumnMatchesWithinTolerance) {
    const FlavorCase fc = GetParam();
    int datasets = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(data_dir())) {
        const std::string file = e.path().filename().string();
        if (!file.starts_with("ohlcv_") || e.path().extension() != ".csv") {
            continue;
        }
        const std::string tag = file.substr(6, file.size() - 6 - 4);
        const fs::path golden_path =
            data_dir() / (std::string(fc.golden_prefix) + "_" + tag + ".csv");
        if (!fs::exists(golden_path)) {
            continue;
        }
        ++datasets;
        SCOPED_TRACE(golden_path.string());
        const testing::OhlcvData bars = testing::load_ohlcv(e.path());
        const CsvTable golden = testing::read_csv(golden_path);
        ASSERT_EQ(golden.rows(), bars.size());
        EXPECT_EQ(golden.timestamps, bars.ts);
        std::vector<std::string> names;
        for (const std::string& n : golden.names) {
            if (n != "timestamp") {
                names.push_back(n);
            }
        }
        auto table = compute_flavor(fc.flavor, bars.input(), names);
        ASSERT_TRUE(table.has_value()) << table.error().to_string();
        ASSERT_EQ(table->names.size(), names.size());
        for (std::size_t k = 0; k < table->names.size(); ++k) {
            const int col = golden.find(table->names[k]);
            ASSERT_GE(col, 0) << table->names[k];
            const std::string diff = testing::compare_column(
                table->column(k), golden.columns[static_cast<std::size_t>(col)]);
            EXPECT_TRUE(diff.empty()) << tag << " " << table->names[k] << ": " << diff;
        }
        // Without a selection, the flavour's standard set is exactly the golden header.
        auto full = compute_flavor(fc.flavor, bars.input());
        ASSERT_TRUE(full.has_value());
        EXPECT_EQ(full->names, names);
    }
    EXPECT_GE(datasets, 1) << "no ohlcv_*.csv with " << fc.golden_prefix << "_*.csv in "
                           << data_dir();
}

INSTANTIATE_TEST_SUITE_P(AllFlavors, IndicatorParityTest,
                         ::testing::Values(FlavorCase{Flavor::Reference, "indicators"},
                                           FlavorCase{Flavor::Talib, "talib"},
                                           FlavorCase{Flavor::Extra, "extra"}),
                         [](const auto& param_info) {
                             return std::string(flavor_name(param_info.param.flavor));
                         });

}  // namespace
}  // namespace aitp::indicators
