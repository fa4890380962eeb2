// SPDX-License-Identifier: MIT
#include "indicators/momentum/adx.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Adx::Adx(const AdxParams& p)
    : tr_(detail::ewm_alpha_from_alpha(1.0 / valid(p).period), p.period),
      plus_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      minus_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      dx_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period) {}

void Adx::reset() {
    tr_.reset();
    plus_.reset();
    minus_.reset();
    dx_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status adx_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const AdxParams& p, std::span<double> out) {
    // Per chunk: the directional movement (vectorised), the first smoothing row by row, DX
    // (vectorised), then the DX smoothing row by row; the operations are update()'s.
    Adx s(p);
    constexpr std::size_t kChunk = 512;
    double atr[kChunk];
    double plus[kChunk];
    double minus[kChunk];
    for (std::size_t c = 0; c < close.size(); c += kChunk) {
        const std::size_t len = std::min(kChunk, close.size() - c);
        const std::size_t first = c == 0 ? 1 : 0;  // row 0 has no previous bar
        if (c == 0 && len > 0) {
            Adx::movement(high[0], low[0], 0.0, 0.0, 0.0, false, plus[0], minus[0], atr[0]);
        }
        for (std::size_t j = first; j < len; ++j) {
            const std::size_t i = c + j;
            Adx::movement(high[i], low[i], high[i - 1], low[i - 1], close[i - 1], true, plus[j],
                          minus[j], atr[j]);
        }
        for (std::size_t j = 0; j < len; ++j) {
            s.average(plus[j], minus[j], atr[j], atr[j], plus[j], minus[j]);
        }
        for (std::size_t j = 0; j < len; ++j) {
            atr[j] = Adx::dx(atr[j], plus[j], minus[j]);
        }
        for (std::size_t j = 0; j < len; ++j) {
            out[c + j] = s.smooth_dx(atr[j]);
        }
    }
    return ok_status();
}

Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const AdxParams& p, std::span<double> out) {
    return checked_hlc<&adx_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators
