// SPDX-License-Identifier: MIT
#include "indicators/talib/adx.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Adx::Adx(const PeriodParams& p)
    : period_(static_cast<int>(valid_period(p))), dp_(static_cast<double>(p.period)) {}

void Adx::reset() {
    count_ = 0;
    dx_count_ = 0;
    plus_dm_ = minus_dm_ = tr_ = sum_dx_ = 0.0;
    value_ = detail::kNan;
}

double Adx::update(double high, double low, double close) {
    double minus_dm = 0.0;
    double plus_dm = 0.0;
    double tr = 0.0;
    if (!accumulate(high, low, close, minus_dm, plus_dm, tr)) {
        return value_ = detail::kNan;
    }
    return smooth(dx_of(minus_dm, plus_dm, tr));
}
Status adx_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    adx_rows(Adx(p), high.data(), low.data(), close.data(), close.size(), out.data(),
             [](std::size_t) {});
    return ok_status();
}

Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked_hlc<&adx_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators::talib
