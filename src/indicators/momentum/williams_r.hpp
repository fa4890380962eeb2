// SPDX-License-Identifier: MIT
// Williams %R as the original computes it: -100 * (HH - close) / (HH - LL) over `period` bars,
// NaN when the range is 0. Streaming WilliamsR is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct WilliamsRTag;
using WilliamsRParams = PeriodParams<WilliamsRTag, 14>;

inline int lookback(const WilliamsRParams& p) { return p.period - 1; }

Status williams_r(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const WilliamsRParams& p, std::span<double> out);

class WilliamsR : public detail::ScalarOutput {
  public:
    explicit WilliamsR(const WilliamsRParams& p = {});
    double update(double high, double low, double close) {
        double hh;
        double ll;
        high_low_.update(high, low, hh, ll);
        value_ = formula(hh, ll, close);
        return value_;
    }
    /// %R from the window's highest high and lowest low (NaN while not full).
    static double formula(double hh, double ll, double close) {
        const double range = hh - ll;
        return (range == 0.0) ? detail::kNan : -100.0 * (hh - close) / range;
    }
    void reset();

  private:
    detail::RollingHighLow high_low_;
};

}  // namespace aitp::indicators
