// SPDX-License-Identifier: MIT
// Walk-forward: fold plans, and proof that each test window is scored with the parameters
// chosen on its training window (not re-optimised on the test window as the original did).
#include "research/walk_forward.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "indicators/momentum/rsi.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

model::BarSeries reference_bars() {
    const auto t = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    model::BarSeries bars;
    for (std::size_t i = 0; i < t.rows(); ++i) {
        bars.push_back({static_cast<UnixMillis>(t.column("timestamp")[i]), t.column("open")[i],
                        t.column("high")[i], t.column("low")[i], t.column("close")[i],
                        t.column("volume")[i]});
    }
    return bars;
}

TEST(WalkForwardTest, RollingFoldsFollowTheOriginalPlan) {
    const auto f = rolling_folds(5000, 3, 0.7);
    ASSERT_EQ(f.size(), 3u);
    EXPECT_EQ(f[0].train_begin, 0u);
    EXPECT_EQ(f[0].train_end, 1166u);  // int(1666 * 0.7)
    EXPECT_EQ(f[0].test_end, 1666u);
    EXPECT_EQ(f[2].train_begin, 3332u);
    EXPECT_EQ(f[2].test_end, 4998u);
    EXPECT_TRUE(rolling_folds(250, 3).empty());  // windows under 100 rows
}

TEST(WalkForwardTest, ExpandingFoldsTrainOnAllEarlierSegments) {
    const auto f = expanding_folds(600, 5);
    ASSERT_EQ(f.size(), 5u);
    for (std::size_t k = 0; k < 5; ++k) {
        EXPECT_EQ(f[k].train_begin, 0u);
        EXPECT_EQ(f[k].train_end, (k + 1) * 100);
        EXPECT_EQ(f[k].test_begin, (k + 1) * 100);
        EXPECT_EQ(f[k].test_end, (k + 2) * 100);
    }
    EXPECT_TRUE(expanding_folds(290, 5).empty());  // 48-row segments
}

// The RSI screen on ohlcv_a: every fold's parameters are the training window's best, and the
// OOS metrics equal an independent simulation of exactly those parameters on the test window
// (signals rebuilt here from the indicators module). In at least one fold the test window's own
// optimum is better, so a re-optimising walk-forward would have reported something else.
TEST(WalkForwardTest, OutOfSampleWindowUsesInSampleParameters) {
    const model::BarSeries bars = reference_bars();
    const MarketData data = market_data(bars);
    const StrategySpec& spec = **find_strategy("rsi_mean_reversion");
    ScreenOptions opt;
    opt.sweep.threads = 2;
    const auto folds = rolling_folds(bars.size(), 3);
    const auto wf = walk_forward(spec, data, spec.grid, folds, opt);
    ASSERT_TRUE(wf.has_value());
    ASSERT_EQ(wf->folds.size(), 3u);
    int reoptimised_differs = 0;
    for (const FoldResult& f : wf->folds) {
        // Best on the training window, found here by a plain scan.
        const auto train =
            run_screen(spec, data.slice(f.window.train_begin, f.window.train_end), spec.grid, opt);
        ASSERT_TRUE(train.has_value());
        double best = -INFINITY;
        ParamVector best_params;
        for (const ScreenRow& row : train->table.rows) {
            if (row.metrics.num_trades > 0 && std::isfinite(row.metrics.sharpe_ratio) &&
                row.metrics.sharpe_ratio > best) {
                best = row.metrics.sharpe_ratio;
                best_params = row.params;
            }
        }
        EXPECT_EQ(f.params, best_params);
        EXPECT_EQ(f.in_sample.sharpe_ratio, best);

        // Independent OOS: RSI of the test window, level signals, one simulation.
        const auto close =
            data.close.subspan(f.window.test_begin, f.window.test_end - f.window.test_begin);
        std::vector<double> rsi(close.size());
        ASSERT_TRUE(indicators::rsi(close, {static_cast<int>(f.params[0])}, rsi).has_value());
        std::vector<std::uint8_t> en(close.size()), ex(close.size());
        for (std::size_t t = 0; t < close.size(); ++t) {
            en[t] = rsi[t] < f.params[1];
            ex[t] = rsi[t] > f.params[2];
        }
        const SimResult oos = simulate_signals(close, en, ex, opt.sim);
        EXPECT_EQ(f.out_of_sample.sharpe_ratio, oos.metrics.sharpe_ratio);
        EXPECT_EQ(f.out_of_sample.total_return, oos.metrics.total_return);
        EXPECT_EQ(f.out_of_sample.num_trades, oos.metrics.num_trades);

        const auto test =
            run_screen(spec, data.slice(f.window.test_begin, f.window.test_end), spec.grid, opt);
        ASSERT_TRUE(test.has_value());
        const auto& reopt = test->table.rows[best_row(test->table)].metrics;
        EXPECT_GE(reopt.sharpe_ratio, scored_sharpe(f.out_of_sample));
        reoptimised_differs += reopt.sharpe_ratio > scored_sharpe(f.out_of_sample) ? 1 : 0;
    }
    EXPECT_GE(reoptimised_differs, 1);
    double mean_oos = 0.0;
    for (const FoldResult& f : wf->folds) mean_oos += scored_sharpe(f.out_of_sample) / 3.0;
    EXPECT_DOUBLE_EQ(wf->mean_oos_sharpe, mean_oos);
    std::size_t untraded = 0;
    for (const FoldResult& f : wf->folds) untraded += f.out_of_sample.num_trades == 0 ? 1 : 0;
    EXPECT_EQ(wf->folds_without_oos_trades, untraded);
    EXPECT_EQ(wf->robust, wf->mean_oos_sharpe > 0.0 && wf->mean_degradation > 0.5 && untraded == 0);
}

// Folds whose test window never traded score Sharpe 0; a mean that passes only because the
// other folds did well is not evidence of robustness: the verdict says "inconclusive".
TEST(WalkForwardTest, FoldsWithoutOutOfSampleTradesAreInconclusive) {
    WalkForwardResult wf;
    wf.folds.resize(3);
    wf.mean_oos_sharpe = 1.2;
    wf.mean_degradation = 0.8;
    wf.folds_without_oos_trades = 1;
    EXPECT_EQ(walk_forward_verdict(wf), "inconclusive");
    wf.mean_oos_sharpe = -0.1;
    EXPECT_EQ(walk_forward_verdict(wf), "not_robust");
    wf.folds_without_oos_trades = 0;
    wf.mean_oos_sharpe = 1.2;
    wf.robust = true;
    EXPECT_EQ(walk_forward_verdict(wf), "robust");
    EXPECT_EQ(walk_forward_verdict(WalkForwardResult{}), "inconclusive");
}

TEST(WalkForwardTest, NeverTradingRunScoresZeroNotInfinity) {
    metrics::RunMetrics m;
    m.sharpe_ratio = INFINITY;
    m.num_trades = 0;
    EXPECT_EQ(scored_sharpe(m), 0.0);
    m.num_trades = 3;
    m.sharpe_ratio = 1.5;
    EXPECT_EQ(scored_sharpe(m), 1.5);
}

}  // namespace
}  // namespace aitp::research
