// SPDX-License-Identifier: MIT
#include "indicators/volume/mfi.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status MfiParams::validate() const { return check_min("period", period); }

Mfi::Mfi(const MfiParams& p)
    : pos_(static_cast<std::size_t>(p.period)), neg_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid MfiParams");
}

void Mfi::reset() {
    pos_.reset();
    neg_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status mfi(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, std::span<const double> volume, const MfiParams& p,
           std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}, {"volume", volume}},
                          {out}));
    Mfi s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i], volume[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
