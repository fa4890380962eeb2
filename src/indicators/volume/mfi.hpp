// SPDX-License-Identifier: MIT
// Money Flow Index as the original computes it: positive/negative money flow by the change of
// the typical price, pandas rolling sums over `period` rows (exact 0 in windows of zeros), NaN
// when the negative-flow sum is 0. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct MfiParams {
    int period = 14;
    Status validate() const;
};

inline int lookback(const MfiParams& p) { return p.period - 1; }

Status mfi(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, std::span<const double> volume, const MfiParams& p,
           std::span<double> out);

class Mfi {
public:
    explicit Mfi(const MfiParams& p = {});
    double update(double high, double low, double close, double volume) {
        const double tp = (high + low + close) / 3.0;
        const double flow = tp * volume;
        pos_.push(has_prev_ && tp > prev_tp_ ? flow : 0.0);
        neg_.push(has_prev_ && tp < prev_tp_ ? flow : 0.0);
        prev_tp_ = tp;
        has_prev_ = true;
        const double ps = pos_.sum();
        const double ns = neg_.sum();
        value_ = (ns == 0.0) ? detail::kNan : 100.0 - 100.0 / (1.0 + ps / ns);
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    detail::RollingKahan pos_;
    detail::RollingKahan neg_;
    double prev_tp_ = 0.0;
    bool has_prev_ = false;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
