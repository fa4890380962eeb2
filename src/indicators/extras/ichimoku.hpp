// SPDX-License-Identifier: MIT
// Ichimoku Kinko Hyo (9/26/52, displacement 26): tenkan and kijun = midpoint of the rolling
// high/low over 9/26 bars; senkou_a = (tenkan + kijun)/2 and senkou_b = the 52-bar midpoint, both
// shifted forward `displacement` rows; chikou = close shifted back `displacement` rows. The
// streaming object emits chikou as soon as it is known: the close of bar t is the chikou of row
// t - displacement. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct IchimokuParams {
    int tenkan_period = 9;
    int kijun_period = 26;
    int senkou_b_period = 52;
    int displacement = 26;
    Status validate() const;
};

/// Returns the lookback of senkou_b (the longest): senkou_b_period - 1 + displacement.
inline int lookback(const IchimokuParams& p) { return p.senkou_b_period - 1 + p.displacement; }

struct IchimokuValue {
    double tenkan, kijun, senkou_a, senkou_b;
    /// The chikou of row t - displacement (this bar's close), NaN while t < displacement.
    double chikou_delayed;
};

struct IchimokuOutputs {
    std::span<double> tenkan, kijun, senkou_a, senkou_b, chikou;
};

Status ichimoku(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, const IchimokuParams& p, const IchimokuOutputs& out);

class Ichimoku : public detail::StreamOutput<IchimokuValue, &IchimokuValue::senkou_b> {
  public:
    explicit Ichimoku(const IchimokuParams& p = {});
    /// Returns value() (a reference: a copy made the compiler reload the members just written
    /// as one wide load, a store-forwarding stall).
    const IchimokuValue& update(double high, double low, double close);
    /// The midpoint (highest high + lowest low) / 2 of a window's extremes.
    static double midpoint(double hh, double ll) { return (hh + ll) / 2; }
    void reset();

  private:
    detail::RollingHighLow tenkan_;
    detail::RollingHighLow kijun_;
    detail::RollingHighLow senkou_;
    detail::Ring delay_a_;
    detail::Ring delay_b_;
    long long count_ = 0;
    int displacement_;
};

}  // namespace aitp::indicators
