// SPDX-License-Identifier: MIT
// Validation gates: Gate 2 criteria (a 30 % drawdown fails, with drawdown a positive fraction),
// trade returns, Gate 3b perturbation rounding, and an end-to-end run on ohlcv_a.
#include "research/validation.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "metrics/statistics.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

metrics::RunMetrics passing_metrics() {
    metrics::RunMetrics m;
    m.sharpe_ratio = 2.0;
    m.max_drawdown_pct = 0.10;
    m.trades_per_year = 50.0;
    m.num_trades = 100;
    return m;
}

const std::vector<double> kGoodReturns = {0.02, 0.01, 0.03, 0.015, 0.025, -0.005, 0.02, 0.01};

TEST(Gate2Test, PassesWhenEveryCriterionHolds) {
    const Gate2Check g = gate2_check(passing_metrics(), kGoodReturns);
    EXPECT_TRUE(g.sharpe_ok && g.drawdown_ok && g.trades_ok && g.p_value_ok);
    EXPECT_TRUE(g.passed());
}

TEST(Gate2Test, ThirtyPercentDrawdownFails) {
    metrics::RunMetrics m = passing_metrics();
    m.max_drawdown_pct = 0.30;
    const Gate2Check g = gate2_check(m, kGoodReturns);
    EXPECT_FALSE(g.drawdown_ok);
    EXPECT_TRUE(g.sharpe_ok && g.trades_ok && g.p_value_ok);
    EXPECT_FALSE(g.passed());
}

// The drawdown reaching the gate is the simulation's own positive fraction: buy and hold
// 100 -> 200 -> 140 -> 250 loses 30 % from the peak, and that run fails Gate 2.
TEST(Gate2Test, SimulatedThirtyPercentDrawdownFailsGate) {
    const std::vector<double> close = {100, 200, 140, 250};
    const std::vector<std::uint8_t> en = {1, 0, 0, 0}, ex = {0, 0, 0, 0};
    SimConfig cfg;
    cfg.fees = 0.0;
    const SimResult res = simulate_signals(close, en, ex, cfg);
    EXPECT_NEAR(res.metrics.max_drawdown_pct, 0.30, 1e-12);
    metrics::RunMetrics m = passing_metrics();
    m.max_drawdown_pct = res.metrics.max_drawdown_pct;
    EXPECT_FALSE(gate2_check(m, kGoodReturns).passed());
}

TEST(Gate2Test, EachCriterionCanFail) {
    metrics::RunMetrics m = passing_metrics();
    m.sharpe_ratio = 1.0;  // must be > 1
    EXPECT_FALSE(gate2_check(m, kGoodReturns).sharpe_ok);
    m = passing_metrics();
    m.trades_per_year = 30.0;  // must be > 30
    EXPECT_FALSE(gate2_check(m, kGoodReturns).trades_ok);
    const std::vector<double> noisy = {0.02, -0.03, 0.01, -0.015, 0.02, -0.01};
    EXPECT_FALSE(gate2_check(passing_metrics(), noisy).p_value_ok);
    EXPECT_FALSE(gate2_check(passing_metrics(), std::vector<double>{0.05}).p_value_ok);
}

// p = 1 - F_t(t, n - 1) with t = mean / (sd / sqrt(n)); here n = 3, so F is the closed form
// of Student's t with 2 degrees of freedom: 0.5 + t / (2 sqrt(2 + t^2)).
TEST(Gate2Test, PValueIsOneSidedStudentT) {
    const std::vector<double> r = {0.01, 0.03, 0.02};
    const double t = 0.02 / (0.01 / std::sqrt(3.0));
    const Gate2Check g = gate2_check(passing_metrics(), r);
    EXPECT_NEAR(g.t_statistic, t, 1e-12);
    EXPECT_NEAR(g.p_value, 0.5 - t / (2.0 * std::sqrt(2.0 + t * t)), 1e-12);
}

TEST(ValidationTest, TradeReturnsAreOnCapitalCommitted) {
    SimTrade t;
    t.size = 10;
    t.entry_price = 100;
    t.entry_fee = 1;
    t.pnl = 50.5;
    EXPECT_DOUBLE_EQ(trade_returns(std::vector<SimTrade>{t})[0], 50.5 / 1001.0);
}

TEST(ValidationTest, PerturbationsRoundIntegersAndKeepTwoDecimals) {
    StrategySpec spec;
    spec.param_kinds = {ParamKind::Integer, ParamKind::Real, ParamKind::Integer};
    const auto p = perturbations(spec, {21, 2.5, 1});
    ASSERT_EQ(p.size(), 6u);
    EXPECT_EQ(p[0], (ParamVector{17, 2.5, 1}));  // 16.8 -> 17
    EXPECT_EQ(p[1], (ParamVector{25, 2.5, 1}));  // 25.2 -> 25
    EXPECT_EQ(p[2], (ParamVector{21, 2.0, 1}));
    EXPECT_EQ(p[3], (ParamVector{21, 3.0, 1}));
    EXPECT_EQ(p[4], (ParamVector{21, 2.5, 1}));  // 0.8 -> 1 (>= 1)
    EXPECT_EQ(p[5], (ParamVector{21, 2.5, 1}));  // 1.2 -> 1
}

TEST(ValidationTest, CatalogueGridsHaveTheOriginalSizes) {
    EXPECT_EQ((*find_strategy("BollingerMeanReversion"))->grid.size(), 1280u);
    EXPECT_EQ((*find_strategy("CryptoInvestorV1"))->grid.size(), 625u);
    EXPECT_EQ((*find_strategy("VolatilityBreakout"))->grid.size(), 8748u);
    EXPECT_EQ((*find_strategy("volatility_breakout"))->grid.size(), 60u);
    EXPECT_EQ((*find_strategy("ema_rsi_combo"))->grid.size(), 9u);
    EXPECT_EQ((*find_strategy("relative_strength"))->grid.size(), 16u);
    EXPECT_FALSE(find_strategy("no_such_strategy").has_value());
}

// End to end on ohlcv_a: the report is consistent with its own parts.
TEST(ValidationTest, BollingerMeanReversionReportIsConsistent) {
    const auto t = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    model::BarSeries bars;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        bars.push_back({static_cast<UnixMillis>(t.column("timestamp")[i]), t.column("open")[i],
                        t.column("high")[i], t.column("low")[i], t.column("close")[i],
                        t.column("volume")[i]});
    }
    const StrategySpec& spec = **find_strategy("BollingerMeanReversion");
    ValidationOptions o;
    o.screen.sweep.threads = 2;
    const auto rep = validate_strategy(spec, market_data(bars), spec.grid, o);
    ASSERT_TRUE(rep.has_value()) << rep.error().message();
    EXPECT_EQ(rep->total_combos, 1280u);
    EXPECT_EQ(rep->gate3a.folds.size(), 5u);
    EXPECT_EQ(rep->gate3b.size(), 2 * spec.param_names.size());
    EXPECT_EQ(rep->passed, rep->gate2.passed() && rep->gate3a_passed && rep->gate3b_passed);
    // The chosen run is simulated with the 0.15 % cost and the strategy's 4 % stop.
    const auto single = run_single(spec, market_data(bars), rep->params, o.screen);
    ASSERT_TRUE(single.has_value());
    EXPECT_EQ(single->metrics.sharpe_ratio, rep->metrics.sharpe_ratio);
    EXPECT_EQ(rep->pbo.splits, 252u);  // C(10, 5)
    EXPECT_GE(rep->pbo.pbo, 0.0);
    EXPECT_LE(rep->pbo.pbo, 1.0);
}

}  // namespace
}  // namespace aitp::research
