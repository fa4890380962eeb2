// SPDX-License-Identifier: MIT
#include "model/bar_check.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace aitp::model {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

BarDefect defect(double o, double h, double l, double c, double v = 1.0) {
    return find_bar_defect(o, h, l, c, v);
}

// Issue 16 item 9: the rule import, the quality report and the engines share.
TEST(BarCheckTest, RefusesNonPositiveInfiniteAndCrossedPrices) {
    EXPECT_EQ(defect(10, 11, 9, 10.5), BarDefect::None);
    EXPECT_EQ(defect(10, 10, 10, 10, 0), BarDefect::None);  // flat bar, zero volume
    EXPECT_EQ(defect(-1, 11, 9, 10), BarDefect::PriceNotPositive);
    EXPECT_EQ(defect(10, 11, 0, 10), BarDefect::PriceNotPositive);
    EXPECT_EQ(defect(10, kInf, 9, 10), BarDefect::PriceNotFinite);
    EXPECT_EQ(defect(10, 11, 9, -kInf), BarDefect::PriceNotFinite);
    EXPECT_EQ(defect(10, 9, 11, 10), BarDefect::HighBelowLow);
    EXPECT_EQ(defect(10, 11, 9, 10, -5), BarDefect::VolumeNegative);
    EXPECT_EQ(defect(10, 11, 9, 10, kInf), BarDefect::VolumeNotFinite);
    // NaN is a missing value (the CSV empty field): reported by the quality check, not here.
    EXPECT_EQ(defect(std::nan(""), 11, 9, 10, std::nan("")), BarDefect::None);
}

TEST(BarCheckTest, MessagesNameTheValueAndTheRow) {
    const Bar crossed{3600000, 10, 9, 11, 10, 1};
    const Status st = check_bar(crossed);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(), "high 9 is below low 11");
    BarSeries bars;
    bars.push_back({0, 10, 11, 9, 10, 1});
    bars.push_back(crossed);
    const Status series = check_bars(bars);
    ASSERT_FALSE(series);
    EXPECT_EQ(series.error().message(), "row 1 (1970-01-01T01:00:00Z): high 9 is below low 11");
    EXPECT_EQ(check_bar({0, 10, 11, -2, 10, 1}).error().message(),
              "low is -2 (prices must be > 0)");
    bars.clear();
    bars.push_back({kMaxUnixMillis + 1, 10, 11, 9, 10, 1});
    EXPECT_NE(check_bars(bars).error().message().find("outside years 1-9999"), std::string::npos);
}

// Issue 16 item 10: hourly bars in a 4h series do not fit; gaps and daylight-saving shifts of
// local stamps do.
TEST(BarCheckTest, SpacingMustBeWholeBars) {
    constexpr std::int64_t h = kMillisPerHour;
    EXPECT_TRUE(is_spacing_consistent(4 * h, Timeframe::H4, AssetClass::Crypto));
    EXPECT_TRUE(is_spacing_consistent(12 * h, Timeframe::H4, AssetClass::Crypto));  // a gap
    EXPECT_FALSE(is_spacing_consistent(1 * h, Timeframe::H4, AssetClass::Crypto));
    EXPECT_FALSE(is_spacing_consistent(5 * h, Timeframe::H4, AssetClass::Crypto));
    EXPECT_FALSE(is_spacing_consistent(0, Timeframe::H1, AssetClass::Crypto));
    EXPECT_FALSE(is_spacing_consistent(30 * kMillisPerMinute, Timeframe::H1, AssetClass::Equity));
    // Daily bars at 00:00 New York: 23 h and 25 h across the switches, 71 h over a weekend.
    EXPECT_TRUE(is_spacing_consistent(23 * h, Timeframe::D1, AssetClass::Equity));
    EXPECT_TRUE(is_spacing_consistent(71 * h, Timeframe::D1, AssetClass::Equity));
    EXPECT_FALSE(is_spacing_consistent(23 * h, Timeframe::D1, AssetClass::Crypto));
    EXPECT_FALSE(is_spacing_consistent(1 * h, Timeframe::D1, AssetClass::Equity));
    EXPECT_FALSE(is_spacing_consistent(1 * h, Timeframe::H4, AssetClass::Forex));

    BarSeries bars;
    for (int i = 0; i < 3; ++i) bars.push_back({i * 4 * h, 10, 11, 9, 10, 1});
    EXPECT_TRUE(check_spacing(bars, Timeframe::H4, AssetClass::Crypto));
    bars.push_back({9 * h, 10, 11, 9, 10, 1});
    const Status st = check_spacing(bars, Timeframe::H4, AssetClass::Crypto);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message(),
              "bar 1970-01-01T09:00:00Z comes 1h after the bar 1970-01-01T08:00:00Z, not a whole "
              "number of 4h bars");
}

}  // namespace
}  // namespace aitp::model
