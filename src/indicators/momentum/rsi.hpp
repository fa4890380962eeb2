// SPDX-License-Identifier: MIT
// RSI as the original computes it: Wilder smoothing of gains and losses via pandas
// ewm(alpha=1/period, min_periods=period, adjust=False); the first row's gain and loss are 0 and
// count as an observation; NaN when the average loss is exactly 0. Streaming Rsi is not
// thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct RsiTag;
using RsiParams = PeriodParams<RsiTag, 14>;

inline int lookback(const RsiParams& p) { return p.period - 1; }

Status rsi(std::span<const double> close, const RsiParams& p, std::span<double> out);

class Rsi : public detail::ScalarOutput {
  public:
    explicit Rsi(const RsiParams& p = {});
    double update(double close) {
        double ag;
        double al;
        update_averages(close, ag, al);
        value_ = finish(ag, al);
        return value_;
    }
    /// The recurrences of update(): the average gain and loss after `close`. update() =
    /// finish(update_averages(...)); batch kernels run finish() as a separate vectorised loop.
    [[gnu::always_inline]] void update_averages(double close, double& ag, double& al) {
        const double delta = has_prev_ ? close - prev_ : detail::kNan;
        prev_ = close;
        has_prev_ = true;
        average(gain(delta), loss(delta), ag, al);
    }
    /// This bar's gain and loss from the close change (NaN on the first bar gives 0, 0).
    static double gain(double delta) { return detail::select(delta > 0.0, delta, 0.0); }
    static double loss(double delta) { return detail::select(delta < 0.0, -delta, 0.0); }
    /// The smoothing recurrences alone (batch kernels compute gain/loss as a vectorised loop).
    [[gnu::always_inline]] void average(double gain, double loss, double& ag, double& al) {
        ag = gain_.update(gain);
        al = loss_.update(loss);
    }
    /// RSI from the average gain and loss: NaN when the loss is 0 (or NaN).
    [[gnu::always_inline]] static double finish(double ag, double al) {
        return (!(al != 0.0) || al != al) ? detail::kNan : 100.0 - 100.0 / (1.0 + ag / al);
    }
    void reset();

  private:
    detail::Ewm gain_;
    detail::Ewm loss_;
    double prev_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
