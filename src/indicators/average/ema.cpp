// SPDX-License-Identifier: MIT
#include "indicators/average/ema.hpp"

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Ema::Ema(const EmaParams& p) : ewm_(detail::ewm_alpha_from_span(valid(p).period), 0) {}

void Ema::reset() {
    ewm_.reset();
    value_ = detail::kNan;
}

Status ema_unchecked(std::span<const double> in, const EmaParams& p, std::span<double> out) {
    return detail::stream_rows(Ema(p), out, in);
}

Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return ema_unchecked(in, p, out); });
}

}  // namespace aitp::indicators
