// SPDX-License-Identifier: MIT
// TA-Lib's STOCH: fast %K = (close - LL) / ((HH - LL) / 100), 0 on a zero range, then slow K
// and slow D as TA-Lib SMAs. Source: TA-Lib 0.6.4 ta_STOCH.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/sma.hpp"

namespace aitp::indicators::talib {

struct StochParams {
    int fastk_period = 14;
    int slowk_period = 3;
    int slowd_period = 3;
    Status validate() const;
};
inline int stoch_lookback(const StochParams& p) {
    return p.fastk_period + p.slowk_period + p.slowd_period - 3;
}

struct StochValue {
    double slowk, slowd;
};
struct StochOutputs {
    std::span<double> slowk, slowd;
};
Status stoch(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const StochParams& p, const StochOutputs& out);

class Stoch : public detail::StreamOutput<StochValue, &StochValue::slowd> {
  public:
    explicit Stoch(const StochParams& p = {});
    const StochValue& update(double high, double low, double close);
    /// The update given the fastk window's highest high and lowest low (NaN while not full).
    const StochValue& step(double hh, double ll, double close);
    /// TA-Lib's fast %K from the window extremes (0 on a zero range).
    static double fast_k(double hh, double ll, double close);
    void reset();

  private:
    detail::RollingHighLow high_low_;
    Sma slowk_;
    Sma slowd_;
};

}  // namespace aitp::indicators::talib
