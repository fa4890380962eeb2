// SPDX-License-Identifier: MIT
// Fixed-point Price and Quantity: an int64 raw value in units of 1e-9 plus a display precision
// (0..9 decimals), as NautilusTrader's standard-precision types. Arithmetic is exact; values
// are limited to about +-9.2e9. Value types; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp {

inline constexpr int kFixedMaxPrecision = 9;
inline constexpr std::int64_t kFixedScale = 1'000'000'000;

namespace detail {

Result<std::int64_t> parse_fixed(std::string_view text, int& precision);
Result<std::int64_t> fixed_from_double(double value, int precision);
std::string format_fixed(std::int64_t raw, int precision);

}  // namespace detail

/// A fixed-point decimal. Tag makes Price and Quantity distinct types.
template <typename Tag>
class FixedPoint {
  public:
    constexpr FixedPoint() = default;

    /// Returns the value with raw units of 1e-9. Requires: 0 <= precision <= 9.
    static constexpr FixedPoint from_raw(std::int64_t raw, int precision) {
        return FixedPoint(raw, static_cast<std::uint8_t>(precision));
    }

    /// Parses a decimal such as "123.45" or "-0.5"; precision = number of decimals given.
    static Result<FixedPoint> parse(std::string_view text) {
        int precision = 0;
        AITP_TRY_ASSIGN(const std::int64_t raw, detail::parse_fixed(text, precision));
        return FixedPoint(raw, static_cast<std::uint8_t>(precision));
    }

    /// Rounds a double to `precision` decimals (half away from zero).
    static Result<FixedPoint> from_double(double value, int precision) {
        AITP_TRY_ASSIGN(const std::int64_t raw, detail::fixed_from_double(value, precision));
        return FixedPoint(raw, static_cast<std::uint8_t>(precision));
    }

    constexpr std::int64_t raw() const { return raw_; }
    constexpr int precision() const { return precision_; }
    double as_double() const {
        return static_cast<double>(raw_) / static_cast<double>(kFixedScale);
    }
    std::string to_string() const { return detail::format_fixed(raw_, precision_); }
    constexpr bool is_zero() const { return raw_ == 0; }

    constexpr FixedPoint operator+(FixedPoint o) const { return {raw_ + o.raw_, max_precision(o)}; }
    constexpr FixedPoint operator-(FixedPoint o) const { return {raw_ - o.raw_, max_precision(o)}; }
    constexpr FixedPoint operator-() const { return {-raw_, precision_}; }
    constexpr FixedPoint& operator+=(FixedPoint o) { return *this = *this + o; }
    constexpr FixedPoint& operator-=(FixedPoint o) { return *this = *this - o; }

    /// Compares values only (1.0 with precision 1 equals 1.00 with precision 2).
    constexpr bool operator==(const FixedPoint& o) const { return raw_ == o.raw_; }
    constexpr std::strong_ordering operator<=>(const FixedPoint& o) const {
        return raw_ <=> o.raw_;
    }

  private:
    constexpr FixedPoint(std::int64_t raw, std::uint8_t precision)
        : raw_(raw), precision_(precision) {}
    constexpr std::uint8_t max_precision(FixedPoint o) const {
        return precision_ > o.precision_ ? precision_ : o.precision_;
    }

    std::int64_t raw_ = 0;
    std::uint8_t precision_ = 0;
};

struct PriceTag {};
struct QuantityTag {};
using Price = FixedPoint<PriceTag>;
using Quantity = FixedPoint<QuantityTag>;

}  // namespace aitp
