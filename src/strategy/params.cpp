// SPDX-License-Identifier: MIT
#include "strategy/params.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/check.hpp"

namespace aitp::strategy {

namespace {

Result<double> parse_number(std::string_view strategy, std::string_view name,
                            std::string_view text) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
        return fail(Error::invalid_argument(fmt::format(
            "parameter '{}' of strategy {}: '{}' is not a number", name, strategy, text)));
    }
    return v;
}

std::string known_names(std::span<const ParamSpec> specs) {
    std::string s;
    for (const ParamSpec& p : specs) {
        s += s.empty() ? "" : ", ";
        s += p.name;
    }
    return s.empty() ? "none" : s;
}

}  // namespace

ParamSet ParamSet::defaults(std::span<const ParamSpec> specs) {
    ParamSet out;
    for (const ParamSpec& p : specs) out.values_.emplace_back(std::string(p.name), p.default_value);
    return out;
}

Result<ParamSet> ParamSet::resolve(std::string_view strategy, std::span<const ParamSpec> specs,
                                   std::span<const ParamOverride> overrides) {
    ParamSet out = defaults(specs);
    for (const ParamOverride& ov : overrides) {
        std::size_t k = 0;
        while (k < specs.size() && specs[k].name != ov.first) ++k;
        if (k == specs.size()) {
            return fail(Error::invalid_argument(
                fmt::format("unknown parameter '{}' for strategy {} (known: {})", ov.first,
                            strategy, known_names(specs))));
        }
        const ParamSpec& spec = specs[k];
        AITP_TRY_ASSIGN(const double v, parse_number(strategy, spec.name, ov.second));
        if (spec.is_integer && v != std::floor(v)) {
            return fail(Error::invalid_argument(
                fmt::format("parameter '{}' of strategy {} must be an integer, was {}", spec.name,
                            strategy, ov.second)));
        }
        if (v < spec.min || v > spec.max) {
            return fail(Error::invalid_argument(
                fmt::format("parameter '{}' of strategy {} must be in [{}, {}], was {}", spec.name,
                            strategy, spec.min, spec.max, ov.second)));
        }
        out.values_[k].second = v;
    }
    return out;
}

double ParamSet::get(std::string_view name) const {
    for (const auto& [n, v] : values_) {
        if (n == name) return v;
    }
    AITP_CHECK(false, "Condition failed: parameter name is declared by the strategy");
    return 0.0;
}

}  // namespace aitp::strategy
