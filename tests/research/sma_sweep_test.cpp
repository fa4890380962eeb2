// SPDX-License-Identifier: MIT
#include "research/sma_sweep.hpp"

#include <cmath>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

using testing::within_tolerance;

void expect_fast_path_matches_full_simulation(const std::vector<double>& close,
                                              const std::vector<SmaPair>& grid) {
    std::vector<int> windows;
    for (const auto& p : grid) {
        windows.push_back(p.fast);
        windows.push_back(p.slow);
    }
    const SmaCrossoverSweep sweep(close, windows);
    SimConfig cfg;
    cfg.fees = 0.001;
    const ScreenTable full = screen_sma_crossover(close, grid, cfg, {});
    SweepOptions two;
    two.threads = 2;
    const auto fast = sweep.run(grid, cfg, two);
    ASSERT_EQ(fast.size(), grid.size());
    for (std::size_t i = 0; i < grid.size(); ++i) {
        const auto& m = full.rows[i].metrics;
        SCOPED_TRACE(::testing::Message() << grid[i].fast << "," << grid[i].slow);
        EXPECT_EQ(fast[i].num_trades, m.num_trades);
        const SweepMetrics one = sweep.evaluate(grid[i], cfg);  // unblocked path, same numbers
        EXPECT_EQ(std::memcmp(&one, &fast[i], sizeof one), 0);
        EXPECT_EQ(fast[i].final_value, m.final_value);  // same operations in the same order
        EXPECT_TRUE(within_tolerance(fast[i].total_return, m.total_return));
        EXPECT_TRUE(within_tolerance(fast[i].sharpe_ratio, m.sharpe_ratio))
            << fast[i].sharpe_ratio << " vs " << m.sharpe_ratio;
        EXPECT_TRUE(within_tolerance(fast[i].max_drawdown, m.max_drawdown_pct))
            << fast[i].max_drawdown << " vs " << m.max_drawdown_pct;
    }
}

TEST(SmaSweepTest, FastPathMatchesFullSimulationOnReferenceGrid) {
    const auto bars = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    expect_fast_path_matches_full_simulation(bars.column("close"), sma_original_grid());
}

// Random walks on a coarse tick grid (many exact MA ties); seed 99.
TEST(SmaSweepTest, FastPathMatchesFullSimulationOnRandomWalks) {
    Rng rng(99);
    for (int trial = 0; trial < 3; ++trial) {
        std::vector<double> close(4000);
        double p = 50.0;
        for (auto& x : close) {
            p = std::max(1.0, p + std::round(rng.normal() * 2.0) * 0.25);
            x = p;
        }
        const std::vector<int> fast = {2, 3, 5, 8, 13}, slow = {4, 10, 21, 55, 144};
        auto grid = sma_fast_slow_grid(fast, slow);
        grid.push_back({21, 8});   // fast longer than slow trades the opposite crossover
        grid.push_back({10, 10});  // never trades
        expect_fast_path_matches_full_simulation(close, grid);
    }
}

}  // namespace
}  // namespace aitp::research
