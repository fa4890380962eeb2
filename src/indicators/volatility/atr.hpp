// SPDX-License-Identifier: MIT
// The original's atr_indicator: the **simple** rolling mean (pandas) of the true range over
// `period` bars; the first row's true range is high - low. Streaming Atr is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct AtrTag;
using AtrParams = PeriodParams<AtrTag, 14>;

inline int lookback(const AtrParams& p) { return p.period - 1; }

Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const AtrParams& p, std::span<double> out);

namespace detail {
/// atr() without the checks, for kernels built on it (inputs checked, out of the same size).
void atr_rows(const double* high, const double* low, const double* close, std::size_t size,
              int period, double* out);
}  // namespace detail

class Atr : public detail::ScalarOutput {
  public:
    explicit Atr(const AtrParams& p = {});
    double update(double high, double low, double close) {
        mean_.push(detail::true_range(high, low, prev_close_, has_prev_));
        prev_close_ = close;
        has_prev_ = true;
        value_ = mean_.mean();
        return value_;
    }
    void reset();

  private:
    detail::RollingKahan mean_;
    double prev_close_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
