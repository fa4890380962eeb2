// SPDX-License-Identifier: MIT
#include "research/strategy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "research/detail/catalogue.hpp"
#include "strategy/names.hpp"

namespace aitp::research {

MarketData MarketData::slice(std::size_t begin, std::size_t end) const {
    auto cut = [&](std::span<const double> s) {
        return s.empty() ? s : s.subspan(begin, end - begin);
    };
    return {cut(open), cut(high), cut(low), cut(close), cut(volume), cut(benchmark)};
}

MarketData market_data(const model::BarSeries& bars, std::span<const double> benchmark) {
    return {bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(), benchmark};
}

AlignedBars align_with_benchmark(const model::BarSeries& bars, const model::BarSeries& benchmark) {
    AlignedBars out;
    const auto bts = benchmark.ts();
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto it = std::lower_bound(bts.begin(), bts.end(), bars.ts()[i]);
        if (it == bts.end() || *it != bars.ts()[i]) continue;
        out.bars.push_back(bars.bar(i));
        out.benchmark_close.push_back(
            benchmark.close()[static_cast<std::size_t>(it - bts.begin())]);
    }
    return out;
}

const std::vector<StrategySpec>& screen_strategies() {
    static const std::vector<StrategySpec> kStrategies = detail::make_screen_strategies();
    return kStrategies;
}

const std::vector<StrategySpec>& validation_strategies() {
    static const std::vector<StrategySpec> kStrategies = detail::make_validation_strategies();
    return kStrategies;
}

Result<const StrategySpec*> find_strategy(std::string_view name) {
    name = strategy::canonical_strategy_name(name);
    std::string names;
    for (const auto* list : {&screen_strategies(), &validation_strategies()}) {
        for (const StrategySpec& s : *list) {
            if (s.name == name) return &s;
            names += (names.empty() ? "" : ", ") + s.name;
        }
    }
    return fail(Error::not_found(fmt::format("unknown strategy '{}' (known: {})", name, names)));
}

Result<double> asset_class_fees(std::string_view asset_class) {
    if (asset_class == "crypto") return 0.001;
    if (asset_class == "equity") return 0.0;
    if (asset_class == "forex") return 0.0001;
    return fail(Error::invalid_argument(
        fmt::format("asset class must be crypto, equity or forex, was '{}'", asset_class)));
}

}  // namespace aitp::research
