// SPDX-License-Identifier: MIT
#include "indicators/common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace aitp::indicators {

Status check_min(std::string_view name, long long value, long long min) {
    if (value < min) {
        return fail(
            Error::invalid_argument(fmt::format("{} must be >= {}, was {}", name, min, value)));
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

Status check_finite(const NamedInput& input) {
    const std::size_t n = input.values.size();
    // x * 0 is 0 for finite x and NaN otherwise; summing it over a block is a branch-free,
    // vectorisable scan; only a block that fails is searched for the row.
    constexpr std::size_t kBlock = 512;
    std::size_t bad_from = n;
    for (std::size_t b = 0; b < n && bad_from == n; b += kBlock) {
        const std::size_t e = std::min(n, b + kBlock);
        double acc[4] = {0.0, 0.0, 0.0, 0.0};
        std::size_t i = b;
        for (; i + 4 <= e; i += 4) {
            for (std::size_t j = 0; j < 4; ++j) {
                acc[j] += input.values[i + j] * 0.0;
            }
        }
        for (; i < e; ++i) {
            acc[0] += input.values[i] * 0.0;
        }
        if ((acc[0] + acc[1]) + (acc[2] + acc[3]) != 0.0) [[unlikely]] {
            bad_from = b;
        }
    }
    for (std::size_t i = bad_from; i < n; ++i) {
        const double x = input.values[i];
        if (!std::isfinite(x)) [[unlikely]] {
            return fail(Error::invalid_argument(fmt::format("{}[{}] is {}; inputs must be finite",
                                                            input.name, i,
                                                            std::isnan(x) ? "NaN" : "infinite")));
        }
    }
    return ok_status();
}

Status check_series(std::initializer_list<NamedInput> inputs,
                    std::initializer_list<std::span<double>> outputs) {
    return check_series(std::span(inputs.begin(), inputs.size()),
                        std::span(outputs.begin(), outputs.size()));
}

Status check_series(std::span<const NamedInput> inputs,
                    std::span<const std::span<double>> outputs) {
    if (inputs.empty()) {
        return ok_status();
    }
    const NamedInput& first = inputs.front();
    const std::size_t n = first.values.size();
    for (const NamedInput& in : inputs) {
        if (in.values.size() != n) {
            return fail(Error::invalid_argument(fmt::format(
                "{} has {} values but {} has {}", in.name, in.values.size(), first.name, n)));
        }
        AITP_TRY(check_finite(in));
    }
    std::size_t k = 0;
    for (const std::span<double>& out : outputs) {
        if (out.size() != n) {
            return fail(Error::invalid_argument(
                fmt::format("output {} has {} values but the input has {}", k, out.size(), n)));
        }
        ++k;
    }
    return ok_status();
}

}  // namespace aitp::indicators
