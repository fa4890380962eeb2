// SPDX-License-Identifier: MIT
// RSI as the original computes it: Wilder smoothing of gains and losses via pandas
// ewm(alpha=1/period, min_periods=period, adjust=False); the first row's gain and loss are 0 and
// count as an observation; NaN when the average loss is exactly 0. Streaming Rsi is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct RsiParams {
    int period = 14;
    Status validate() const;
};

inline int lookback(const RsiParams& p) { return p.period - 1; }

Status rsi(std::span<const double> close, const RsiParams& p, std::span<double> out);

class Rsi {
public:
    explicit Rsi(const RsiParams& p = {});
    double update(double close) {
        const double delta = has_prev_ ? close - prev_ : detail::kNan;
        prev_ = close;
        has_prev_ = true;
        const double ag = gain_.update(delta > 0.0 ? delta : 0.0);
        const double al = loss_.update(delta < 0.0 ? -delta : 0.0);
        if (!(al != 0.0) || al != al) {
            value_ = detail::kNan;
        } else {
            value_ = 100.0 - 100.0 / (1.0 + ag / al);
        }
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    detail::Ewm gain_;
    detail::Ewm loss_;
    double prev_ = 0.0;
    bool has_prev_ = false;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
