// SPDX-License-Identifier: MIT
// Constants shared by the TA-Lib flavour: the zero band of TA-Lib's TA_IS_ZERO macros and the
// EMA smoothing factor PER_TO_K. Source: TA-Lib 0.6.4 src/ta_func/ta_utility.h.
#pragma once

namespace aitp::indicators::talib {

inline constexpr double kTaEpsilon = 1e-14;
inline bool ta_is_zero(double v) { return -kTaEpsilon < v && v < kTaEpsilon; }
inline bool ta_is_zero_or_neg(double v) { return v < kTaEpsilon; }
inline double per_to_k(int period) { return 2.0 / static_cast<double>(period + 1); }

}  // namespace aitp::indicators::talib
