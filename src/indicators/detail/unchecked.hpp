// SPDX-License-Identifier: MIT
// The unchecked batch kernels: x_unchecked() is the batch kernel x() without its parameter
// and input checks (see common.hpp), for the registry's sets, which check each input column
// once for all their kernels. Internal to the module; stateless.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/average/hull_ma.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/average/wma.hpp"
#include "indicators/extras/ichimoku.hpp"
#include "indicators/extras/squeeze.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/cci.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/momentum/stochastic.hpp"
#include "indicators/momentum/williams_r.hpp"
#include "indicators/ratio/returns.hpp"
#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/talib/adx.hpp"
#include "indicators/talib/atr.hpp"
#include "indicators/talib/bbands.hpp"
#include "indicators/talib/cci.hpp"
#include "indicators/talib/ema.hpp"
#include "indicators/talib/macd.hpp"
#include "indicators/talib/mfi.hpp"
#include "indicators/talib/obv.hpp"
#include "indicators/talib/rsi.hpp"
#include "indicators/talib/sma.hpp"
#include "indicators/talib/stoch.hpp"
#include "indicators/talib/willr.hpp"
#include "indicators/volatility/atr.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "indicators/volatility/keltner_channels.hpp"
#include "indicators/volatility/supertrend.hpp"
#include "indicators/volume/mfi.hpp"
#include "indicators/volume/obv.hpp"
#include "indicators/volume/vwap.hpp"

namespace aitp::indicators {

Status ema_unchecked(std::span<const double> in, const EmaParams& p, std::span<double> out);
Status hull_ma_unchecked(std::span<const double> in, const HullMaParams& p, std::span<double> out);
Status sma_unchecked(std::span<const double> in, const SmaParams& p, std::span<double> out);
Status wma_unchecked(std::span<const double> in, const WmaParams& p, std::span<double> out);
Status ichimoku_unchecked(std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, const IchimokuParams& p,
                          const IchimokuOutputs& out);
Status squeeze_unchecked(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, const SqueezeParams& p,
                         const SqueezeOutputs& out);
Status adx_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const AdxParams& p, std::span<double> out);
Status cci_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const CciParams& p, std::span<double> out);
Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out);
Status rsi_unchecked(std::span<const double> close, const RsiParams& p, std::span<double> out);
Status stochastic_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const StochasticParams& p,
                            const StochasticOutputs& out);
Status williams_r_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const WilliamsRParams& p,
                            std::span<double> out);
Status returns_unchecked(std::span<const double> in, const ReturnsParams& p, std::span<double> out);
Status volume_ratio_unchecked(std::span<const double> volume, const VolumeRatioParams& p,
                              std::span<double> out);
Status atr_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const AtrParams& p, std::span<double> out);
Status bollinger_bands_unchecked(std::span<const double> close, const BollingerBandsParams& p,
                                 const BollingerBandsOutputs& out);
Status keltner_channels_unchecked(std::span<const double> high, std::span<const double> low,
                                  std::span<const double> close, const KeltnerChannelsParams& p,
                                  const KeltnerChannelsOutputs& out);
Status supertrend_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const SupertrendParams& p,
                            const SupertrendOutputs& out);
Status mfi_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     const MfiParams& p, std::span<double> out);
Status obv_unchecked(std::span<const double> close, std::span<const double> volume,
                     const ObvParams& p, std::span<double> out);
Status vwap_unchecked(std::span<const std::int64_t> ts, std::span<const double> high,
                      std::span<const double> low, std::span<const double> close,
                      std::span<const double> volume, const VwapParams& p, std::span<double> out);

namespace talib {

Status rsi_unchecked(std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out);
Status stoch_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const StochParams& p,
                       const StochOutputs& out);
Status willr_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status cci_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status atr_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status adx_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status obv_unchecked(std::span<const double> close, std::span<const double> volume,
                     std::span<double> out);
Status mfi_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     const PeriodParams& p, std::span<double> out);
Status sma_unchecked(std::span<const double> in, const SmaParams& p, std::span<double> out);
Status ema_unchecked(std::span<const double> in, const EmaParams& p, std::span<double> out);
Status bbands_unchecked(std::span<const double> close, const BbandsParams& p,
                        const BbandsOutputs& out);

}  // namespace talib

}  // namespace aitp::indicators
