// SPDX-License-Identifier: MIT
#include "indicators/common.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace aitp::indicators {

Status check_min(std::string_view name, long long value, long long min) {
    if (value < min) {
        return fail(Error::invalid_argument(fmt::format("{} must be >= {}, was {}", name, min, value)));
    }
    return ok_status();
}

Status check_non_negative(std::string_view name, double value) {
    if (!std::isfinite(value) || value < 0.0) {
        return fail(Error::invalid_argument(
            fmt::format("{} must be finite and >= 0, was {}", name, value)));
    }
    return ok_status();
}

Status check_series(std::initializer_list<NamedInput> inputs,
                    std::initializer_list<std::span<double>> outputs) {
    if (inputs.size() == 0) {
        return ok_status();
    }
    const NamedInput& first = *inputs.begin();
    const std::size_t n = first.values.size();
    for (const NamedInput& in : inputs) {
        if (in.values.size() != n) {
            return fail(Error::invalid_argument(fmt::format(
                "{} has {} values but {} has {}", in.name, in.values.size(), first.name, n)));
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double x = in.values[i];
            if (!std::isfinite(x)) [[unlikely]] {
                return fail(Error::invalid_argument(fmt::format(
                    "{}[{}] is {}; inputs must be finite", in.name, i, std::isnan(x) ? "NaN" : "infinite")));
            }
        }
    }
    std::size_t k = 0;
    for (const std::span<double>& out : outputs) {
        if (out.size() != n) {
            return fail(Error::invalid_argument(fmt::format(
                "output {} has {} values but the input has {}", k, out.size(), n)));
        }
        ++k;
    }
    return ok_status();
}

}  // namespace aitp::indicators
