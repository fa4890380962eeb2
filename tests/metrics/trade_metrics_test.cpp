// SPDX-License-Identifier: MIT
#include "metrics/trade_metrics.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace aitp::metrics {
namespace {

// Hand check: wins 10 and 20 (30), loss 5, one zero-pnl trade; mean 25 / 4.
TEST(TradeMetricsTest, ZeroPnlCountsInDenominatorButNotAsWin) {
    const std::vector<double> pnl = {10.0, -5.0, 0.0, 20.0};
    const TradeStats s = trade_stats(pnl);
    EXPECT_EQ(s.num_trades, 4);
    EXPECT_DOUBLE_EQ(s.win_rate, 0.5);
    EXPECT_DOUBLE_EQ(s.profit_factor, 6.0);
    EXPECT_DOUBLE_EQ(s.avg_trade_pnl, 6.25);
}

TEST(TradeMetricsTest, NoTradesGiveNaN) {
    const TradeStats s = trade_stats({});
    EXPECT_EQ(s.num_trades, 0);
    EXPECT_TRUE(std::isnan(s.win_rate));
    EXPECT_TRUE(std::isnan(s.profit_factor));
    EXPECT_TRUE(std::isnan(s.avg_trade_pnl));
}

TEST(TradeMetricsTest, ProfitFactorEdgeCasesFollowVectorbt) {
    EXPECT_EQ(trade_stats(std::vector<double>{3.0, 0.0}).profit_factor,
              std::numeric_limits<double>::infinity());
    EXPECT_EQ(trade_stats(std::vector<double>{-3.0, 0.0}).profit_factor, 0.0);
    EXPECT_TRUE(std::isnan(trade_stats(std::vector<double>{0.0, 0.0}).profit_factor));
}

}  // namespace
}  // namespace aitp::metrics
