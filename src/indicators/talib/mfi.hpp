// SPDX-License-Identifier: MIT
// TA-Lib's MFI: positive and negative money flows in a circular buffer, 100 * pos / (pos + neg),
// 0 when pos + neg < 1. Source: TA-Lib 0.6.4 ta_MFI.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/ring.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int mfi_lookback(const PeriodParams& p) { return p.period; }
Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const PeriodParams& p, std::span<double> out);

class Mfi : public detail::ScalarOutput {
  public:
    explicit Mfi(const PeriodParams& p = {});
    double update(double high, double low, double close, double volume);
    void reset();

  private:
    detail::Ring pos_;
    detail::Ring neg_;
    int period_;
    int count_ = 0;
    double prev_tp_ = 0.0;
    double pos_sum_ = 0.0;
    double neg_sum_ = 0.0;
};

}  // namespace aitp::indicators::talib
