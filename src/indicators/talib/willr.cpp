// SPDX-License-Identifier: MIT
#include "indicators/talib/willr.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Willr::Willr(const PeriodParams& p) : high_low_(valid_period(p)) {}

void Willr::reset() {
    high_low_.reset();
    value_ = detail::kNan;
}

double Willr::update(double high, double low, double close) {
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);
    return step(hh, ll, close);
}

double Willr::step(double hh, double ll, double close) {
    if (hh != hh) {
        return value_ = detail::kNan;
    }
    const double diff = (hh - ll) / (-100.0);
    value_ = diff != 0.0 ? (hh - close) / diff : 0.0;
    return value_;
}

Status willr_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const PeriodParams& p,
                       std::span<double> out) {
    Willr s(p);
    detail::for_each_high_low(
        high.data(), low.data(), close.size(), static_cast<std::size_t>(p.period),
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            for (std::size_t j = 0; j < len; ++j) {
                out[c + j] = s.step(hh[j], ll[j], close[c + j]);
            }
        });
    return ok_status();
}

Status willr(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    return checked_hlc<&willr_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators::talib
