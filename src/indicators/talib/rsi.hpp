// SPDX-License-Identifier: MIT
// TA-Lib's RSI (default compatibility): the sums of the first `period` changes, then Wilder
// smoothing; 0 where gain + loss is within TA-Lib's zero band. Source: TA-Lib 0.6.4 ta_RSI.c.
// Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int rsi_lookback(const PeriodParams& p) { return p.period; }
Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out);

class Rsi : public detail::ScalarOutput {
  public:
    explicit Rsi(const PeriodParams& p = {});
    double update(double close);
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_ = 0.0;
    double gain_ = 0.0;
    double loss_ = 0.0;
};

}  // namespace aitp::indicators::talib
