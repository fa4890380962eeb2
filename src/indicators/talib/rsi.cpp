// SPDX-License-Identifier: MIT
#include "indicators/talib/rsi.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Rsi::Rsi(const PeriodParams& p) : period_(static_cast<int>(valid_period(p))) {}

void Rsi::reset() {
    count_ = 0;
    gain_ = loss_ = 0.0;
    value_ = detail::kNan;
}

double Rsi::update(double close) {
    const double per = static_cast<double>(period_);
    if (count_ == 0) {
        prev_ = close;
        ++count_;
        return value_ = detail::kNan;
    }
    const double diff = close - prev_;
    prev_ = close;
    // Branch-free form of TA-Lib's `if (diff < 0) loss -= diff; else gain += diff;` (the
    // sign of a random walk's change is unpredictable); adding or subtracting 0.0 leaves the
    // non-negative sums unchanged.
    const double down = detail::select(diff < 0, diff, 0.0);
    const double up = detail::select(diff < 0, 0.0, diff);
    if (count_ <= period_) {
        loss_ -= down;
        gain_ += up;
        if (count_++ < period_) {
            return value_ = detail::kNan;
        }
        loss_ /= per;
        gain_ /= per;
    } else {
        loss_ *= per - 1.0;
        gain_ *= per - 1.0;
        loss_ -= down;
        gain_ += up;
        loss_ /= per;
        gain_ /= per;
    }
    const double total = gain_ + loss_;
    value_ = ta_is_zero(total) ? 0.0 : 100.0 * (gain_ / total);
    return value_;
}

[[gnu::flatten]] Status rsi_unchecked(std::span<const double> close, const PeriodParams& p,
                                      std::span<double> out) {
    return detail::stream_rows(Rsi(p), out, close);  // flatten: the updates inlined
}

Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"close", close}}, {out}, [&] { return rsi_unchecked(close, p, out); });
}

}  // namespace aitp::indicators::talib
