// SPDX-License-Identifier: MIT
// Simple moving average as pandas rolling(period).mean() computes it (Kahan running sum,
// exact value in constant windows). Batch kernel plus a streaming Sma; Sma is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct SmaTag;
using SmaParams = PeriodParams<SmaTag, 20>;

/// Returns the number of leading NaN outputs: period - 1.
inline int lookback(const SmaParams& p) { return p.period - 1; }

/// Writes the rolling mean of `in` to `out` (same size; first lookback values NaN).
Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out);

/// Streaming SMA; O(1) per update.
class Sma : public detail::ScalarOutput {
  public:
    /// Requires: p.validate() is OK.
    explicit Sma(const SmaParams& p = {});
    double update(double x) {
        mean_.push(x);
        value_ = mean_.mean();
        return value_;
    }
    /// update() for batch kernels that hold the series: `full` = at least `period` values came
    /// before, `leaving` = the value `period` updates ago. Do not mix with update().
    double slide(double x, bool full, double leaving) {
        mean_.slide(x, full, leaving);
        value_ = mean_.mean();
        return value_;
    }
    void reset();

  private:
    detail::RollingKahan mean_;
};

}  // namespace aitp::indicators
