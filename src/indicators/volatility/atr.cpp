// SPDX-License-Identifier: MIT
#include "indicators/volatility/atr.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status AtrParams::validate() const { return check_min("period", period); }

Atr::Atr(const AtrParams& p) : mean_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid AtrParams");
}

void Atr::reset() {
    mean_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

namespace detail {
void atr_rows(const double* high, const double* low, const double* close, std::size_t size,
              int period, double* out) {
    // True ranges chunk by chunk (vectorised), their rolling mean row by row: Atr::update's
    // operations.
    KahanWindow k(static_cast<std::size_t>(period));
    rolling_mean_chunks(
        size, static_cast<std::size_t>(period), k,
        [&](std::size_t c, std::size_t len, double* dst) { true_range_rows(high, low, close, c, len, dst); },
        [&](std::size_t c, std::size_t len, const double*, const double* means) {
            std::copy_n(means, len, out + c);
        });
}
}  // namespace detail

Status atr(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, const AtrParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out}));
    detail::atr_rows(high.data(), low.data(), close.data(), close.size(), p.period, out.data());
    return ok_status();
}

}  // namespace aitp::indicators
