// SPDX-License-Identifier: MIT
// The strategy registry: every built-in strategy with its parameters and a factory, so the CLI
// (and later the server and Python) enumerate and build strategies by name. Immutable table;
// safe to read from any thread.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "strategy/params.hpp"
#include "strategy/strategy.hpp"

namespace aitp::strategy {

struct StrategyInfo {
    std::string_view name;
    std::string_view description;
    std::vector<ParamSpec> params;
    /// True for Freqtrade-style strategies, which the original backtested with fills at the
    /// next bar's open; false means market orders fill at the signal bar's close.
    bool fills_next_open = false;
    std::unique_ptr<Strategy> (*make)(const ParamSet& params);
    /// Rules across parameters that each range cannot say (sma_crossover: fast < slow); null
    /// when there are none. make_strategy applies it, so a run is refused before it starts.
    Status (*check)(const ParamSet& params) = nullptr;
};

/// Returns every built-in strategy, sma_crossover first. Names and descriptions come from the
/// one vocabulary of strategy/names.hpp.
const std::vector<StrategyInfo>& strategy_registry();
/// Returns the strategy with this name or alias (sma_cross), or nullptr.
const StrategyInfo* find_strategy(std::string_view name);
/// Resolves overrides and builds the strategy; NotFound "unknown strategy 'x' (known: ...)".
Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name,
                                                std::span<const ParamOverride> overrides);

}  // namespace aitp::strategy
