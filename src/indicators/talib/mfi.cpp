// SPDX-License-Identifier: MIT
#include "indicators/talib/mfi.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Mfi::Mfi(const PeriodParams& p)
    : pos_(valid_period(p)), neg_(static_cast<std::size_t>(p.period)), period_(p.period) {}

void Mfi::reset() {
    pos_.clear();
    neg_.clear();
    count_ = 0;
    pos_sum_ = neg_sum_ = 0.0;
    value_ = detail::kNan;
}

double Mfi::update(double high, double low, double close, double volume) {
    if (count_ == 0) {
        prev_tp_ = (high + low + close) / 3.0;
        ++count_;
        return value_ = detail::kNan;
    }
    if (count_ > period_) {
        pos_sum_ -= pos_.oldest();
        neg_sum_ -= neg_.oldest();
    }
    double tp = (high + low + close) / 3.0;
    const double change = tp - prev_tp_;
    prev_tp_ = tp;
    tp *= volume;
    // Branch-free form of TA-Lib's three cases (adding 0.0 leaves the sums unchanged).
    const double neg = detail::select(change < 0, tp, 0.0);
    const double pos = detail::select(change > 0, tp, 0.0);
    neg_.push(neg);
    neg_sum_ += neg;
    pos_.push(pos);
    pos_sum_ += pos;
    if (count_ < period_) {
        ++count_;
        return value_ = detail::kNan;
    }
    if (count_ == period_) {
        ++count_;
    }
    const double total = pos_sum_ + neg_sum_;
    value_ = total < 1.0 ? 0.0 : 100.0 * (pos_sum_ / total);
    return value_;
}

Status mfi_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     const PeriodParams& p, std::span<double> out) {
    Mfi s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i], volume[i]);
    }
    return ok_status();
}

Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}, {"volume", volume}}, {out},
                   [&] { return mfi_unchecked(high, low, close, volume, p, out); });
}

}  // namespace aitp::indicators::talib
