// SPDX-License-Identifier: MIT
// TA-Lib's BBANDS: the SMA as the middle band, the population standard deviation from the
// running sum of squares, TA-Lib's operation order and lookback (outputs NaN before it).
// Source: TA-Lib 0.6.4 ta_BBANDS.c, ta_STDDEV.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/sma.hpp"

namespace aitp::indicators::talib {

struct BbandsParams {
    int period = 20;
    double dev_up = 2.0;
    double dev_down = 2.0;
    Status validate() const;
};
inline int lookback(const BbandsParams& p) { return p.period - 1; }

struct BbandsValue {
    double upper, middle, lower;
};
struct BbandsOutputs {
    std::span<double> upper, middle, lower;
};
Status bbands(std::span<const double> close, const BbandsParams& p, const BbandsOutputs& out);

class Bbands : public detail::StreamOutput<BbandsValue, &BbandsValue::middle> {
  public:
    explicit Bbands(const BbandsParams& p = {});
    const BbandsValue& update(double x);
    /// The bands from the window's sum and sum of squares (TA-Lib's running totals before the
    /// oldest value leaves); batch kernels run this as an element-wise loop.
    static BbandsValue bands(double sum, double sum2, double period, double dev_up,
                             double dev_down);
    /// The same given the mid (sum / period) already computed.
    static BbandsValue bands_from_mid(double mid, double sum2, double period, double dev_up,
                                      double dev_down);
    void reset();

  private:
    Sma sma_;
    detail::Ring ring_;
    double period_;
    double dev_up_;
    double dev_down_;
    double total2_ = 0.0;
};

}  // namespace aitp::indicators::talib
