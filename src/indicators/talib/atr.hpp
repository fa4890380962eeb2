// SPDX-License-Identifier: MIT
// TA-Lib's ATR: the true range from the second bar, seeded with the SMA of `period` ranges,
// then Wilder smoothing. Source: TA-Lib 0.6.4 ta_ATR.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int atr_lookback(const PeriodParams& p) { return p.period; }
Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);

class Atr : public detail::ScalarOutput {
  public:
    explicit Atr(const PeriodParams& p = {});
    double update(double high, double low, double close);
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_close_ = 0.0;
    double sum_ = 0.0;
};

}  // namespace aitp::indicators::talib
