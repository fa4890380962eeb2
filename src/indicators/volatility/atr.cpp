// SPDX-License-Identifier: MIT
#include "indicators/volatility/atr.hpp"

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

Status atr(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, const AtrParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out}));
    Atr s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
