// SPDX-License-Identifier: MIT
// Keltner Channels as the original computes them: mid = EMA(close) as `ema`, bands
// mid +/- multiplier * simple-mean ATR as `atr_indicator`. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/volatility/atr.hpp"

namespace aitp::indicators {

struct KeltnerChannelsParams {
    int ema_period = 20;
    int atr_period = 10;
    double multiplier = 2.0;
    Status validate() const;
};

/// Returns the lookback of the bands: atr_period - 1 (the mid has none).
inline int lookback(const KeltnerChannelsParams& p) { return p.atr_period - 1; }

struct KeltnerChannelsValue {
    double upper, mid, lower;
};

struct KeltnerChannelsOutputs {
    std::span<double> upper, mid, lower;
};

Status keltner_channels(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, const KeltnerChannelsParams& p,
                        const KeltnerChannelsOutputs& out);

namespace detail {
/// The bands from out.mid (the EMA, already written) and the ATR series (atr may be
/// out.upper itself): keltner_channels()' last step, for callers that computed both averages.
void keltner_bands(const double* atr, double multiplier, const KeltnerChannelsOutputs& out);
}  // namespace detail

class KeltnerChannels
    : public detail::StreamOutput<KeltnerChannelsValue, &KeltnerChannelsValue::upper> {
  public:
    explicit KeltnerChannels(const KeltnerChannelsParams& p = {});
    const KeltnerChannelsValue& update(double high, double low, double close) {
        value_ = bands(ema_.update(close), atr_.update(high, low, close), multiplier_);
        return value_;
    }
    /// The channel from the mid (EMA) and the ATR.
    [[gnu::always_inline]] static KeltnerChannelsValue bands(double mid, double atr,
                                                             double multiplier) {
        const double band = multiplier * atr;
        return {mid + band, mid, mid - band};
    }
    void reset();

  private:
    Ema ema_;
    Atr atr_;
    double multiplier_;
};

}  // namespace aitp::indicators
