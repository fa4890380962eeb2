// SPDX-License-Identifier: MIT
// What the TA-Lib flavour's indicators share: the zero band of TA-Lib's TA_IS_ZERO macros, the
// EMA smoothing factor PER_TO_K, the TRUE_RANGE macro and the one-period parameter struct.
// Source: TA-Lib 0.6.4 src/ta_func/ta_utility.h. Stateless.
#pragma once

#include <cmath>
#include <cstddef>

#include "core/status.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators::talib {

inline constexpr double kTaEpsilon = 1e-14;
inline bool ta_is_zero(double v) { return -kTaEpsilon < v && v < kTaEpsilon; }
inline bool ta_is_zero_or_neg(double v) { return v < kTaEpsilon; }
inline double per_to_k(int period) { return 2.0 / static_cast<double>(period + 1); }

/// TA-Lib's TRUE_RANGE macro (selects, not branches: which term wins is unpredictable).
inline double ta_true_range(double high, double low, double prev_close) {
    double out = high - low;
    const double a = std::fabs(high - prev_close);
    out = a > out ? a : out;
    const double b = std::fabs(low - prev_close);
    out = b > out ? b : out;
    return out;
}

/// The parameters of the TA-Lib functions with one period (RSI, WILLR, CCI, ATR, ADX, MFI).
struct PeriodTag;
using PeriodParams = indicators::PeriodParams<PeriodTag, 14>;

}  // namespace aitp::indicators::talib
