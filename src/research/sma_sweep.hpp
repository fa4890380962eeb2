// SPDX-License-Identifier: MIT
// SmaCrossoverSweep: the fast path for large SMA crossover sweeps. Precomputes vectorbt's MA once
// per distinct window (windows x bars doubles) and evaluates each (fast, slow) pair in one tight
// pass that fuses the crossing state machine, the from_signals accounting and the return
// metrics, without materialising signals or equity. Immutable after construction; evaluate()
// is safe to call from many threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "research/signal_simulation.hpp"
#include "research/sma_crossover.hpp"
#include "research/sweep.hpp"

namespace aitp::research {

namespace detail {
struct SmaSeries;
}  // namespace detail

/// The per-combination numbers of a fast sweep.
struct SweepMetrics {
    double total_return = 0.0;
    double sharpe_ratio = 0.0;  ///< +inf when the pair never trades
    double max_drawdown = 0.0;  ///< positive fraction
    double final_value = 0.0;
    std::int64_t num_trades = 0;  ///< open trade included
};

class SmaCrossoverSweep {
  public:
    /// Precomputes the MA of every distinct window. Requires: windows >= 1, close positive.
    SmaCrossoverSweep(std::span<const double> close, std::span<const int> windows);

    /// Evaluates one pair (both windows must have been given to the constructor) with long-only
    /// from_signals semantics (config.slippage must be 0). Same signals, trades and final value
    /// as screen_sma_crossover; the Sharpe uses prefix sums of close-to-close returns in extended
    /// precision (agrees to ~1e-12 relative).
    SweepMetrics evaluate(SmaPair pair, const SimConfig& config) const;

    /// Evaluates every pair of the grid, results in grid order, identical at any thread count.
    std::vector<SweepMetrics> run(std::span<const SmaPair> grid, const SimConfig& config,
                                  const SweepOptions& options) const;

    /// Returns the bytes held by the precomputed averages.
    std::size_t memory_bytes() const { return ma_.size() * sizeof(double); }

  private:
    std::span<const double> ma(int window) const;
    detail::SmaSeries series(SmaPair pair) const;

    std::vector<double> close_;
    std::vector<int> windows_;            // sorted, distinct
    std::vector<double> ma_;              // windows_.size() rows of close_.size()
    std::vector<long double> prefix_r_;   // sum of close[u] / close[u-1] - 1 for u <= t
    std::vector<long double> prefix_r2_;  // the same for the squares
};

}  // namespace aitp::research
