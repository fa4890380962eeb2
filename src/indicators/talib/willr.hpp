// SPDX-License-Identifier: MIT
// TA-Lib's WILLR: (HH - close) / ((HH - LL) / -100) over the window's highest high and lowest
// low, 0 on a zero range. Source: TA-Lib 0.6.4 ta_WILLR.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int willr_lookback(const PeriodParams& p) { return p.period - 1; }
Status willr(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const PeriodParams& p, std::span<double> out);

class Willr : public detail::ScalarOutput {
  public:
    explicit Willr(const PeriodParams& p = {});
    double update(double high, double low, double close);
    /// The update given the window's highest high and lowest low (NaN while not full).
    double step(double hh, double ll, double close);
    void reset();

  private:
    detail::RollingHighLow high_low_;
};

}  // namespace aitp::indicators::talib
