// SPDX-License-Identifier: MIT
#include "strategy/freqtrade.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace aitp::strategy {
namespace {

TEST(RoiTableTest, PicksTheLatestStepReached) {
    const std::vector<RoiStep> t = {{0, 0.05}, {60, 0.03}, {240, 0.02}, {720, 0.005}};
    EXPECT_EQ(roi_for(t, 0), 0.05);
    EXPECT_EQ(roi_for(t, 59.9), 0.05);
    EXPECT_EQ(roi_for(t, 60), 0.03);
    EXPECT_EQ(roi_for(t, 1000), 0.005);
    EXPECT_TRUE(std::isnan(roi_for(t, -1)));
    EXPECT_TRUE(std::isnan(roi_for({}, 10)));
}

TEST(FreqtradeStopTest, StaticTrailingAndCustomStopsOnlyMoveUp) {
    FreqtradeConfig c;
    c.stoploss = -0.05;
    TradeView t{100, 0, 100, 100, 0.0, 0};
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 0, NAN), 95.0);
    // Plain trailing: stoploss below the max rate.
    c.trailing_stop = true;
    t.max_rate = 110;
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 95, NAN), 104.5);
    // Positive trailing once the offset is reached: 1.5 % below the max of 110 (10 % > 3.5 %).
    c.trailing_stop_positive = 0.015;
    c.trailing_stop_positive_offset = 0.035;
    c.trailing_only_offset_is_reached = true;
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 95, NAN), 110 * 0.985);
    // Only-offset: below the offset the stop stays where it was.
    t.max_rate = 103;
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 95, NAN), 95.0);
    // Custom stoploss relative to the current rate, never loosening.
    c.use_custom_stoploss = true;
    t.current_rate = 102;
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 95, -0.02), 102 * 0.98);
    EXPECT_DOUBLE_EQ(FreqtradeStrategy::next_stop(c, t, 101, -0.10), 101.0);
}

}  // namespace
}  // namespace aitp::strategy
