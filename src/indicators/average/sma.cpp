// SPDX-License-Identifier: MIT
#include "indicators/average/sma.hpp"

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Sma::Sma(const SmaParams& p) : mean_(valid_period(p)) {}

void Sma::reset() {
    mean_.reset();
    value_ = detail::kNan;
}

Status sma_unchecked(std::span<const double> in, const SmaParams& p, std::span<double> out) {
    // A local window state (kept in registers) reading the leaving value from the input: the
    // stream's arithmetic (RollingKahan::push = KahanWindow::slide).
    const std::size_t w = static_cast<std::size_t>(p.period);
    detail::KahanWindow k(w);
    for (std::size_t i = 0; i < in.size(); ++i) {
        const bool full = i >= w;
        k.slide(in[i], full, full ? in[i - w] : 0.0);
        out[i] = k.mean();
    }
    return ok_status();
}

Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return sma_unchecked(in, p, out); });
}

}  // namespace aitp::indicators
