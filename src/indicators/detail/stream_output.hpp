// SPDX-License-Identifier: MIT
// The output part every stream shares: value() and is_ready(). ScalarOutput holds one value;
// StreamOutput<V, kReady> a struct of doubles, ready once its field kReady is a number (the
// last to fill). Values are NaN until ready. Not thread-safe (as the streams).
#pragma once

#include <array>
#include <bit>
#include <type_traits>

#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators::detail {

class ScalarOutput {
  public:
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }

  protected:
    double value_ = kNan;
};

/// A V (an aggregate of doubles) with every field NaN.
template <class V>
constexpr V all_nan() {
    static_assert(std::is_trivially_copyable_v<V> && sizeof(V) % sizeof(double) == 0);
    std::array<double, sizeof(V) / sizeof(double)> nans{};
    nans.fill(kNan);
    return std::bit_cast<V>(nans);
}

template <class V, double V::*kReady>
class StreamOutput {
  public:
    const V& value() const { return value_; }
    bool is_ready() const { return value_.*kReady == value_.*kReady; }

  protected:
    V value_ = all_nan<V>();
};

}  // namespace aitp::indicators::detail
