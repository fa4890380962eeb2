// SPDX-License-Identifier: MIT
// Linearly weighted moving average (weights 1..period, newest heaviest, divided by the weight
// sum), as the original's rolling(period).apply(dot) computes it: NaN while the window holds
// fewer than `period` non-NaN values. The dot product runs over a contiguous window in 8 lanes
// (detail::lane_dot_last), O(period/8) vector operations per update. Not thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/window.hpp"

namespace aitp::indicators {

struct WmaParams {
    int period = 20;
    Status validate() const;
};

inline int lookback(const WmaParams& p) { return p.period - 1; }

Status wma(std::span<const double> in, const WmaParams& p, std::span<double> out);

class Wma {
public:
    explicit Wma(const WmaParams& p = {});
    double update(double x) {
        const bool was_full = window_.is_full();
        const double left = window_.push(x);
        nan_count_ += (x != x ? 1U : 0U);
        nan_count_ -= (was_full && left != left ? 1U : 0U);
        if (!window_.is_full() || nan_count_ > 0) {
            value_ = detail::kNan;
            return value_;
        }
        value_ = window_value(window_.data(), x);
        return value_;
    }
    /// The WMA of the period values w[0..period-1] (oldest first), w[period-1] passed as `last`
    /// and not read; batch kernels call it on the input span.
    double window_value(const double* w, double last) const {
        return detail::lane_dot_last(w, weights_.data(), weights_.size(), last) / weight_sum_;
    }
    /// window_value() of the 8 consecutive windows starting at w[0..8) (reads w[0..period+7)),
    /// one per lane, bit for bit.
    void window_values8(const double* w, detail::lanes::v8d& out) const {
        detail::lane_dot8(w, weights_.data(), weights_.size(), weight_sum_, out);
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    detail::Window window_;
    std::vector<double> weights_;
    std::size_t nan_count_ = 0;
    double weight_sum_;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
