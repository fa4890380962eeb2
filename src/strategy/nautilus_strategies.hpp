// SPDX-License-Identifier: MIT
// The original's seven NautilusTrader-tier strategies (ORIGINAL.md 4.2) with their exact entry
// and exit rules on reference-flavour (pandas) indicators, updated incrementally instead of the
// original's recompute-the-5,000-bar-buffer. Long-only, one position per instrument, market
// orders at the bar close, size = balance * risk / (ATR14 * atr_multiplier) rounded to 6 dp
// (capped at what the cash account can pay: the original's simulation had no cash check),
// no signal before `warmup_bars` bars, exit signal first then the close-based stoploss, and
// flat at the last close on stop. Not thread-safe.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "strategy/params.hpp"
#include "strategy/strategy.hpp"

namespace aitp::strategy {

/// The seven names, in the original's registry order.
std::span<const std::string_view> nautilus_strategy_names();
/// Returns the parameter specs of one of them (empty for an unknown name).
const std::vector<ParamSpec>& nautilus_param_specs(std::string_view name);
/// Builds one of them. Requires: name is one of nautilus_strategy_names().
std::unique_ptr<Strategy> make_nautilus_strategy(std::string_view name, const ParamSet& params);

}  // namespace aitp::strategy
