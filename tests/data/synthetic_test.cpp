// SPDX-License-Identifier: MIT
#include "data/synthetic.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "model/calendar.hpp"

namespace aitp::data {
namespace {

TEST(SyntheticTest, SameSeedSameBarsAndConsistentOhlc) {
    SyntheticParams p;
    p.bars = 20000;
    p.seed = 5;
    const auto a = generate_bars(p);
    const auto b = generate_bars(p);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    p.seed = 6;
    EXPECT_NE(*generate_bars(p), *a);
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto bar = a->bar(i);
        ASSERT_LE(bar.low, std::min(bar.open, bar.close)) << i;
        ASSERT_GE(bar.high, std::max(bar.open, bar.close)) << i;
        ASSERT_GT(bar.low, 0.0) << i;
        ASSERT_GE(bar.volume, 0.0) << i;
    }
    EXPECT_TRUE(a->check_strictly_increasing());
}

TEST(SyntheticTest, VolumeCorrelatesWithAbsoluteReturn) {
    SyntheticParams p;
    p.bars = 20000;
    const auto bars = generate_bars(p);
    ASSERT_TRUE(bars);
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    const double n = static_cast<double>(bars->size() - 1);
    for (std::size_t i = 1; i < bars->size(); ++i) {
        const double x = std::fabs(std::log(bars->close()[i] / bars->close()[i - 1]));
        const double y = bars->volume()[i];
        sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
    }
    const double corr = (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    EXPECT_GT(corr, 0.3);
}

TEST(SyntheticTest, EdgeCasesArePlanted) {
    SyntheticParams p;
    p.bars = 3000;
    p.seed = 2;
    p.edge_cases = true;
    const auto bars = generate_bars(p);
    ASSERT_TRUE(bars);
    EXPECT_EQ(bars->volume()[0], 0.0);
    std::size_t longest_flat = 0, run = 0;
    int big_gaps = 0;
    for (std::size_t i = 1; i < bars->size(); ++i) {
        const auto b = bars->bar(i);
        run = (b.open == b.high && b.high == b.low && b.low == b.close) ? run + 1 : 0;
        longest_flat = std::max(longest_flat, run);
        big_gaps += std::fabs(b.open / bars->close()[i - 1] - 1.0) > 0.25;
    }
    EXPECT_EQ(longest_flat, 32u);
    EXPECT_EQ(big_gaps, 2);
}

TEST(SyntheticTest, EquityCalendarSkipsWeekendsAndHolidays) {
    SyntheticParams p;
    p.bars = 300;
    p.timeframe = model::Timeframe::D1;
    p.start = *parse_iso8601("2024-01-01");
    p.calendar = model::AssetClass::Equity;
    const auto bars = generate_bars(p);
    ASSERT_TRUE(bars);
    for (UnixMillis t : bars->ts())
        ASSERT_TRUE(model::is_nyse_trading_day(days_from_millis(t))) << format_iso8601(t);
    EXPECT_EQ(bars->ts()[0], *parse_iso8601("2024-01-02"));  // Jan 1 is a holiday
}

TEST(SyntheticTest, RejectsBadParameters) {
    SyntheticParams p;
    p.bars = 0;
    const auto r = generate_bars(p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), "bars must be >= 1, was 0");
    p.bars = 10;
    p.start_price = -1;
    EXPECT_FALSE(generate_bars(p));
}

}  // namespace
}  // namespace aitp::data
