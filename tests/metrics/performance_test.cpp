// SPDX-License-Identifier: MIT
#include "metrics/performance.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace aitp::metrics {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

// Hand check: pnl 100, -40, -80, 30 -> cumsum 100, 60, -20, 10; worst fall from 100 is -120.
TEST(PerformanceMetricsTest, MatchesHandCheckedTradeList) {
    const std::vector<TradeRecord> t = {
        {0, 2 * kHour, 100.0, 0.02, "long"},
        {kDay, kDay + 4 * kHour, -40.0, -0.01, "long"},
        {2 * kDay, 2 * kDay + 6 * kHour, -80.0, -0.015, "long"},
        {3 * kDay, 4 * kDay, 30.0, 0.005, "long"},
    };
    auto r = compute_performance_metrics(t);
    ASSERT_TRUE(r.has_value());
    const PerformanceMetrics& m = *r;
    EXPECT_EQ(m.total_trades, 4);
    EXPECT_EQ(m.total_pnl, 10.0);
    EXPECT_EQ(m.win_rate, 0.5);
    EXPECT_EQ(m.profit_factor, round_decimal(130.0 / 120.0, 3));
    EXPECT_EQ(m.profit_factor, 1.083);
    EXPECT_DOUBLE_EQ(m.avg_win, 65.0);
    EXPECT_DOUBLE_EQ(m.avg_loss, -60.0);
    // Cumulative pnl 100, 60, -20, 10: 120 below the 100 peak, reported positive (the
    // original's max_drawdown is -120).
    EXPECT_DOUBLE_EQ(m.max_drawdown_amount, 120.0);
    EXPECT_EQ(m.best_trade, 100.0);
    EXPECT_EQ(m.worst_trade, -80.0);
    // Span first entry -> last exit is 4 days: 4 trades * 365.25 / 4 per year.
    EXPECT_DOUBLE_EQ(m.trades_per_year, 365.25);
    const double mu = (0.02 - 0.01 - 0.015 + 0.005) / 4.0;
    const double ss = (0.02 - mu) * (0.02 - mu) + (-0.01 - mu) * (-0.01 - mu) +
                      (-0.015 - mu) * (-0.015 - mu) + (0.005 - mu) * (0.005 - mu);
    EXPECT_NEAR(m.sharpe, mu / std::sqrt(ss / 3.0) * std::sqrt(365.25), 1e-12);
    // Durations 2 h, 4 h, 6 h, 24 h: mean 9 h.
    EXPECT_EQ(m.avg_trade_duration, "0 days 09:00:00");
}

TEST(PerformanceMetricsTest, EmptyTradeListIsAnError) {
    auto r = compute_performance_metrics({});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(), "No trades to analyze");
}

TEST(PerformanceMetricsTest, SingleTradeUses252AndZeroSharpe) {
    const std::vector<TradeRecord> t = {{0, kHour, 5.0, 0.01, "long"}};
    auto r = compute_performance_metrics(t);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->trades_per_year, 252.0);
    EXPECT_EQ(r->sharpe, 0.0);
    EXPECT_EQ(r->profit_factor, std::numeric_limits<double>::infinity());
    EXPECT_EQ(r->max_drawdown_amount, 0.0);
    EXPECT_FALSE(std::signbit(r->max_drawdown_amount));
}

TEST(PerformanceMetricsTest, RoundsLikePython) {
    EXPECT_EQ(round_decimal(2.675, 2), 2.67);  // 2.675 is 2.67499999... in binary
    EXPECT_EQ(round_decimal(0.125, 2), 0.12);  // exact half rounds to even
    EXPECT_EQ(round_decimal(-1.23456, 4), -1.2346);
    EXPECT_EQ(format_timedelta(kDay + 3 * kHour + 61'500), "1 days 03:01:01.500000");
}

}  // namespace
}  // namespace aitp::metrics
