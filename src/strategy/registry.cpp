// SPDX-License-Identifier: MIT
#include "strategy/registry.hpp"

#include <fmt/format.h>

#include "strategy/freqtrade_strategies.hpp"
#include "strategy/names.hpp"
#include "strategy/nautilus_strategies.hpp"
#include "strategy/sma_cross.hpp"

namespace aitp::strategy {

namespace {

std::vector<StrategyInfo> build() {
    std::vector<StrategyInfo> out;
    out.push_back({"sma_crossover", strategy_summary("sma_crossover"), SmaCross::param_specs(),
                   false,
                   [](const ParamSet& p) -> std::unique_ptr<Strategy> {
                       return std::make_unique<SmaCross>(SmaCross::from_params(p));
                   },
                   &SmaCross::check});
    out.push_back({"CryptoInvestorV1", strategy_summary("CryptoInvestorV1"),
                   crypto_investor_v1_params(), true, &make_crypto_investor_v1});
    out.push_back({"BollingerMeanReversion", strategy_summary("BollingerMeanReversion"),
                   bollinger_mean_reversion_params(), true, &make_bollinger_mean_reversion});
    out.push_back({"VolatilityBreakout", strategy_summary("VolatilityBreakout"),
                   volatility_breakout_params(), true, &make_volatility_breakout});
    // The seven Nautilus-tier strategies share one factory keyed by name; a captureless lambda
    // per entry keeps the table of plain function pointers.
    static constexpr std::unique_ptr<Strategy> (*kMakers[])(const ParamSet&) = {
        [](const ParamSet& p) { return make_nautilus_strategy("NautilusTrendFollowing", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("NautilusMeanReversion", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("NautilusVolatilityBreakout", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("EquityMomentum", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("EquityMeanReversion", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("ForexTrend", p); },
        [](const ParamSet& p) { return make_nautilus_strategy("ForexRange", p); },
    };
    const auto names = nautilus_strategy_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        out.push_back({names[i], strategy_summary(names[i]), nautilus_param_specs(names[i]), false,
                       kMakers[i]});
    }
    return out;
}

}  // namespace

const std::vector<StrategyInfo>& strategy_registry() {
    static const std::vector<StrategyInfo> table = build();
    return table;
}

const StrategyInfo* find_strategy(std::string_view name) {
    name = canonical_strategy_name(name);
    for (const StrategyInfo& s : strategy_registry()) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name,
                                                std::span<const ParamOverride> overrides) {
    const StrategyInfo* info = find_strategy(name);
    if (info == nullptr) {
        std::string known;
        for (const StrategyInfo& s : strategy_registry()) {
            known += known.empty() ? "" : ", ";
            known += s.name;
        }
        return fail(
            Error::not_found(fmt::format("unknown strategy '{}' (known: {})", name, known)));
    }
    AITP_TRY_ASSIGN(const ParamSet params, ParamSet::resolve(info->name, info->params, overrides));
    if (info->check != nullptr) AITP_TRY(info->check(params));
    return info->make(params);
}

}  // namespace aitp::strategy
