// SPDX-License-Identifier: MIT
#include "research/strategy.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "model/bar_check.hpp"
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

Status check_market_data(const MarketData& data) {
    const auto at = [](std::span<const double> col, std::size_t i) {
        return i < col.size() ? col[i] : std::numeric_limits<double>::quiet_NaN();
    };
    for (std::size_t i = 0; i < data.size(); ++i) {
        const model::Bar bar{0,
                             at(data.open, i),
                             at(data.high, i),
                             at(data.low, i),
                             data.close[i],
                             at(data.volume, i)};
        const auto defect =
            model::find_bar_defect(bar.open, bar.high, bar.low, bar.close, bar.volume);
        if (defect != model::BarDefect::None) {
            return fail(Error::invalid_argument(
                fmt::format("bar {}: {}", i, model::describe_bar_defect(bar, defect))));
        }
    }
    return ok_status();
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
