// SPDX-License-Identifier: MIT
// The original's three Freqtrade strategies (ORIGINAL.md 4.1) on the FreqtradeStrategy layer
// with TA-Lib-flavour indicators, as the originals used: CryptoInvestorV1,
// BollingerMeanReversion, VolatilityBreakout. Hyperopt parameters keep the original defaults
// and ranges and really take effect. Not thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "strategy/params.hpp"
#include "strategy/strategy.hpp"

namespace aitp::strategy {

const std::vector<ParamSpec>& crypto_investor_v1_params();
const std::vector<ParamSpec>& bollinger_mean_reversion_params();
const std::vector<ParamSpec>& volatility_breakout_params();

std::unique_ptr<Strategy> make_crypto_investor_v1(const ParamSet& p);
std::unique_ptr<Strategy> make_bollinger_mean_reversion(const ParamSet& p);
std::unique_ptr<Strategy> make_volatility_breakout(const ParamSet& p);

}  // namespace aitp::strategy
