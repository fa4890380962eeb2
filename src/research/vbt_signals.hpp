// SPDX-License-Identifier: MIT
// vectorbt's signal arithmetic, reproduced bit for bit: the prefix-sum simple moving average of
// vbt.MA and the crossed_above state machine of ma_crossed_above. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace aitp::research {

/// Writes P[t] = x[0] + ... + x[t], summed left to right from 0 without compensation.
/// Requires: out.size() == x.size().
void prefix_sums(std::span<const double> x, std::span<double> out);

/// Writes vectorbt's MA from prefix sums: (P[t] - P[t-w]) / w for t >= w, P[w-1] / w at t = w-1,
/// NaN before. Requires: window >= 1 and out.size() == prefix.size().
void vbt_moving_average(std::span<const double> prefix, int window, std::span<double> out);

/// Writes vectorbt's crossed_above(a, b) (wait = 0) as 0/1: true at t when a[t] > b[t], a bar
/// with a < b occurred since the last NaN bar, and bar t-1 was not already such an "above" bar.
/// Equality counts as neither side. Requires: equal sizes.
void crossed_above(std::span<const double> a, std::span<const double> b,
                   std::span<std::uint8_t> out);

}  // namespace aitp::research
