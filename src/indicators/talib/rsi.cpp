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

[[gnu::flatten]] Status rsi_unchecked(std::span<const double> close, const PeriodParams& p,
                                      std::span<double> out) {
    return detail::stream_rows(Rsi(p), out, close);  // flatten: the updates inlined
}

Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"close", close}}, {out}, [&] { return rsi_unchecked(close, p, out); });
}

}  // namespace aitp::indicators::talib
