// SPDX-License-Identifier: MIT
#include "model/timeframe.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace aitp::model {
namespace {

constexpr std::int64_t kMin = kMillisPerMinute;

// Hand-made series: the interval is the median spacing, so gaps, weekends and a repeated stamp
// do not move it.
TEST(BarIntervalTest, MedianSpacingIgnoresGapsAndRepeats) {
    // 15-minute bars with one 2-hour gap and one repeated stamp: spacings 15,15,15,120,15,0(skip).
    const std::vector<UnixMillis> gaps = {0,          15 * kMin,  30 * kMin, 45 * kMin,
                                          165 * kMin, 180 * kMin, 180 * kMin};
    EXPECT_EQ(bar_interval_millis(gaps), 15 * kMin);
    // Daily bars Monday..Friday, then Monday: spacings 1,1,1,1,3 days.
    std::vector<UnixMillis> days;
    for (const int d : {0, 1, 2, 3, 4, 7}) days.push_back(d * kMillisPerDay);
    EXPECT_EQ(bar_interval_millis(days), kMillisPerDay);
    // Even count of spacings {5, 60}: the upper median.
    EXPECT_EQ(bar_interval_millis(std::vector<UnixMillis>{0, 5 * kMin, 65 * kMin}), 60 * kMin);
}

TEST(BarIntervalTest, FewerThanTwoDistinctStampsFallBackToOneHour) {
    EXPECT_EQ(bar_interval_millis({}), kMillisPerHour);
    EXPECT_EQ(bar_interval_millis(std::vector<UnixMillis>{42}), kMillisPerHour);
    EXPECT_EQ(bar_interval_millis(std::vector<UnixMillis>{42, 42}), kMillisPerHour);
}

}  // namespace
}  // namespace aitp::model
