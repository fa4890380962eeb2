// SPDX-License-Identifier: MIT
#include "indicators/momentum/rsi.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Rsi::Rsi(const RsiParams& p)
    : gain_(detail::ewm_alpha_from_alpha(1.0 / valid(p).period), p.period),
      loss_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period) {}

void Rsi::reset() {
    gain_.reset();
    loss_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status rsi_unchecked(std::span<const double> close, const RsiParams& p, std::span<double> out) {
    // Per chunk: gains and losses (vectorised, no data-dependent branches), the smoothing
    // row by row, then finish() (vectorised); the operations are update()'s.
    Rsi s(p);
    constexpr std::size_t kChunk = 512;
    double ag[kChunk];
    double al[kChunk];
    for (std::size_t c = 0; c < close.size(); c += kChunk) {
        const std::size_t len = std::min(kChunk, close.size() - c);
        for (std::size_t j = 0; j < len; ++j) {
            const std::size_t i = c + j;
            const double delta = i > 0 ? close[i] - close[i - 1] : detail::kNan;
            ag[j] = Rsi::gain(delta);
            al[j] = Rsi::loss(delta);
        }
        for (std::size_t j = 0; j < len; ++j) {
            s.average(ag[j], al[j], ag[j], al[j]);
        }
        for (std::size_t j = 0; j < len; ++j) {
            out[c + j] = Rsi::finish(ag[j], al[j]);
        }
    }
    return ok_status();
}

Status rsi(std::span<const double> close, const RsiParams& p, std::span<double> out) {
    return checked(p, {{"close", close}}, {out}, [&] { return rsi_unchecked(close, p, out); });
}

}  // namespace aitp::indicators
