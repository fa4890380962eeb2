// SPDX-License-Identifier: MIT
#include "indicators/registry.hpp"

#include <cmath>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "indicators/average/ema.hpp"
#include "indicators/average/hull_ma.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/average/wma.hpp"
#include "indicators/common.hpp"
#include "indicators/extras/ichimoku.hpp"
#include "indicators/extras/squeeze.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/cci.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/momentum/stochastic.hpp"
#include "indicators/momentum/williams_r.hpp"
#include "indicators/plan.hpp"
#include "indicators/ratio/returns.hpp"
#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/talib/oscillators.hpp"
#include "indicators/talib/overlap.hpp"
#include "indicators/volatility/atr.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "indicators/volatility/keltner_channels.hpp"
#include "indicators/volatility/supertrend.hpp"
#include "indicators/volume/mfi.hpp"
#include "indicators/volume/obv.hpp"
#include "indicators/volume/vwap.hpp"

namespace aitp::indicators {

namespace {

using Params = std::span<const double>;
using Outs = std::span<const std::span<double>>;

int ip(Params p, std::size_t i) { return static_cast<int>(p[i]); }

template <class S, class F>
class Adapter final : public StreamingIndicator {
  public:
    Adapter(S s, F f) : s_(std::move(s)), f_(f) {}
    void update(const BarInput& b, std::span<double> out) override { f_(s_, b, out); }
    void reset() override { s_.reset(); }

