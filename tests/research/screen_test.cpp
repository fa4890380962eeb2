// SPDX-License-Identifier: MIT
// The generic screen runner: top-K keeps the best rows of the full run, per-metric summaries
// agree with a plain computation over every row and do not depend on the thread count.
#include "research/screen.hpp"

#include <cmath>

#include <gtest/gtest.h>

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

TEST(ScreenTest, TopKSummariesMatchFullRunAtAnyThreadCount) {
    const model::BarSeries bars = reference_bars();
    const StrategySpec& spec = **find_strategy("sma_crossover");
    ScreenOptions full;
    full.sweep.threads = 1;
    const auto all = run_screen(spec, market_data(bars), spec.grid, full);
    ASSERT_TRUE(all.has_value());

    // Plain summary of Sharpe over every row (finite values only).
    double n = 0, sum = 0, lo = INFINITY, hi = -INFINITY;
    std::size_t non_finite = 0;
    for (const ScreenRow& row : all->table.rows) {
        const double x = row.metrics.sharpe_ratio;
        if (!std::isfinite(x)) {
            ++non_finite;
            continue;
        }
        n += 1;
        sum += x;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    double ss = 0;
    for (const ScreenRow& row : all->table.rows) {
        const double x = row.metrics.sharpe_ratio;
        if (std::isfinite(x)) ss += (x - sum / n) * (x - sum / n);
    }
    const MetricSummary& s = all->summaries.sharpe_ratio;
    EXPECT_EQ(s.count, 348u);
    EXPECT_EQ(s.non_finite, 3u);  // the three equal-window pairs never trade
    EXPECT_EQ(s.non_finite, non_finite);
    EXPECT_EQ(s.min, lo);
    EXPECT_EQ(s.max, hi);
    EXPECT_NEAR(s.mean, sum / n, 1e-9);
    EXPECT_NEAR(s.std, std::sqrt(ss / (n - 1)), 1e-9);

    const auto ranked_all = ranked(*all);
    for (int threads : {1, 2}) {
        ScreenOptions top = full;
        top.top_k = 10;
        top.sweep.threads = threads;
        const auto best = run_screen(spec, market_data(bars), spec.grid, top);
        ASSERT_TRUE(best.has_value());
        ASSERT_EQ(best->table.rows.size(), 10u);
        for (std::size_t i = 0; i < 10; ++i) {
            EXPECT_EQ(best->grid_index[i], ranked_all.grid_index[i]) << "rank " << i;
        }
        const MetricSummary& t = best->summaries.sharpe_ratio;
        EXPECT_EQ(t.count, s.count);
        EXPECT_EQ(t.mean, s.mean) << "threads " << threads;  // bit-identical
        EXPECT_EQ(t.std, s.std);
        EXPECT_EQ(best->summaries.total_return.mean, all->summaries.total_return.mean);
    }
}

TEST(ScreenTest, ZeroTradeStatsFollowTheOriginalPerScreen) {
    const model::BarSeries bars = reference_bars();
    const std::vector<ParamVector> never = {{21, 0, 80}};  // RSI never below 0
    const auto rsi = run_screen(**find_strategy("rsi_mean_reversion"), market_data(bars), never,
                                ScreenOptions{});
    ASSERT_TRUE(rsi.has_value());
    EXPECT_EQ(rsi->table.rows[0].metrics.win_rate, 0.0);
    EXPECT_EQ(rsi->table.rows[0].metrics.profit_factor, 0.0);
    const std::vector<ParamVector> equal = {{20, 20}};
    const auto sma =
        run_screen(**find_strategy("sma_crossover"), market_data(bars), equal, ScreenOptions{});
    ASSERT_TRUE(sma.has_value());
    EXPECT_TRUE(std::isnan(sma->table.rows[0].metrics.win_rate));
}

TEST(ScreenTest, RelativeStrengthWithoutBenchmarkIsAnError) {
    const model::BarSeries bars = reference_bars();
    const StrategySpec& spec = **find_strategy("relative_strength");
    const auto r = run_screen(spec, market_data(bars), spec.grid, ScreenOptions{});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("benchmark"), std::string::npos);
}

// Issue 16 item 9: the vectorised engine refuses the bars import refuses.
TEST(ScreenTest, RefusesBarsWithNonPositiveOrCrossedPrices) {
    model::BarSeries bars = reference_bars();
    const StrategySpec& spec = **find_strategy("sma_crossover");
    bars.mutable_close()[100] = -1.0;
    auto r = run_screen(spec, market_data(bars), spec.grid, ScreenOptions{});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(), "bar 100: close is -1 (prices must be > 0)");
    bars = reference_bars();
    bars.mutable_high()[7] = bars.low()[7] / 2;
    const auto single = run_single(spec, market_data(bars), spec.grid.front(), ScreenOptions{});
    ASSERT_FALSE(single.has_value());
    EXPECT_NE(single.error().message().find("bar 7: high"), std::string::npos);
    EXPECT_NE(single.error().message().find("is below low"), std::string::npos);
}

TEST(ScreenTest, AlignWithBenchmarkKeepsCommonTimestamps) {
    model::BarSeries a, b;
    for (UnixMillis ts : {1, 2, 3, 5}) a.push_back({ts, 1, 1, 1, static_cast<double>(ts), 1});
    for (UnixMillis ts : {2, 3, 4, 5})
        b.push_back({ts, 1, 1, 1, 10.0 * static_cast<double>(ts), 1});
    const AlignedBars j = align_with_benchmark(a, b);
    ASSERT_EQ(j.bars.size(), 3u);
    EXPECT_EQ(j.bars.ts()[0], 2);
    EXPECT_EQ(j.benchmark_close, (std::vector<double>{20, 30, 50}));
}

}  // namespace
}  // namespace aitp::research
