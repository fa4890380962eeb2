// SPDX-License-Identifier: MIT
#include "metrics/run_metrics.hpp"

#include <cmath>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "metrics/return_metrics.hpp"

namespace aitp::metrics {
namespace {

// Hand check: returns 0, 0, -0.01, 200/9900; one trade of +100 held for 2 of 4 bars.
TEST(RunMetricsTest, CombinesReturnAndTradeMetrics) {
    const std::vector<double> v = {10000, 10000, 9900, 10100};
    const std::vector<double> pnl = {100.0};
    RunInputs in;
    in.values = v;
    in.trade_pnls = pnl;
    in.bars_in_position = 2;
    in.periods_per_year = 8760.0;
    const RunMetrics m = compute_run_metrics(in);
    EXPECT_DOUBLE_EQ(m.final_value, 10100.0);
    EXPECT_NEAR(m.total_return, 0.01, 1e-15);
    const double r3 = 200.0 / 9900.0;
    const double mu = (-0.01 + r3) / 4.0;
    const double ss = mu * mu * 2 + (-0.01 - mu) * (-0.01 - mu) + (r3 - mu) * (r3 - mu);
    EXPECT_NEAR(m.sharpe_ratio, mu / std::sqrt(ss / 3.0) * std::sqrt(8760.0), 1e-10);
    EXPECT_NEAR(m.max_drawdown_pct, 0.01, 1e-15);
    EXPECT_DOUBLE_EQ(m.max_drawdown_amount, 100.0);
    EXPECT_EQ(m.num_trades, 1);
    EXPECT_EQ(m.win_rate, 1.0);
    EXPECT_DOUBLE_EQ(m.exposure, 0.5);
    EXPECT_DOUBLE_EQ(m.trades_per_year, 8760.0 / 4.0);
    EXPECT_NEAR(m.calmar_ratio, (std::pow(1.01, 8760.0 / 4.0) - 1.0) / 0.01, 1e-6 * m.calmar_ratio);
}

// Issue 18 item 5, hand check: 100 -> 120 -> 90 -> 130 falls from the 120 peak to 90, which is
// 30 currency units and 30 / 120 = 25 % below the peak; both reported positive. The later,
// smaller fall 130 -> 117 (10 %, 13 units) must not replace it.
TEST(RunMetricsTest, DrawdownIsPositiveAsAFractionAndAsAnAmount) {
    const std::vector<double> v = {100, 120, 90, 130, 117};
    RunInputs in;
    in.values = v;
    in.initial_cash = 100.0;
    const RunMetrics m = compute_run_metrics(in);
    EXPECT_DOUBLE_EQ(m.max_drawdown_pct, 0.25);
    EXPECT_DOUBLE_EQ(m.max_drawdown_amount, 30.0);
    EXPECT_EQ(drawdown_text(m), "-25.00 % (-30.00)");
    const std::vector<double> rising = {100, 101, 102};
    in.values = rising;
    const RunMetrics flat = compute_run_metrics(in);
    EXPECT_EQ(flat.max_drawdown_pct, 0.0);
    EXPECT_EQ(flat.max_drawdown_amount, 0.0);
    EXPECT_EQ(drawdown_text(flat), "0.00 % (0.00)");
}

// compute_run_metrics fuses its passes; the results must equal the separate functions bit for
// bit (random curves with flat stretches; seed-free deterministic generator).
TEST(RunMetricsTest, FusedPassesEqualSeparateFunctionsBitForBit) {
    std::uint64_t x = 88172645463325252ull;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return static_cast<double>(x >> 11) / 9007199254740992.0;
    };
    for (int trial = 0; trial < 50; ++trial) {
        const auto n = static_cast<std::size_t>(1 + next() * 400);
        std::vector<double> v(n);
        double p = 10000.0;
        for (auto& e : v) {
            if (next() < 0.6) p *= 1.0 + 0.02 * (next() - 0.5);
            e = p;
        }
        RunInputs in;
        in.values = v;
        in.periods_per_year = 365.0;
        const RunMetrics m = compute_run_metrics(in);
        std::vector<double> r(n);
        simple_returns(v, in.initial_cash, r);
        const double sharpe = sharpe_ratio(r, 365.0);
        if (std::isnan(sharpe)) {
            EXPECT_TRUE(std::isnan(m.sharpe_ratio));
        } else {
            EXPECT_EQ(m.sharpe_ratio, sharpe) << "trial " << trial;
        }
        EXPECT_EQ(m.sortino_ratio, sortino_ratio(r, 365.0)) << "trial " << trial;
        EXPECT_EQ(m.max_drawdown_pct, max_drawdown(v)) << "trial " << trial;
        EXPECT_EQ(m.max_drawdown_amount, max_drawdown_amount(v)) << "trial " << trial;
    }
}

}  // namespace
}  // namespace aitp::metrics
