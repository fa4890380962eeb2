// SPDX-License-Identifier: MIT
// The SMA crossover screen of the original (screen_sma_crossover): vbt.MA.run_combs over a
// window list, entries when the fast MA crosses above the slow one, exits when it crosses
// below, with vectorbt's MA and crossing arithmetic bit for bit. Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "research/screen_table.hpp"
#include "research/signal_simulation.hpp"
#include "research/sweep.hpp"

namespace aitp::research {

struct SmaPair {
    int fast = 0;
    int slow = 0;
    friend bool operator==(const SmaPair&, const SmaPair&) = default;
};

/// Returns all pairs of list positions i < j of `windows` in itertools.combinations order
/// (vbt.MA.run_combs with r = 2): fast = windows[i], slow = windows[j].
std::vector<SmaPair> combinations_grid(std::span<const int> windows);

/// Returns the original's 351-pair grid: combinations of [5, 10, ..., 45, 20, 30, ..., 190].
std::vector<SmaPair> sma_original_grid();

/// Returns every (fast, slow) with fast in `fast_windows`, slow in `slow_windows` and
/// fast < slow, fast-major.
std::vector<SmaPair> sma_fast_slow_grid(std::span<const int> fast_windows,
                                        std::span<const int> slow_windows);

/// Writes the entry and exit signals of one pair from the two MA arrays.
void sma_crossover_signals(std::span<const double> fast_ma, std::span<const double> slow_ma,
                           std::span<std::uint8_t> entries, std::span<std::uint8_t> exits);

/// Runs the screen: one full simulation per pair, rows in grid order.
ScreenTable screen_sma_crossover(std::span<const double> close, std::span<const SmaPair> grid,
                                 const SimConfig& config, const SweepOptions& options);

}  // namespace aitp::research
