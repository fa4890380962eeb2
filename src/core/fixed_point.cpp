// SPDX-License-Identifier: MIT
#include "core/fixed_point.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace aitp::detail {

namespace {
constexpr std::int64_t kPow10[] = {1,      10,      100,      1000,      10000,
                                   100000, 1000000, 10000000, 100000000, 1000000000};
}  // namespace

Result<std::int64_t> parse_fixed(std::string_view text, int& precision) {
    const auto bad = [&](std::string_view why) {
        return fail(Error::invalid_argument(fmt::format("'{}' is not a decimal: {}", text, why)));
    };
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    std::int64_t int_part = 0;
    std::size_t int_digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++int_digits) {
        if (int_part > (std::numeric_limits<std::int64_t>::max() / kFixedScale) / 10) {
            return bad("out of range");
        }
        int_part = int_part * 10 + (text[pos] - '0');
    }
    std::int64_t frac = 0;
    precision = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            if (precision == kFixedMaxPrecision) return bad("more than 9 decimals");
            frac = frac * 10 + (text[pos] - '0');
            ++precision;
        }
    }
    if (int_digits == 0 && precision == 0) return bad("no digits");
    if (pos != text.size()) return bad("unexpected character");
    const std::int64_t raw = int_part * kFixedScale + frac * kPow10[kFixedMaxPrecision - precision];
    return negative ? -raw : raw;
}

Result<std::int64_t> fixed_from_double(double value, int precision) {
    if (precision < 0 || precision > kFixedMaxPrecision) {
        return fail(
            Error::invalid_argument(fmt::format("precision must be in 0..9, was {}", precision)));
    }
    if (!std::isfinite(value) || std::fabs(value) >= 9.2e9) {
        return fail(Error::invalid_argument(
            fmt::format("value must be finite and below 9.2e9 in magnitude, was {}", value)));
    }
    const double scaled = std::round(value * static_cast<double>(kPow10[precision]));
    return static_cast<std::int64_t>(scaled) * kPow10[kFixedMaxPrecision - precision];
}

std::string format_fixed(std::int64_t raw, int precision) {
    const bool negative = raw < 0;
    const std::uint64_t mag =
        negative ? static_cast<std::uint64_t>(-(raw + 1)) + 1 : static_cast<std::uint64_t>(raw);
    const std::uint64_t scale = static_cast<std::uint64_t>(kFixedScale);
    const std::uint64_t int_part = mag / scale;
    std::uint64_t frac = mag % scale;
    const char* sign = negative ? "-" : "";
    if (precision <= 0) return fmt::format("{}{}", sign, int_part);
    frac /= static_cast<std::uint64_t>(kPow10[kFixedMaxPrecision - precision]);
    return fmt::format("{}{}.{:0{}}", sign, int_part, frac, precision);
}

}  // namespace aitp::detail
