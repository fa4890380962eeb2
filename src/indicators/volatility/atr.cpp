// SPDX-License-Identifier: MIT
#include "indicators/volatility/atr.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Atr::Atr(const AtrParams& p) : mean_(valid_period(p)) {}

void Atr::reset() {
    mean_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

namespace detail {
void atr_rows(const double* high, const double* low, const double* close, std::size_t size,
              int period, double* out) {
    // The rolling mean of the true range on a local window state (kept in registers); the true
    // range leaving the window is recomputed from the inputs instead of kept: Atr::update's
    // operations.
    const std::size_t w = static_cast<std::size_t>(period);
    const auto tr_at = [&](std::size_t i) { return true_range_at(high, low, close, i); };
    KahanWindow k(w);
    for (std::size_t i = 0; i < size; ++i) {
        const bool full = i >= w;
        k.slide(tr_at(i), full, full ? tr_at(i - w) : 0.0);
        out[i] = k.mean();
    }
}
}  // namespace detail

Status atr_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const AtrParams& p, std::span<double> out) {
    detail::atr_rows(high.data(), low.data(), close.data(), close.size(), p.period, out.data());
    return ok_status();
}

Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const AtrParams& p, std::span<double> out) {
    return checked_hlc<&atr_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators
