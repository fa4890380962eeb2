// SPDX-License-Identifier: MIT
#include "indicators/talib/ema.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Ema::Ema(const EmaParams& p) : period_(static_cast<int>(valid_period(p))), k_(per_to_k(p.period)) {}

void Ema::reset() {
    count_ = 0;
    sum_ = 0.0;
    value_ = detail::kNan;
}

Status ema_unchecked(std::span<const double> in, const EmaParams& p, std::span<double> out) {
    return detail::stream_rows(Ema(p), out, in);
}

Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return ema_unchecked(in, p, out); });
}

}  // namespace aitp::indicators::talib
