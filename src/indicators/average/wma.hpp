// SPDX-License-Identifier: MIT
// Linearly weighted moving average (weights 1..period, newest heaviest, divided by the weight
// sum), as the original's rolling(period).apply(dot) computes it: NaN while the window holds
// fewer than `period` non-NaN values. The dot product runs over a contiguous window in 8 lanes
// (detail::lane_dot_last), O(period/8) vector operations per update. Not thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/fixed_window.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/detail/window.hpp"

namespace aitp::indicators {

struct WmaTag;
using WmaParams = PeriodParams<WmaTag, 20>;

inline int lookback(const WmaParams& p) { return p.period - 1; }

Status wma(std::span<const double> in, const WmaParams& p, std::span<double> out);

class Wma : public detail::ScalarOutput {
  public:
    explicit Wma(const WmaParams& p = {});
    double update(double x) {
        window_.push(x);
        // The window holds a NaN while the last NaN was among its last `period` values.
        ++pushed_;
        last_nan_ = x != x ? pushed_ : last_nan_;
        if (pushed_ - last_nan_ < window_.size()) {
            value_ = detail::kNan;
            return value_;
        }
        value_ = stream_value(window_.data(), x);
        return value_;
    }
    /// The WMA of the period values w[0..period-1] (oldest first), w[period-1] passed as `last`
    /// and not read; batch kernels call it on the input span.
    double window_value(const double* w, double last) const {
        return detail::lane_dot_last(w, weights_.data(), weights_.size(), last) / weight_sum_;
    }
    /// window_value() through the period's specialised kernel (the same bits).
    double stream_value(const double* w, double last) const {
        return (dot_ != nullptr
                    ? dot_(w, weights_.data(), last)
                    : detail::lane_dot_last(w, weights_.data(), weights_.size(), last)) /
               weight_sum_;
    }
    /// window_value() of the 8 consecutive windows starting at w[0..8) (reads w[0..period+7)),
    /// one per lane, bit for bit.
    void window_values8(const double* w, detail::lanes::v8d& out) const {
        detail::lane_dot8(w, weights_.data(), weights_.size(), weight_sum_, out);
    }
    /// The weights 1..period and their sum.
    const double* weights() const { return weights_.data(); }
    double weight_sum() const { return weight_sum_; }
    void reset();

  private:
    detail::Window window_;
    std::vector<double> weights_;
    detail::LaneDotLastFn dot_;
    std::size_t pushed_ = 0;    ///< values pushed since reset
    std::size_t last_nan_ = 0;  ///< pushed_ when the last NaN came (0: none)
    double weight_sum_;
};

}  // namespace aitp::indicators
