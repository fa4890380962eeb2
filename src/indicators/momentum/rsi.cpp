// SPDX-License-Identifier: MIT
#include "indicators/momentum/rsi.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status RsiParams::validate() const { return check_min("period", period); }

Rsi::Rsi(const RsiParams& p)
    : gain_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      loss_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid RsiParams");
}

void Rsi::reset() {
    gain_.reset();
    loss_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status rsi(std::span<const double> close, const RsiParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"close", close}}, {out}));
    Rsi s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(close[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
