// SPDX-License-Identifier: MIT
#include "indicators/talib/sma.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Sma::Sma(const SmaParams& p) : ring_(valid_period(p)), period_(static_cast<double>(p.period)) {}

void Sma::reset() {
    ring_.clear();
    total_ = 0.0;
    value_ = detail::kNan;
}

Status sma_unchecked(std::span<const double> in, const SmaParams& p, std::span<double> out) {
    return detail::stream_rows(Sma(p), out, in);
}

Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return sma_unchecked(in, p, out); });
}

}  // namespace aitp::indicators::talib
