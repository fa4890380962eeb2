// SPDX-License-Identifier: MIT
#include "indicators/talib/atr.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Atr::Atr(const PeriodParams& p) : period_(static_cast<int>(valid_period(p))) {}

void Atr::reset() {
    count_ = 0;
    sum_ = 0.0;
    value_ = detail::kNan;
}

double Atr::update(double high, double low, double close) {
    if (count_ == 0) {
        prev_close_ = close;
        ++count_;
        return value_ = detail::kNan;
    }
    const double tr = ta_true_range(high, low, prev_close_);
    prev_close_ = close;
    const double per = static_cast<double>(period_);
    if (count_ <= period_) {
        sum_ += tr;
        if (count_++ < period_) {
            return value_ = detail::kNan;
        }
        return value_ = sum_ / per;
    }
    double v = value_ * (per - 1.0);
    v += tr;
    v /= per;
    return value_ = v;
}

// flatten inlines update() into stream_rows' loop.
[[gnu::flatten]] Status atr_unchecked(std::span<const double> high, std::span<const double> low,
                                      std::span<const double> close, const PeriodParams& p,
                                      std::span<double> out) {
    return detail::stream_rows(Atr(p), out, high, low, close);
}

Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked_hlc<&atr_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators::talib
