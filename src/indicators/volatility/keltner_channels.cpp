// SPDX-License-Identifier: MIT
#include "indicators/volatility/keltner_channels.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status KeltnerChannelsParams::validate() const {
    AITP_TRY(check_min("ema_period", ema_period));
    AITP_TRY(check_min("atr_period", atr_period));
    return check_non_negative("multiplier", multiplier);
}

KeltnerChannels::KeltnerChannels(const KeltnerChannelsParams& p)
    : ema_(EmaParams{valid(p).ema_period}),
      atr_(AtrParams{p.atr_period}),
      multiplier_(p.multiplier) {}

void KeltnerChannels::reset() {
    ema_.reset();
    atr_.reset();
    value_ = {detail::kNan, detail::kNan, detail::kNan};
}

Status keltner_channels_unchecked(std::span<const double> high, std::span<const double> low,
                                  std::span<const double> close, const KeltnerChannelsParams& p,
                                  const KeltnerChannelsOutputs& out) {
    // The ATR into `upper`, the EMA into `mid` (a local copy of the stream object, whose state
    // stays in registers), then the bands as an element-wise loop: update()'s operations.
    const std::size_t size = close.size();
    detail::atr_rows(high.data(), low.data(), close.data(), size, p.atr_period, out.upper.data());
    const Ema proto(EmaParams{p.ema_period});
    Ema ema = proto;
    for (std::size_t i = 0; i < size; ++i) {
        out.mid[i] = ema.update(close[i]);
    }
    detail::keltner_bands(out.upper.data(), p.multiplier, out);
    return ok_status();
}

Status keltner_channels(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, const KeltnerChannelsParams& p,
                        const KeltnerChannelsOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}},
                   {out.upper, out.mid, out.lower},
                   [&] { return keltner_channels_unchecked(high, low, close, p, out); });
}

namespace detail {
void keltner_bands(const double* atr, double multiplier, const KeltnerChannelsOutputs& out) {
    for (std::size_t i = 0; i < out.mid.size(); ++i) {
        const KeltnerChannelsValue v = KeltnerChannels::bands(out.mid[i], atr[i], multiplier);
        out.upper[i] = v.upper;
        out.lower[i] = v.lower;
    }
}
}  // namespace detail

}  // namespace aitp::indicators
