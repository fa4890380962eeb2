// SPDX-License-Identifier: MIT
// Window kernels specialised for a window length known at compile time, for the streams: the
// same operations in the same order as the generic kernels in window.hpp (so the same bits, for
// every length; tested), without their loop and tail bookkeeping, and with the lane sums kept in
// registers. A stream picks the specialisation for its period once (a function pointer; null
// above kMaxFixedWindow, where the generic kernel runs). Batch kernels keep the generic ones.
// Only WMA's dot product has one: the same treatment of numpy's pairwise sums (CCI, Squeeze)
// measured no gain, their streams being bound by other work.
#pragma once

#include <cstddef>

namespace aitp::indicators::detail {

/// Longest window with a specialised kernel.
inline constexpr std::size_t kMaxFixedWindow = 64;

/// lane_dot_last(a, w, n, last) for one fixed n.
using LaneDotLastFn = double (*)(const double* a, const double* w, double last);
/// Returns the specialisation of lane_dot_last for n, or nullptr when n is 0 or above
/// kMaxFixedWindow.
LaneDotLastFn fixed_lane_dot_last(std::size_t n);

}  // namespace aitp::indicators::detail
