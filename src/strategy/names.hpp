// SPDX-License-Identifier: MIT
// One vocabulary for strategies: every strategy the platform runs, in the event engine
// (backtest) or vectorised (screen, validate, walkforward), has one canonical name, shown by the
// CLI, the API and the pages, and a one-line summary of what it does. Older names are aliases,
// accepted wherever a name is read (sma_cross -> sma_crossover, volatility_breakout_v ->
// VolatilityBreakout). Canonical names follow the original platform: its screener's snake_case
// names, its Freqtrade and Nautilus class names. Immutable table; safe from any thread.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace aitp::strategy {

struct StrategyName {
    std::string_view name;                      ///< canonical
    std::string_view summary;                   ///< one line: what the strategy does
    std::array<std::string_view, 2> aliases{};  ///< accepted on input, never shown
};

/// Every strategy name, the screener's six first, then the Freqtrade three, then Nautilus.
std::span<const StrategyName> strategy_names();

/// The canonical name of `name` (itself or an alias); `name` unchanged when it is unknown, so
/// the caller's own lookup reports it with its list of known names.
std::string_view canonical_strategy_name(std::string_view name);

/// The one-line summary of a canonical name, or "" when it has none.
std::string_view strategy_summary(std::string_view canonical);

}  // namespace aitp::strategy
