// SPDX-License-Identifier: MIT
// The lookback contract of every registry entry, of every flavour: on the reference bars, the
// first row at which every output holds a number is the entry's documented lookback, with its
// default parameters and with each integer parameter one larger. A new entry is covered by
// being registered.
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/parity_support.hpp"
#include "indicators/registry.hpp"
#include "support/test_paths.hpp"

namespace aitp::indicators {
namespace {

// The first row at which no output is NaN, or the row count when there is none.
std::size_t first_complete_row(const std::vector<std::vector<double>>& outputs, std::size_t n) {
    for (std::size_t r = 0; r < n; ++r) {
        bool complete = true;
        for (const std::vector<double>& column : outputs) {
            complete = complete && !std::isnan(column[r]);
        }
        if (complete) {
            return r;
        }
    }
    return n;
}

TEST(IndicatorLookbackTest, FirstCompleteRowIsTheLookbackForEveryEntry) {
    const testing::OhlcvData bars =
        testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    const std::size_t n = bars.size();
    std::size_t checked = 0;
    for (const IndicatorInfo& info : registry()) {
        std::vector<std::vector<double>> param_sets{info.default_params()};
        std::vector<double> larger = info.default_params();
        for (std::size_t k = 0; k < larger.size(); ++k) {
            if (info.params[k].is_integer && larger[k] + 1 <= info.params[k].max) {
                larger[k] += 1;
            }
        }
        param_sets.push_back(larger);
        for (const std::vector<double>& params : param_sets) {
            ASSERT_TRUE(info.validate_params(params).has_value()) << info.name;
            std::vector<std::vector<double>> outputs(info.outputs.size(), std::vector<double>(n));
            std::vector<std::span<double>> spans(outputs.begin(), outputs.end());
            ASSERT_TRUE(run_batch(info, bars.input(), params, spans).has_value()) << info.name;
            const int lookback = info.lookback(params);
            ASSERT_GE(lookback, 0) << info.name;
            ASSERT_LT(static_cast<std::size_t>(lookback), n) << info.name;
            EXPECT_EQ(first_complete_row(outputs, n), static_cast<std::size_t>(lookback))
                << info.name << " with " << ::testing::PrintToString(params);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2 * registry().size());
}

}  // namespace
}  // namespace aitp::indicators
