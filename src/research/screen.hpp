// SPDX-License-Identifier: MIT
// Running a strategy's grid: one simulation per parameter vector on one price series, in
// parallel, results identical at any thread count; optionally only the top K rows, and the
// per-block return sums of every combination that the overfitting statistics (PBO, deflated
// Sharpe) need. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "research/metric_summary.hpp"
#include "research/screen_table.hpp"
#include "research/signal_simulation.hpp"
#include "research/strategy.hpp"
#include "research/sweep.hpp"

namespace aitp::research {

struct ScreenOptions {
    SimConfig sim;                  ///< fees, slippage, annualisation, direction, stops
    bool use_strategy_stop = true;  ///< sim.sl_stop = the strategy's own stop when it has one
    SweepOptions sweep;
    std::size_t top_k = 0;  ///< keep only the best K rows by ranks_before (0 = all, grid order)
    int pbo_blocks = 0;     ///< > 0: record per-block return sums of every combination
};

/// Power sums of per-bar returns over a block of bars.
struct ReturnSums {
    double n = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0;
    void add(double r) {
        const double r2 = r * r;
        n += 1.0;
        s1 += r;
        s2 += r2;
        s3 += r2 * r;
        s4 += r2 * r2;
    }
};

struct ScreenResult {
    ScreenTable table;                    ///< every row in grid order, or the top K best first
    std::vector<std::size_t> grid_index;  ///< grid position of each row
    std::size_t total_combos = 0;
    int blocks = 0;
    std::vector<ReturnSums> block_sums;  ///< total_combos x blocks, combination-major
    SweepSummaries summaries;  ///< over every combination, also when only the top K are kept
};

/// Returns the simulation config a strategy runs with under `options`.
SimConfig strategy_sim_config(const StrategySpec& spec, const ScreenOptions& options);

/// Runs every parameter vector of `grid`. InvalidArgument for bars check_market_data refuses; other
/// errors come from the strategy's prepare step.
Result<ScreenResult> run_screen(const StrategySpec& spec, const MarketData& data,
                                std::span<const ParamVector> grid, const ScreenOptions& options);

/// Simulates one parameter vector (full trade list and equity curve).
Result<SimResult> run_single(const StrategySpec& spec, const MarketData& data,
                             const ParamVector& params, const ScreenOptions& options);

/// Applies the strategy's reporting convention to one run's metrics (win_rate/profit_factor 0
/// without trades where the original did so).
void apply_reporting_convention(const StrategySpec& spec, metrics::RunMetrics& m);

/// Returns the rows of `r` (any order) sorted by ranks_before on their grid positions, with
/// those positions.
ScreenResult ranked(const ScreenResult& r);

}  // namespace aitp::research
