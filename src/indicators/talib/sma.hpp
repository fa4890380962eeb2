// SPDX-License-Identifier: MIT
// TA-Lib's SMA: a running sum over the last `period` values divided by the period, TA-Lib's
// lookback (outputs NaN before it). Source: TA-Lib 0.6.4 ta_SMA.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

struct SmaTag;
using SmaParams = indicators::PeriodParams<SmaTag, 20>;
inline int lookback(const SmaParams& p) { return p.period - 1; }
Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out);

class Sma : public detail::ScalarOutput {
  public:
    explicit Sma(const SmaParams& p = {});
    double update(double x) {
        total_ += x;
        ring_.push(x);
        if (!ring_.is_full()) {
            value_ = detail::kNan;
            return value_;
        }
        const double sum = total_;
        total_ -= ring_.oldest();
        value_ = sum / period_;
        return value_;
    }
    void reset();

  private:
    detail::Ring ring_;
    double period_;
    double total_ = 0.0;
};

}  // namespace aitp::indicators::talib