  private:
    S s_;
    F f_;
};

template <class S, class F>
std::unique_ptr<StreamingIndicator> adapt(S s, F f) {
    return std::make_unique<Adapter<S, F>>(std::move(s), f);
}

constexpr double kMaxPeriod = 1'000'000;

ParamInfo period_param(std::string_view name, double def, double min = 1) {
    return {name, def, min, kMaxPeriod, true, "window length in bars"};
}
ParamInfo mult_param(std::string_view name, double def) {
    return {name, def, 0.0, 1e6, false, "band width multiplier"};
}

const std::vector<std::string_view> kClose{"close"};
const std::vector<std::string_view> kHlc{"high", "low", "close"};
const std::vector<std::string_view> kHlcv{"high", "low", "close", "volume"};

std::vector<IndicatorInfo> reference_entries() {
    std::vector<IndicatorInfo> r;
    r.push_back(
        {"sma",
         "Simple moving average (pandas rolling mean)",
         "average",
         Flavor::Reference,
         kClose,
         {period_param("period", 20)},
         {"value"},
         [](const SeriesInput& in, Params p, Outs o) { return sma(in.close, {ip(p, 0)}, o[0]); },
         [](Params p) {
             return adapt(Sma({ip(p, 0)}), [](Sma& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    r.push_back(
        {"ema",
         "Exponential moving average (pandas ewm span, adjust=False)",
         "average",
         Flavor::Reference,
         kClose,
         {period_param("period", 20)},
         {"value"},
         [](const SeriesInput& in, Params p, Outs o) { return ema(in.close, {ip(p, 0)}, o[0]); },
         [](Params p) {
             return adapt(Ema({ip(p, 0)}), [](Ema& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    r.push_back(
        {"wma",
         "Linearly weighted moving average",
         "average",
         Flavor::Reference,
         kClose,
         {period_param("period", 20)},
         {"value"},
         [](const SeriesInput& in, Params p, Outs o) { return wma(in.close, {ip(p, 0)}, o[0]); },
         [](Params p) {
             return adapt(Wma({ip(p, 0)}), [](Wma& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    r.push_back({"hull_ma",
                 "Hull moving average",
                 "average",
                 Flavor::Reference,
                 kClose,
                 {period_param("period", 20, 2)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return hull_ma(in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(HullMa({ip(p, 0)}),
                                  [](HullMa& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.close);
                                  });
                 }});
    r.push_back({"supertrend",
                 "Supertrend (raw ATR bands, original semantics)",
                 "volatility",
                 Flavor::Reference,
                 kHlc,
                 {period_param("period", 10), mult_param("multiplier", 3.0)},
                 {"supertrend", "supertrend_direction"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return supertrend(in.high, in.low, in.close, {ip(p, 0), p[1]}, {o[0], o[1]});
                 },
                 [](Params p) {
                     return adapt(Supertrend({ip(p, 0), p[1]}),
                                  [](Supertrend& s, const BarInput& b, std::span<double> o) {
                                      const SupertrendValue& v = s.update(b.high, b.low, b.close);
                                      o[0] = v.line;
                                      o[1] = v.direction;
                                  });
                 }});
    r.push_back(
        {"rsi",
         "Relative strength index (Wilder via pandas ewm)",
         "momentum",
         Flavor::Reference,
         kClose,
         {period_param("period", 14)},
         {"value"},
         [](const SeriesInput& in, Params p, Outs o) { return rsi(in.close, {ip(p, 0)}, o[0]); },
         [](Params p) {
             return adapt(Rsi({ip(p, 0)}), [](Rsi& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    r.push_back({"macd",
                 "Moving average convergence/divergence",
                 "momentum",
                 Flavor::Reference,
                 kClose,
                 {period_param("fast_period", 12), period_param("slow_period", 26),
                  period_param("signal_period", 9)},
                 {"macd", "macd_signal", "macd_hist"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return macd(in.close, {ip(p, 0), ip(p, 1), ip(p, 2)}, {o[0], o[1], o[2]});
                 },
                 [](Params p) {
                     return adapt(Macd({ip(p, 0), ip(p, 1), ip(p, 2)}),
                                  [](Macd& s, const BarInput& b, std::span<double> o) {
                                      const MacdValue& v = s.update(b.close);
                                      o[0] = v.macd;
                                      o[1] = v.signal;
                                      o[2] = v.hist;
                                  });
                 }});
    r.push_back(
        {"stochastic",
         "Stochastic oscillator (raw %K, SMA %D)",
         "momentum",
         Flavor::Reference,
         kHlc,
         {period_param("k_period", 14), period_param("d_period", 3)},
         {"stoch_k", "stoch_d"},
         [](const SeriesInput& in, Params p, Outs o) {
             return stochastic(in.high, in.low, in.close, {ip(p, 0), ip(p, 1)}, {o[0], o[1]});
         },
         [](Params p) {
             return adapt(Stochastic({ip(p, 0), ip(p, 1)}),
                          [](Stochastic& s, const BarInput& b, std::span<double> o) {
                              const StochasticValue& v = s.update(b.high, b.low, b.close);
                              o[0] = v.k;
                              o[1] = v.d;
                          });
         }});
    r.push_back({"cci",
                 "Commodity channel index",
                 "momentum",
                 Flavor::Reference,
                 kHlc,
                 {period_param("period", 20)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return cci(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(Cci({ip(p, 0)}),
                                  [](Cci& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close);
                                  });
                 }});
    r.push_back({"williams_r",
                 "Williams %R",
                 "momentum",
                 Flavor::Reference,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return williams_r(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(WilliamsR({ip(p, 0)}),
                                  [](WilliamsR& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close);
                                  });
                 }});
    r.push_back({"adx",
                 "Average directional index (original tie rule, pandas ewm)",
                 "momentum",
                 Flavor::Reference,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return adx(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(Adx({ip(p, 0)}),
                                  [](Adx& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close);
                                  });
                 }});
    r.push_back({"atr_indicator",
                 "Average true range (simple mean)",
                 "volatility",
                 Flavor::Reference,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return atr(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(Atr({ip(p, 0)}),
                                  [](Atr& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close);
                                  });
                 }});
    r.push_back({"bollinger_bands",
                 "Bollinger bands (pandas rolling std)",
                 "volatility",
                 Flavor::Reference,
                 kClose,
                 {period_param("period", 20),
                  mult_param("std_dev", 2.0),
                  {"ddof", 1, 0, 1, true, "std degrees of freedom: 1 sample, 0 population"}},
                 {"bb_upper", "bb_mid", "bb_lower", "bb_width", "bb_pct"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return bollinger_bands(in.close, {ip(p, 0), p[1], ip(p, 2)},
                                            {o[0], o[1], o[2], o[3], o[4]});
                 },
                 [](Params p) {
                     return adapt(BollingerBands({ip(p, 0), p[1], ip(p, 2)}),
                                  [](BollingerBands& s, const BarInput& b, std::span<double> o) {
                                      const BollingerBandsValue& v = s.update(b.close);
                                      o[0] = v.upper;
                                      o[1] = v.mid;
                                      o[2] = v.lower;
                                      o[3] = v.width;
                                      o[4] = v.pct;
                                  });
                 }});
    r.push_back({"keltner_channels",
                 "Keltner channels (EMA mid, simple ATR bands)",
                 "volatility",
                 Flavor::Reference,
                 kHlc,
                 {period_param("ema_period", 20), period_param("atr_period", 10),
                  mult_param("multiplier", 2.0)},
                 {"kc_upper", "kc_mid", "kc_lower"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return keltner_channels(in.high, in.low, in.close, {ip(p, 0), ip(p, 1), p[2]},
                                             {o[0], o[1], o[2]});
                 },
                 [](Params p) {
                     return adapt(KeltnerChannels({ip(p, 0), ip(p, 1), p[2]}),
                                  [](KeltnerChannels& s, const BarInput& b, std::span<double> o) {
                                      const KeltnerChannelsValue& v =
                                          s.update(b.high, b.low, b.close);
                                      o[0] = v.upper;
                                      o[1] = v.mid;
                                      o[2] = v.lower;
                                  });
                 }});
    r.push_back(
        {"obv",
         "On-balance volume (first row 0)",
         "volume",
         Flavor::Reference,
         {"close", "volume"},
         {},
         {"value"},
         [](const SeriesInput& in, Params, Outs o) { return obv(in.close, in.volume, {}, o[0]); },
         [](Params) {
             return adapt(Obv(), [](Obv& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close, b.volume);
             });
         }});
    r.push_back({"vwap",
                 "Volume-weighted average price",
                 "volume",
                 Flavor::Reference,
                 {"timestamp", "high", "low", "close", "volume"},
                 {{"anchor", 0, 0, 1, true, "0: none (original, never resets), 1: UTC day"}},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return vwap(in.ts, in.high, in.low, in.close, in.volume,
                                 {ip(p, 0) == 1 ? VwapAnchor::UtcDay : VwapAnchor::None}, o[0]);
                 },
                 [](Params p) {
                     return adapt(Vwap({ip(p, 0) == 1 ? VwapAnchor::UtcDay : VwapAnchor::None}),
                                  [](Vwap& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.ts, b.high, b.low, b.close, b.volume);
                                  });
                 }});
    r.push_back({"mfi",
                 "Money flow index",
                 "volume",
                 Flavor::Reference,
                 kHlcv,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return mfi(in.high, in.low, in.close, in.volume, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(Mfi({ip(p, 0)}),
                                  [](Mfi& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close, b.volume);
                                  });
                 }});
    r.push_back(
        {"volume_sma",
         "Simple moving average of volume",
         "volume",
         Flavor::Reference,
         {"volume"},
         {period_param("period", 20)},
         {"value"},
         [](const SeriesInput& in, Params p, Outs o) { return sma(in.volume, {ip(p, 0)}, o[0]); },
         [](Params p) {
             return adapt(Sma({ip(p, 0)}), [](Sma& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.volume);
             });
         }});
    r.push_back({"volume_ratio",
                 "Volume / SMA(volume)",
                 "ratio",
                 Flavor::Reference,
                 {"volume"},
                 {period_param("period", 20)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return volume_ratio(in.volume, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(VolumeRatio({ip(p, 0)}),
                                  [](VolumeRatio& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.volume);
                                  });
                 }});
    r.push_back(
        {"returns",
         "Simple returns close/prev - 1",
         "ratio",
         Flavor::Reference,
         kClose,
         {},
         {"value"},
         [](const SeriesInput& in, Params, Outs o) { return returns(in.close, {false}, o[0]); },
         [](Params) {
             return adapt(Returns({false}), [](Returns& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    r.push_back(
        {"log_returns",
         "Log returns ln(close/prev)",
         "ratio",
         Flavor::Reference,
         kClose,
         {},
         {"value"},
         [](const SeriesInput& in, Params, Outs o) { return returns(in.close, {true}, o[0]); },
         [](Params) {
             return adapt(Returns({true}), [](Returns& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close);
             });
         }});
    return r;
}

template <class S>
std::unique_ptr<StreamingIndicator> talib_hlc(S s) {
    return adapt(std::move(s), [](S& x, const BarInput& b, std::span<double> o) {
        o[0] = x.update(b.high, b.low, b.close);
    });
}

std::vector<IndicatorInfo> talib_entries() {
    namespace ta = talib;
    std::vector<IndicatorInfo> r;
    r.push_back({"talib.SMA",
                 "TA-Lib SMA",
                 "average",
                 Flavor::Talib,
                 kClose,
                 {period_param("period", 20)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::sma(in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(ta::Sma({ip(p, 0)}),
                                  [](ta::Sma& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.close);
                                  });
                 }});
    r.push_back({"talib.EMA",
                 "TA-Lib EMA (SMA seed)",
                 "average",
                 Flavor::Talib,
                 kClose,
                 {period_param("period", 20)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::ema(in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(ta::Ema({ip(p, 0)}),
                                  [](ta::Ema& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.close);
                                  });
                 }});
    r.push_back({"talib.RSI",
                 "TA-Lib RSI",
                 "momentum",
                 Flavor::Talib,
                 kClose,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::rsi(in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(ta::Rsi({ip(p, 0)}),
                                  [](ta::Rsi& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.close);
                                  });
                 }});
    r.push_back({"talib.MACD",
                 "TA-Lib MACD",
                 "momentum",
                 Flavor::Talib,
                 kClose,
                 {period_param("fast_period", 12, 2), period_param("slow_period", 26, 2),
                  period_param("signal_period", 9)},
                 {"macd", "macdsignal", "macdhist"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::macd(in.close, {ip(p, 0), ip(p, 1), ip(p, 2)}, {o[0], o[1], o[2]});
                 },
                 [](Params p) {
                     return adapt(ta::Macd({ip(p, 0), ip(p, 1), ip(p, 2)}),
                                  [](ta::Macd& s, const BarInput& b, std::span<double> o) {
                                      const ta::MacdValue& v = s.update(b.close);
                                      o[0] = v.macd;
                                      o[1] = v.signal;
                                      o[2] = v.hist;
                                  });
                 }});
    r.push_back(
        {"talib.BBANDS",
         "TA-Lib BBANDS (SMA, population std)",
         "volatility",
         Flavor::Talib,
         kClose,
         {period_param("period", 20), mult_param("dev_up", 2.0), mult_param("dev_down", 2.0)},
         {"upperband", "middleband", "lowerband"},
         [](const SeriesInput& in, Params p, Outs o) {
             return ta::bbands(in.close, {ip(p, 0), p[1], p[2]}, {o[0], o[1], o[2]});
         },
         [](Params p) {
             return adapt(ta::Bbands({ip(p, 0), p[1], p[2]}),
                          [](ta::Bbands& s, const BarInput& b, std::span<double> o) {
                              const ta::BbandsValue& v = s.update(b.close);
                              o[0] = v.upper;
                              o[1] = v.middle;
                              o[2] = v.lower;
                          });
         }});
    r.push_back({"talib.ATR",
                 "TA-Lib ATR (Wilder)",
                 "volatility",
                 Flavor::Talib,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::atr(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) { return talib_hlc(ta::Atr({ip(p, 0)})); }});
    r.push_back({"talib.ADX",
                 "TA-Lib ADX",
                 "momentum",
                 Flavor::Talib,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::adx(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) { return talib_hlc(ta::Adx({ip(p, 0)})); }});
    r.push_back(
        {"talib.OBV",
         "TA-Lib OBV (starts at volume[0])",
         "volume",
         Flavor::Talib,
         {"close", "volume"},
         {},
         {"value"},
         [](const SeriesInput& in, Params, Outs o) { return ta::obv(in.close, in.volume, o[0]); },
         [](Params) {
             return adapt(ta::Obv(), [](ta::Obv& s, const BarInput& b, std::span<double> o) {
                 o[0] = s.update(b.close, b.volume);
             });
         }});
    r.push_back({"talib.STOCH",
                 "TA-Lib STOCH (slow K/D by SMA)",
                 "momentum",
                 Flavor::Talib,
                 kHlc,
                 {period_param("fastk_period", 14), period_param("slowk_period", 3),
                  period_param("slowd_period", 3)},
                 {"slowk", "slowd"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::stoch(in.high, in.low, in.close, {ip(p, 0), ip(p, 1), ip(p, 2)},
                                      {o[0], o[1]});
                 },
                 [](Params p) {
                     return adapt(ta::Stoch({ip(p, 0), ip(p, 1), ip(p, 2)}),
                                  [](ta::Stoch& s, const BarInput& b, std::span<double> o) {
                                      const ta::StochValue& v = s.update(b.high, b.low, b.close);
                                      o[0] = v.slowk;
                                      o[1] = v.slowd;
                                  });
                 }});
    r.push_back({"talib.WILLR",
                 "TA-Lib Williams %R",
                 "momentum",
                 Flavor::Talib,
                 kHlc,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::willr(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) { return talib_hlc(ta::Willr({ip(p, 0)})); }});
    r.push_back({"talib.CCI",
                 "TA-Lib CCI",
                 "momentum",
                 Flavor::Talib,
                 kHlc,
                 {period_param("period", 20)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::cci(in.high, in.low, in.close, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) { return talib_hlc(ta::Cci({ip(p, 0)})); }});
    r.push_back({"talib.MFI",
                 "TA-Lib MFI",
                 "volume",
                 Flavor::Talib,
                 kHlcv,
                 {period_param("period", 14)},
                 {"value"},
                 [](const SeriesInput& in, Params p, Outs o) {
                     return ta::mfi(in.high, in.low, in.close, in.volume, {ip(p, 0)}, o[0]);
                 },
                 [](Params p) {
                     return adapt(ta::Mfi({ip(p, 0)}),
                                  [](ta::Mfi& s, const BarInput& b, std::span<double> o) {
                                      o[0] = s.update(b.high, b.low, b.close, b.volume);
                                  });
                 }});
    return r;
}

std::vector<IndicatorInfo> extra_entries() {
    std::vector<IndicatorInfo> r;
    IndicatorInfo ich{
        "ichimoku",
        "Ichimoku Kinko Hyo",
        "average",
        Flavor::Extra,
        kHlc,
        {period_param("tenkan_period", 9), period_param("kijun_period", 26),
         period_param("senkou_b_period", 52), period_param("displacement", 26, 0)},
        {"tenkan", "kijun", "senkou_a", "senkou_b", "chikou"},
        [](const SeriesInput& in, Params p, Outs o) {
            return ichimoku(in.high, in.low, in.close, {ip(p, 0), ip(p, 1), ip(p, 2), ip(p, 3)},
                            {o[0], o[1], o[2], o[3], o[4]});
        },
        [](Params p) {
            return adapt(Ichimoku({ip(p, 0), ip(p, 1), ip(p, 2), ip(p, 3)}),
                         [](Ichimoku& s, const BarInput& b, std::span<double> o) {
                             const IchimokuValue& v = s.update(b.high, b.low, b.close);
                             o[0] = v.tenkan;
                             o[1] = v.kijun;
                             o[2] = v.senkou_a;
                             o[3] = v.senkou_b;
                             o[4] = v.chikou_delayed;
                         });
        }};
    ich.row_offset = [](Params p, std::size_t output) { return output == 4 ? -ip(p, 3) : 0; };
    r.push_back(std::move(ich));
    r.push_back(
        {"squeeze",
         "Squeeze Momentum (LazyBear)",
         "volatility",
         Flavor::Extra,
         kHlc,
         {period_param("period", 20, 2), mult_param("bb_mult", 2.0), mult_param("kc_mult", 1.5)},
         {"momentum", "state"},
         [](const SeriesInput& in, Params p, Outs o) {
             return squeeze(in.high, in.low, in.close, {ip(p, 0), p[1], p[2]}, {o[0], o[1]});
         },
         [](Params p) {
             return adapt(Squeeze({ip(p, 0), p[1], p[2]}),
                          [](Squeeze& s, const BarInput& b, std::span<double> o) {
                              const SqueezeValue& v = s.update(b.high, b.low, b.close);
                              o[0] = v.momentum;
                              o[1] = v.state;
                          });
         }});
    return r;
}

std::vector<ColumnSpec> reference_columns() {
    std::vector<ColumnSpec> c = {
        {"sma", "sma", {20}, 0},
        {"ema", "ema", {20}, 0},
        {"wma", "wma", {20}, 0},
        {"hull_ma", "hull_ma", {20}, 0},
        {"supertrend.supertrend", "supertrend", {10, 3.0}, 0},
        {"supertrend.supertrend_direction", "supertrend", {10, 3.0}, 1},
        {"rsi", "rsi", {14}, 0},
        {"macd.macd", "macd", {12, 26, 9}, 0},
        {"macd.macd_signal", "macd", {12, 26, 9}, 1},
        {"macd.macd_hist", "macd", {12, 26, 9}, 2},
        {"stochastic.stoch_k", "stochastic", {14, 3}, 0},
        {"stochastic.stoch_d", "stochastic", {14, 3}, 1},
        {"cci", "cci", {20}, 0},
        {"williams_r", "williams_r", {14}, 0},
        {"adx", "adx", {14}, 0},
        {"atr_indicator", "atr_indicator", {14}, 0},
        {"bollinger_bands.bb_upper", "bollinger_bands", {20, 2.0, 1}, 0},
        {"bollinger_bands.bb_mid", "bollinger_bands", {20, 2.0, 1}, 1},
        {"bollinger_bands.bb_lower", "bollinger_bands", {20, 2.0, 1}, 2},
        {"bollinger_bands.bb_width", "bollinger_bands", {20, 2.0, 1}, 3},
        {"bollinger_bands.bb_pct", "bollinger_bands", {20, 2.0, 1}, 4},
        {"keltner_channels.kc_upper", "keltner_channels", {20, 10, 2.0}, 0},
        {"keltner_channels.kc_mid", "keltner_channels", {20, 10, 2.0}, 1},
        {"keltner_channels.kc_lower", "keltner_channels", {20, 10, 2.0}, 2},
        {"obv", "obv", {}, 0},
        {"vwap", "vwap", {0}, 0},
        {"mfi", "mfi", {14}, 0},
    };
    static const char* const kSmaCols[] = {
        "add_all_indicators.sma_7",  "add_all_indicators.sma_14",  "add_all_indicators.sma_21",
        "add_all_indicators.sma_50", "add_all_indicators.sma_100", "add_all_indicators.sma_200"};
    static const char* const kEmaCols[] = {
        "add_all_indicators.ema_7",  "add_all_indicators.ema_14",  "add_all_indicators.ema_21",
        "add_all_indicators.ema_50", "add_all_indicators.ema_100", "add_all_indicators.ema_200"};
    const double periods[] = {7, 14, 21, 50, 100, 200};
    for (std::size_t i = 0; i < 6; ++i) {
        c.push_back({kSmaCols[i], "sma", {periods[i]}, 0});
        c.push_back({kEmaCols[i], "ema", {periods[i]}, 0});
    }
    const std::vector<ColumnSpec> tail = {
        {"add_all_indicators.hull_ma_9", "hull_ma", {9}, 0},
        {"add_all_indicators.rsi_14", "rsi", {14}, 0},
        {"add_all_indicators.macd", "macd", {12, 26, 9}, 0},
        {"add_all_indicators.macd_signal", "macd", {12, 26, 9}, 1},
        {"add_all_indicators.macd_hist", "macd", {12, 26, 9}, 2},
        {"add_all_indicators.stoch_k", "stochastic", {14, 3}, 0},
        {"add_all_indicators.stoch_d", "stochastic", {14, 3}, 1},
        {"add_all_indicators.cci_20", "cci", {20}, 0},
        {"add_all_indicators.williams_r_14", "williams_r", {14}, 0},
        {"add_all_indicators.atr_14", "atr_indicator", {14}, 0},
        {"add_all_indicators.bb_upper", "bollinger_bands", {20, 2.0, 1}, 0},
        {"add_all_indicators.bb_mid", "bollinger_bands", {20, 2.0, 1}, 1},
        {"add_all_indicators.bb_lower", "bollinger_bands", {20, 2.0, 1}, 2},
        {"add_all_indicators.bb_width", "bollinger_bands", {20, 2.0, 1}, 3},
        {"add_all_indicators.bb_pct", "bollinger_bands", {20, 2.0, 1}, 4},
        {"add_all_indicators.obv", "obv", {}, 0},
        {"add_all_indicators.mfi_14", "mfi", {14}, 0},
        {"add_all_indicators.volume_sma_20", "volume_sma", {20}, 0},
        {"add_all_indicators.volume_ratio", "volume_ratio", {20}, 0},
        {"add_all_indicators.returns", "returns", {}, 0},
        {"add_all_indicators.log_returns", "log_returns", {}, 0},
    };
    c.insert(c.end(), tail.begin(), tail.end());
    return c;
}

std::vector<ColumnSpec> talib_columns() {
    return {
        {"talib.SMA", "talib.SMA", {20}, 0},
        {"talib.EMA", "talib.EMA", {20}, 0},
        {"talib.RSI", "talib.RSI", {14}, 0},
        {"talib.MACD.macd", "talib.MACD", {12, 26, 9}, 0},
        {"talib.MACD.macdsignal", "talib.MACD", {12, 26, 9}, 1},
        {"talib.MACD.macdhist", "talib.MACD", {12, 26, 9}, 2},
        {"talib.BBANDS.upperband", "talib.BBANDS", {20, 2.0, 2.0}, 0},
        {"talib.BBANDS.middleband", "talib.BBANDS", {20, 2.0, 2.0}, 1},
        {"talib.BBANDS.lowerband", "talib.BBANDS", {20, 2.0, 2.0}, 2},
        {"talib.ATR", "talib.ATR", {14}, 0},
        {"talib.ADX", "talib.ADX", {14}, 0},
        {"talib.OBV", "talib.OBV", {}, 0},
        {"talib.STOCH.slowk", "talib.STOCH", {14, 3, 3}, 0},
        {"talib.STOCH.slowd", "talib.STOCH", {14, 3, 3}, 1},
        {"talib.WILLR", "talib.WILLR", {14}, 0},
        {"talib.CCI", "talib.CCI", {20}, 0},
        {"talib.MFI", "talib.MFI", {14}, 0},
    };
}

std::vector<ColumnSpec> extra_columns() {
    return {
        {"ichimoku.tenkan", "ichimoku", {9, 26, 52, 26}, 0},
        {"ichimoku.kijun", "ichimoku", {9, 26, 52, 26}, 1},
        {"ichimoku.senkou_a", "ichimoku", {9, 26, 52, 26}, 2},
        {"ichimoku.senkou_b", "ichimoku", {9, 26, 52, 26}, 3},
        {"ichimoku.chikou", "ichimoku", {9, 26, 52, 26}, 4},
        {"squeeze.momentum", "squeeze", {20, 2.0, 1.5}, 0},
        {"squeeze.state", "squeeze", {20, 2.0, 1.5}, 1},
    };
}

}  // namespace

std::string_view flavor_name(Flavor f) {
    switch (f) {
        case Flavor::Reference:
            return "reference";
        case Flavor::Talib:
            return "talib";
        case Flavor::Extra:
            return "extra";
    }
    return "unknown";
}

Result<Flavor> parse_flavor(std::string_view text) {
    for (Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
        if (text == flavor_name(f)) {
            return f;
        }
    }
    return fail(Error::invalid_argument(
        fmt::format("flavor must be reference, talib or extra, was '{}'", text)));
}

std::vector<double> IndicatorInfo::default_params() const {
    std::vector<double> d;
    d.reserve(params.size());
    for (const ParamInfo& p : params) {
        d.push_back(p.default_value);
    }
    return d;
}

Status IndicatorInfo::validate_params(std::span<const double> values) const {
    if (values.size() != params.size()) {
        return fail(Error::invalid_argument(fmt::format("{} takes {} parameters, was given {}",
                                                        name, params.size(), values.size())));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ParamInfo& p = params[i];
        const double v = values[i];
        if (!std::isfinite(v)) {
            return fail(
                Error::invalid_argument(fmt::format("{} must be finite, was {}", p.name, v)));
        }
        if (p.is_integer && v != std::floor(v)) {
            return fail(
                Error::invalid_argument(fmt::format("{} must be an integer, was {}", p.name, v)));
        }
        if (v < p.min) {
            return fail(
                Error::invalid_argument(fmt::format("{} must be >= {}, was {}", p.name, p.min, v)));
        }
        if (v > p.max) {
            return fail(
                Error::invalid_argument(fmt::format("{} must be <= {}, was {}", p.name, p.max, v)));
        }
    }
    return ok_status();
}

std::string IndicatorInfo::column_name(std::size_t output) const {
    if (outputs.size() == 1) {
        return std::string(name);
    }
    return fmt::format("{}.{}", name, outputs[output]);
}

const std::vector<IndicatorInfo>& registry() {
    static const std::vector<IndicatorInfo> table = [] {
        std::vector<IndicatorInfo> all = reference_entries();
        for (auto* part : {&talib_entries, &extra_entries}) {
            std::vector<IndicatorInfo> more = (*part)();
            for (IndicatorInfo& info : more) {
                all.push_back(std::move(info));
            }
        }
        return all;
    }();
    return table;
}

const IndicatorInfo* find_indicator(std::string_view name) {
    for (const IndicatorInfo& info : registry()) {
        if (info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

Status run_batch(const IndicatorInfo& info, const SeriesInput& in, std::span<const double> params,
                 std::span<const std::span<double>> out) {
    AITP_TRY(info.validate_params(params));
    if (out.size() != info.outputs.size()) {
        return fail(Error::invalid_argument(fmt::format(
            "{} has {} outputs, was given {}", info.name, info.outputs.size(), out.size())));
    }
    return info.batch(in, params, out);
}

Result<std::unique_ptr<StreamingIndicator>> make_stream(const IndicatorInfo& info,
                                                        std::span<const double> params) {
    AITP_TRY(info.validate_params(params));
    return info.make_stream(params);
}

const std::vector<ColumnSpec>& flavor_columns(Flavor f) {
    static const std::vector<ColumnSpec> ref = reference_columns();
    static const std::vector<ColumnSpec> ta = talib_columns();
    static const std::vector<ColumnSpec> extra = extra_columns();
    switch (f) {
        case Flavor::Talib:
            return ta;
        case Flavor::Extra:
            return extra;
        case Flavor::Reference:
            break;
    }
    return ref;
}

Result<std::vector<const ColumnSpec*>> select_columns(Flavor f, std::span<const std::string> only) {
    const std::vector<ColumnSpec>& all = flavor_columns(f);
    std::vector<const ColumnSpec*> picked;
    if (only.empty()) {
        for (const ColumnSpec& c : all) {
            picked.push_back(&c);
        }
        return picked;
    }
    std::vector<bool> used(all.size(), false);
    for (const std::string& want : only) {
        bool found = false;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const std::string_view col = all[i].column;
            const bool match = col == want || (col.size() > want.size() && col.starts_with(want) &&
                                               col[want.size()] == '.');
            if (match) {
                found = true;
                used[i] = true;
            }
        }
        if (!found) {
            return fail(Error::invalid_argument(fmt::format(
                "unknown indicator or column '{}' for flavor {}", want, flavor_name(f))));
        }
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (used[i]) {
            picked.push_back(&all[i]);
        }
    }
    return picked;
}

Status compute_columns(std::span<const ColumnSpec* const> columns, const SeriesInput& in,
                       ColumnTable& table) {
    struct Call {
        const IndicatorInfo* info;
        const std::vector<double>* params;
        std::vector<std::span<double>> outs;
    };
    struct Slot {  // a distinct column: an output of a call
        std::size_t call;
        std::size_t output;
    };
    std::vector<Call> calls;
    std::vector<Slot> slots;
    table.names.clear();
    table.source.clear();
    for (const ColumnSpec* spec : columns) {
        const ColumnSpec& c = *spec;
        std::size_t call = 0;
        while (call < calls.size() &&
               (calls[call].info->name != c.indicator || *calls[call].params != c.params)) {
            ++call;
        }
        if (call == calls.size()) {
            const IndicatorInfo* info = find_indicator(c.indicator);
            if (info == nullptr) {
                return fail(Error::internal(fmt::format("no indicator '{}'", c.indicator)));
            }
            calls.push_back(
                {info, &c.params, std::vector<std::span<double>>(info->outputs.size())});
        }
        std::size_t slot = 0;
        while (slot < slots.size() &&
               (slots[slot].call != call || slots[slot].output != c.output)) {
            ++slot;
        }
        if (slot == slots.size()) {
            slots.push_back({call, c.output});
        }
        table.names.emplace_back(c.column);
        table.source.push_back(slot);
    }
    table.distinct.resize(slots.size());
    for (std::size_t s = 0; s < slots.size(); ++s) {
        table.distinct[s].resize(in.size());
        calls[slots[s].call].outs[slots[s].output] = table.distinct[s];
    }
    // The columns the set reads must have the close's length (the shared paths index them all
    // by row; the single kernels would report the same mismatch).
    for (const NamedInput col : {NamedInput{"high", in.high}, NamedInput{"low", in.low},
                                 NamedInput{"volume", in.volume}}) {
        if (col.values.size() == in.size()) {
            continue;
        }
        for (const Call& call : calls) {
            if (std::find(call.info->inputs.begin(), call.info->inputs.end(), col.name) !=
                call.info->inputs.end()) {
                return fail(Error::invalid_argument(fmt::format(
                    "{} has {} values but close has {}", col.name, col.values.size(), in.size())));
            }
        }
    }
    // Scan each input column once instead of once per kernel; a column that fails is left for
    // the kernels to report with their usual message. When the set uses the true range, the
    // scan of high, low and close is the pass that computes it.
    detail::ScratchColumns scratch;
    std::span<double> true_range;
    bool hlc_finite = false;
    const bool uses_true_range = std::any_of(calls.begin(), calls.end(), [](const Call& call) {
        return call.info->name == "atr_indicator" || call.info->name == "keltner_channels" ||
               call.info->name == "supertrend";
    });
    if (uses_true_range && in.high.size() == in.size() && in.low.size() == in.size()) {
        true_range = scratch.take(in.size());
        hlc_finite = detail::true_range_finite(in.high, in.low, in.close, true_range);
        if (!hlc_finite) {
            true_range = {};
        }
    }
    std::span<const double> finite[4];
    std::size_t n_finite = 0;
    for (const NamedInput col : {NamedInput{"high", in.high}, NamedInput{"low", in.low},
                                 NamedInput{"close", in.close}, NamedInput{"volume", in.volume}}) {
        const bool price = col.values.data() != in.volume.data();
        if (hlc_finite && price) {
            finite[n_finite++] = col.values;
            continue;
        }
        Status st = check_finite(col);
        if (st.has_value()) {
            finite[n_finite++] = col.values;
            continue;
        }
        // A column the set reads: report it by its name (the kernels name their own inputs).
        for (const Call& call : calls) {
            if (std::find(call.info->inputs.begin(), call.info->inputs.end(), col.name) !=
                call.info->inputs.end()) {
                return st;
            }
        }
    }
    const ValidatedInputsScope validated{n_finite > 0 ? finite[0] : std::span<const double>{},
                                         n_finite > 1 ? finite[1] : std::span<const double>{},
                                         n_finite > 2 ? finite[2] : std::span<const double>{},
                                         n_finite > 3 ? finite[3] : std::span<const double>{}};
    std::vector<detail::PlannedCall> planned;
    for (Call& call : calls) {
        for (std::span<double>& o : call.outs) {
            if (o.data() == nullptr) {
                o = scratch.take(in.size());
            }
        }
        planned.push_back({call.info, call.params, call.outs});
    }
    // With finite inputs, the calls built on moving averages share them, 8 per vector (bit for
    // bit the single kernels); otherwise every call runs alone and reports its own error.
    if (n_finite == 4) {
        AITP_TRY(detail::run_shared_averages(planned, in, scratch, true_range));
        AITP_TRY(detail::run_talib_chains(planned, in));
        AITP_TRY(detail::run_shared_extremes(planned, in));
    }
    for (const detail::PlannedCall& call : planned) {
        if (!call.done) {
            AITP_TRY(run_batch(*call.info, in, *call.params, call.outs));
        }
    }
    return ok_status();
}

Result<ColumnTable> compute_flavor(Flavor f, const SeriesInput& in,
                                   std::span<const std::string> only) {
    AITP_TRY_ASSIGN(const std::vector<const ColumnSpec*> columns, select_columns(f, only));
    ColumnTable table;
    AITP_TRY(compute_columns(columns, in, table));
    return table;
}

}  // namespace aitp::indicators
