// SPDX-License-Identifier: MIT
#include "indicators/extras/squeeze.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status SqueezeParams::validate() const {
    AITP_TRY(check_min("period", period, 2));
    AITP_TRY(check_non_negative("bb_mult", bb_mult));
    return check_non_negative("kc_mult", kc_mult);
}

Squeeze::Squeeze(const SqueezeParams& p)
    : close_mean_(static_cast<std::size_t>(p.period)),
      close_var_(static_cast<std::size_t>(p.period), 0),
      range_mean_(static_cast<std::size_t>(p.period)),
      highest_(static_cast<std::size_t>(p.period)),
      lowest_(static_cast<std::size_t>(p.period)),
      delta_(static_cast<std::size_t>(p.period)),
      dx_(static_cast<std::size_t>(p.period)),
      bb_mult_(p.bb_mult),
      kc_mult_(p.kc_mult) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid SqueezeParams");
    const double x_mean = (static_cast<double>(dx_.size()) - 1.0) / 2.0;
    for (std::size_t k = 0; k < dx_.size(); ++k) {
        dx_[k] = static_cast<double>(k) - x_mean;
        sxx_ += dx_[k] * dx_[k];
    }
}

void Squeeze::reset() {
    close_mean_.reset();
    close_var_.reset();
    range_mean_.reset();
    highest_.reset();
    lowest_.reset();
    delta_.clear();
    delta_nan_ = 0;
    has_prev_ = false;
    value_ = {detail::kNan, detail::kNan};
}

// Least-squares fit y = a + b*x over x = 0..n-1, evaluated at x = n-1 (closed form); sums in
// 8 lanes over the contiguous window.
double Squeeze::linreg_last() const {
    const std::size_t n = delta_.size();
    const double dn = static_cast<double>(n);
    const double* y = delta_.data();
    const double y_mean = detail::pairwise_sum(y, n) / dn;
    const double sxy = detail::lane_centered_dot(y, dx_.data(), n, y_mean);
    const double slope = sxy / sxx_;
    return y_mean + slope * dx_[n - 1];
}

SqueezeValue Squeeze::update(double high, double low, double close) {
    close_mean_.push(close);
    close_var_.push(close);
    range_mean_.push(detail::true_range(high, low, prev_close_, has_prev_));
    prev_close_ = close;
    has_prev_ = true;
    const double hh = highest_.update(high);
    const double ll = lowest_.update(low);
    const double mid = close_mean_.mean();
    const double sd = close_var_.stddev();
    const double range = range_mean_.mean();

    const double delta = close - ((hh + ll) / 2.0 + mid) / 2.0;
    if (delta_.is_full() && delta_.oldest() != delta_.oldest()) {
        --delta_nan_;
    }
    delta_.push(delta);
    if (delta != delta) {
        ++delta_nan_;
    }
    const double momentum = (delta_.is_full() && delta_nan_ == 0) ? linreg_last() : detail::kNan;

    double state = detail::kNan;
    if (mid == mid && sd == sd && range == range) {
        const double upper_bb = mid + bb_mult_ * sd;
        const double lower_bb = mid - bb_mult_ * sd;
        const double upper_kc = mid + kc_mult_ * range;
        const double lower_kc = mid - kc_mult_ * range;
        if (lower_bb > lower_kc && upper_bb < upper_kc) {
            state = 1.0;
        } else if (lower_bb < lower_kc && upper_bb > upper_kc) {
            state = -1.0;
        } else {
            state = 0.0;
        }
    }
    value_ = {momentum, state};
    return value_;
}

Status squeeze(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, const SqueezeParams& p, const SqueezeOutputs& out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}},
                          {out.momentum, out.state}));
    Squeeze s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        const SqueezeValue v = s.update(high[i], low[i], close[i]);
        out.momentum[i] = v.momentum;
        out.state[i] = v.state;
    }
    return ok_status();
}

}  // namespace aitp::indicators
