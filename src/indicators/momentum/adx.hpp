// SPDX-License-Identifier: MIT
// ADX as the original computes it: +DM/-DM with the asymmetric tie rule (-DM compared with the
// already-filtered +DM), pandas Wilder smoothing (ewm alpha 1/period, min_periods period) of
// +DM, -DM and true range, DX, then the same smoothing of DX. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct AdxParams {
    int period = 14;
    Status validate() const;
};

/// Returns 2 * (period - 1).
inline int lookback(const AdxParams& p) { return 2 * (p.period - 1); }

Status adx(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, const AdxParams& p, std::span<double> out);

class Adx {
public:
    explicit Adx(const AdxParams& p = {});
    double update(double high, double low, double close) {
        double plus_dm = 0.0;
        double minus_dm = 0.0;
        if (has_prev_) {
            const double up = high - prev_high_;
            const double down = prev_low_ - low;
            plus_dm = (up > down && up > 0.0) ? up : 0.0;
            minus_dm = (down > plus_dm && down > 0.0) ? down : 0.0;
        }
        const double tr = detail::true_range(high, low, prev_close_, has_prev_);
        prev_high_ = high;
        prev_low_ = low;
        prev_close_ = close;
        has_prev_ = true;
        const double atr = tr_.update(tr);
        const double plus_di = 100.0 * plus_.update(plus_dm) / atr;
        const double minus_di = 100.0 * minus_.update(minus_dm) / atr;
        const double dx = 100.0 * std::fabs(plus_di - minus_di) / (plus_di + minus_di);
        value_ = dx_.update(dx);
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    detail::Ewm tr_;
    detail::Ewm plus_;
    detail::Ewm minus_;
    detail::Ewm dx_;
    double prev_high_ = 0.0;
    double prev_low_ = 0.0;
    double prev_close_ = 0.0;
    bool has_prev_ = false;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
