// SPDX-License-Identifier: MIT
// Window kernels specialised for a window length known at compile time, for the streams: the
// same operations in the same order as the generic kernels in window.hpp (so the same bits, for
// every length; tested), without their loop and tail bookkeeping, and with the lane sums kept in
// registers. A stream picks the specialisation for its period once (a function pointer; null
// above kMaxFixedWindow, where the generic kernel runs). Batch kernels keep the generic ones.
// WMA's dot product has one, Hull's pair of them over one window (one call instead of two),
// and CCI's mean absolute deviation (numpy's pairwise sums).
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

/// Hull's two WMA dot products over one window of n values (n fixed): half =
/// lane_dot_last(a + n - n/2, w, n/2, last) and full = lane_dot_last(a, w, n, last), in one
/// call (WMA weights are 1..n, so the half-period ones are w's first n/2).
struct HullDots {
    double half, full;
};
using HullDotsFn = HullDots (*)(const double* a, const double* w, double last);
/// Returns the specialisation for n, or nullptr when n is below 2 or above kMaxFixedWindow.
HullDotsFn fixed_hull_dots(std::size_t n);

/// The sum of absolute deviations from the mean of a window of n values as CCI takes it, for
/// one fixed n: pairwise_abs_dev_sum(a, n, pairwise_sum(a, n) / n) with a[n-1] passed as
/// `last` (not read), bit for bit.
using AbsDevSumLastFn = double (*)(const double* a, double last);
/// Returns the specialisation for n, or nullptr unless 8 < n <= kMaxFixedWindow and n % 8 != 0
/// (the newest value then lies in numpy's sequential tail).
AbsDevSumLastFn fixed_abs_dev_sum_last(std::size_t n);

}  // namespace aitp::indicators::detail
