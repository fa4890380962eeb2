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
