// SPDX-License-Identifier: MIT
#include "research/vbt_signals.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace aitp::research {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> vbt_ma(const std::vector<double>& x, int w) {
    std::vector<double> p(x.size()), out(x.size());
    prefix_sums(x, p);
    vbt_moving_average(p, w, out);
    return out;
}

std::vector<int> cross(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<std::uint8_t> out(a.size());
    crossed_above(a, b, out);
    return {out.begin(), out.end()};
}

TEST(ScreenSignalsTest, MovingAverageWarmupIsNaNAndFirstValueIsPrefixOverWindow) {
    const auto ma = vbt_ma({1, 2, 3, 4, 5}, 2);
    EXPECT_TRUE(std::isnan(ma[0]));
    EXPECT_EQ(ma[1], 1.5);
    EXPECT_EQ(ma[2], 2.5);
    EXPECT_EQ(ma[4], 4.5);
    const auto ma5 = vbt_ma({1, 2, 3, 4, 5}, 5);
    EXPECT_EQ(ma5[4], 3.0);
    EXPECT_TRUE(std::isnan(ma5[3]));
}

// Hand check (README "Moving average"): (P[2] - P[0]) / 2 with P summed left to right is
// 0.25000000000000006, not the exact window mean 0.25.
TEST(ScreenSignalsTest, MovingAverageUsesPrefixSumDifferencesBitForBit) {
    const auto ma = vbt_ma({0.1, 0.2, 0.3}, 2);
    EXPECT_EQ(ma[2], 0.25000000000000006);
    EXPECT_NE(ma[2], 0.25);
}

TEST(ScreenSignalsTest, CrossedAboveNeedsAnEarlierStrictlyBelowBar) {
    // Starts above: no entry until a has been below.
    EXPECT_EQ(cross({2, 3, 1, 2}, {1, 1, 1.5, 1.5}), (std::vector<int>{0, 0, 0, 1}));
}

TEST(ScreenSignalsTest, CrossedAboveTreatsEqualityAsNeitherSide) {
    // below -> equal -> above fires at the "above" bar.
    EXPECT_EQ(cross({0, 1, 2}, {1, 1, 1}), (std::vector<int>{0, 0, 1}));
    // below -> above -> equal -> above fires twice.
    EXPECT_EQ(cross({0, 2, 1, 2}, {1, 1, 1, 1}), (std::vector<int>{0, 1, 0, 1}));
    // above -> above fires once.
    EXPECT_EQ(cross({0, 2, 3}, {1, 1, 1}), (std::vector<int>{0, 1, 0}));
}

TEST(ScreenSignalsTest, CrossedAboveForgetsBelowStateAtNaN) {
    EXPECT_EQ(cross({0, kNaN, 2, 0, 2}, {1, 1, 1, 1, 1}), (std::vector<int>{0, 0, 0, 0, 1}));
}

}  // namespace
}  // namespace aitp::research
