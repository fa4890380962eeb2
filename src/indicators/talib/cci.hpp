// SPDX-License-Identifier: MIT
// TA-Lib's CCI: typical prices in a circular buffer summed in slot order (the order decides the
// rounding residues TA-Lib's CCI shows in flat windows), the mean absolute deviation, and
// TA-Lib's zero tests. Source: TA-Lib 0.6.4 ta_CCI.c. Streams are not thread-safe.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/detail/window.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int cci_lookback(const PeriodParams& p) { return p.period - 1; }
Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);

/// TA-Lib's CCI for one bar. w: the window's typical prices oldest first (n values; w[n-1]
/// is this bar's); m: this bar's index mod n (its circular-buffer slot); prefix: the left fold
/// ((0 + tp[slot 0]) + ...) + tp[slot m] over this block's values. TA-Lib sums the circular
/// buffer in slot order, i.e. slots 0..m (the prefix) then slots m+1..n-1 (w[0..n-1-m)); this
/// reproduces that sequence of additions exactly, since the mean decides the rounding residues
/// TA-Lib's CCI shows in flat windows. The absolute deviations (all >= 0, so their order moves
/// their sum by ulps only, far inside the parity tolerance; the zero tests do not depend on it)
/// are summed oldest first into four partial sums, w[i] into sum i % 4, combined as
/// (d0 + d1) + (d2 + d3): four short chains instead of one long one, the same in the batch lanes.
/// The value is (num / dev) * (period / 0.015), TA-Lib's num / (0.015 * (dev / period)) within
/// 2 ulps with one division on the chain instead of two (the zero tests are TA-Lib's).
inline double ta_cci_value(const double* w, std::size_t n, std::size_t m, double prefix,
                           double period) {
    const std::size_t k = n - 1 - m;
    double average = prefix;
    for (std::size_t i = 0; i < k; ++i) {
        average += w[i];
    }
    average /= period;
    double d0 = 0.0;
    double d1 = 0.0;
    double d2 = 0.0;
    double d3 = 0.0;
    // The newest values (the last 8, from a multiple of 4 on) are read through scalar_load: in
    // a stream they were stored in the last few updates, and GCC otherwise reads each group of
    // 4 with one vector load, which waits for such stores to reach the cache (see scalar_load).
    const std::size_t older = n > 8 ? (n - 8) & ~std::size_t{3} : 0;
    std::size_t i = 0;
    for (; i < older; i += 4) {
        d0 += std::fabs(w[i] - average);
        d1 += std::fabs(w[i + 1] - average);
        d2 += std::fabs(w[i + 2] - average);
        d3 += std::fabs(w[i + 3] - average);
    }
    using detail::scalar_load;
    for (; i + 4 <= n; i += 4) {
        d0 += std::fabs(scalar_load(w + i) - average);
        d1 += std::fabs(scalar_load(w + i + 1) - average);
        d2 += std::fabs(scalar_load(w + i + 2) - average);
        d3 += std::fabs(scalar_load(w + i + 3) - average);
    }
    if (i < n) {
        d0 += std::fabs(scalar_load(w + i) - average);
    }
    if (i + 1 < n) {
        d1 += std::fabs(scalar_load(w + i + 1) - average);
    }
    if (i + 2 < n) {
        d2 += std::fabs(scalar_load(w + i + 2) - average);
    }
    const double dev = (d0 + d1) + (d2 + d3);
    const double num = w[n - 1] - average;
    return (num != 0.0 && dev != 0.0) ? (num / dev) * (period / 0.015) : 0.0;
}

class Cci : public detail::ScalarOutput {
  public:
    explicit Cci(const PeriodParams& p = {});
    double update(double high, double low, double close);
    void reset();

  private:
    detail::Window window_;
    double period_;
    std::size_t slot_ = 0;  ///< circular-buffer slot of the next value
    double prefix_ = 0.0;
};

}  // namespace aitp::indicators::talib
