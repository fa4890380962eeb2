// SPDX-License-Identifier: MIT
#include "indicators/momentum/adx.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status AdxParams::validate() const { return check_min("period", period); }

Adx::Adx(const AdxParams& p)
    : tr_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      plus_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      minus_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period),
      dx_(detail::ewm_alpha_from_alpha(1.0 / p.period), p.period) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid AdxParams");
}

void Adx::reset() {
    tr_.reset();
    plus_.reset();
    minus_.reset();
    dx_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status adx(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, const AdxParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out}));
    Adx s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
