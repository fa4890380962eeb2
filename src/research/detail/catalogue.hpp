// SPDX-License-Identifier: MIT
// Builders of the strategy catalogues (screen_strategies.cpp, crypto_strategies.cpp) and the
// grid helper they share. Internal to research.
#pragma once

#include <vector>

#include "research/strategy.hpp"

namespace aitp::research::detail {

/// The cartesian product of value lists, the first list outermost (nested-loop order).
std::vector<ParamVector> cartesian_grid(const std::vector<std::vector<double>>& lists);

std::vector<StrategySpec> make_screen_strategies();
std::vector<StrategySpec> make_validation_strategies();

}  // namespace aitp::research::detail
