// SPDX-License-Identifier: MIT
#include "indicators/volatility/keltner_channels.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status KeltnerChannelsParams::validate() const {
    AITP_TRY(check_min("ema_period", ema_period));
    AITP_TRY(check_min("atr_period", atr_period));
    return check_non_negative("multiplier", multiplier);
}

KeltnerChannels::KeltnerChannels(const KeltnerChannelsParams& p)
    : ema_(EmaParams{p.ema_period}), atr_(AtrParams{p.atr_period}), multiplier_(p.multiplier) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid KeltnerChannelsParams");
}

void KeltnerChannels::reset() {
    ema_.reset();
    atr_.reset();
    value_ = {detail::kNan, detail::kNan, detail::kNan};
}

Status keltner_channels(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, const KeltnerChannelsParams& p,
                        const KeltnerChannelsOutputs& out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}},
                          {out.upper, out.mid, out.lower}));
    KeltnerChannels s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        const KeltnerChannelsValue v = s.update(high[i], low[i], close[i]);
        out.upper[i] = v.upper;
        out.mid[i] = v.mid;
        out.lower[i] = v.lower;
    }
    return ok_status();
}

}  // namespace aitp::indicators
