// SPDX-License-Identifier: MIT
// Signal-based portfolio simulation with vectorbt Portfolio.from_signals semantics (as the
// original screener used them): one asset, all cash in, fill at the bar's close, proportional
// fees and slippage, no accumulation, same-bar entry+exit ignored, open position valued at the
// last close and counted as a trade. Options: short-only and long-short (reversal on the
// opposite signal), stop-loss, take-profit and trailing stop on closes. Pure function;
// thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "metrics/run_metrics.hpp"

namespace aitp::research {

/// Which side the signals trade. LongOnly: entries buy, exits sell. ShortOnly: entries open a
/// short, exits cover it. LongShort: entries go long and exits go short, reversing an opposite
/// position on the same bar (vectorbt direction="both").
enum class Direction { LongOnly, ShortOnly, LongShort };

/// Costs, sizing and exit rules of a simulation.
struct SimConfig {
    double initial_cash = 10'000.0;
    double fees = 0.001;               ///< fraction of traded value per order (0.001 = 0.1 %)
    double slippage = 0.0;             ///< fraction: buys fill at close*(1+s), sells at close*(1-s)
    double periods_per_year = 8760.0;  ///< 365 days / bar interval (metrics::periods_per_year)
    Direction direction = Direction::LongOnly;
    /// Stop-loss as a fraction of the entry fill price (0 = off): a long closes at the first
    /// later bar whose close <= entry * (1 - sl_stop), a short when close >= entry * (1 + sl).
    double sl_stop = 0.0;
    /// With sl_stop: the stop trails the best close since entry instead of the entry price.
    bool sl_trail = false;
    /// Take-profit fraction (0 = off): a long closes when close >= entry * (1 + tp_stop), a
    /// short when close <= entry * (1 - tp_stop).
    double tp_stop = 0.0;
};

/// One round trip (vectorbt exit trade). An open trade ends at the last bar with no exit fee.
struct SimTrade {
    std::int64_t entry_index = 0;
    std::int64_t exit_index = 0;
    double size = 0.0;  ///< units, positive for both sides
    double entry_price = 0.0;
    double exit_price = 0.0;
    double entry_fee = 0.0;
    double exit_fee = 0.0;
    double pnl = 0.0;  ///< size*(exit - entry) (negated for shorts) - fees, currency
    bool is_open = false;
    bool is_short = false;
    bool by_stop = false;  ///< closed by the stop-loss, trailing stop or take-profit
};

/// The outcome of one simulation.
struct SimResult {
    std::vector<double> values;  ///< equity after each bar's order
    std::vector<SimTrade> trades;
    metrics::RunMetrics metrics;
};

/// Simulates trading on `close` with 0/1 signals. Stops are checked from the bar after the
/// entry, before that bar's signals; a bar whose stop fires ignores its signals. Requires:
/// equal sizes, close non-empty and positive.
SimResult simulate_signals(std::span<const double> close, std::span<const std::uint8_t> entries,
                           std::span<const std::uint8_t> exits, const SimConfig& config);

}  // namespace aitp::research
