// SPDX-License-Identifier: MIT
#include "indicators/registry.hpp"

#include <cmath>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "core/check.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/average/hull_ma.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/average/wma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"
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

namespace {

using Params = std::span<const double>;
using Outs = std::span<const std::span<double>>;

// The bar fields a kernel and its stream read, in their argument order: the column of a
// SeriesInput, the value of a BarInput, and the name errors and the registry use.
struct Ts {
    static constexpr std::string_view kName = "timestamp";
    static std::span<const std::int64_t> of(const SeriesInput& in) { return in.ts; }
    static std::int64_t of(const BarInput& b) { return b.ts; }
};
#define AITP_BAR_FIELD(Type, field)                                                   \
    struct Type {                                                                     \
        static constexpr std::string_view kName = #field;                             \
        static std::span<const double> of(const SeriesInput& in) { return in.field; } \
        static double of(const BarInput& b) { return b.field; }                       \
    }
AITP_BAR_FIELD(High, high);
AITP_BAR_FIELD(Low, low);
AITP_BAR_FIELD(Close, close);
AITP_BAR_FIELD(Volume, volume);
#undef AITP_BAR_FIELD

// A parameter value that converts to the type of the field it initialises (int, double, enum).
struct Number {
    double v = 0.0;
    template <class T>
    operator T() const {
        if constexpr (std::is_enum_v<T>) {
            return static_cast<T>(static_cast<int>(v));
        } else {
            return static_cast<T>(v);
        }
    }
};

// The number of fields of an aggregate whose fields all convert from X (up to 5).
template <class A, class X>
constexpr std::size_t arity() {
    if constexpr (requires { A{X{}, X{}, X{}, X{}, X{}}; }) {
        return 5;
    } else if constexpr (requires { A{X{}, X{}, X{}, X{}}; }) {
        return 4;
    } else if constexpr (requires { A{X{}, X{}, X{}}; }) {
        return 3;
    } else if constexpr (requires { A{X{}, X{}}; }) {
        return 2;
    } else if constexpr (requires { A{X{}}; }) {
        return 1;
    } else {
        return 0;
    }
}

// A kernel's parameter struct from the registry's values: its fields in order.
template <class P>
P make_params(Params p) {
    return [&]<std::size_t... i>(std::index_sequence<i...>) { return P{Number{p[i]}...}; }
    (std::make_index_sequence<arity<P, Number>()>());
}

// A kernel's output argument: the span itself, or a struct of spans in output order.
template <class O>
O make_outputs(Outs o) {
    if constexpr (std::is_same_v<O, std::span<double>>) {
        return o[0];
    } else {
        return [&]<std::size_t... i>(std::index_sequence<i...>) { return O{o[i]...}; }
        (std::make_index_sequence<arity<O, std::span<double>>()>());
    }
}

// Writes a stream's value (a double, or a struct of doubles in output order) to `out`.
template <class V>
void spread(const V& v, std::span<double> out) {
    if constexpr (std::is_arithmetic_v<V>) {
        out[0] = v;
    } else {
        constexpr std::size_t n = arity<V, double>();
        static_assert(n >= 2 && n <= 5);
        if constexpr (n == 2) {
            const auto& [a, b] = v;
            out[0] = a, out[1] = b;
        } else if constexpr (n == 3) {
            const auto& [a, b, c] = v;
            out[0] = a, out[1] = b, out[2] = c;
        } else if constexpr (n == 4) {
            const auto& [a, b, c, d] = v;
            out[0] = a, out[1] = b, out[2] = c, out[3] = d;
        } else {
            const auto& [a, b, c, d, e] = v;
            out[0] = a, out[1] = b, out[2] = c, out[3] = d, out[4] = e;
        }
    }
}

// A kernel's argument types: the input spans, then the parameters (absent for TA-Lib's OBV),
// then the outputs.
template <class R, class... A>
std::tuple<std::remove_cvref_t<A>...> args_of(R (*)(A...));
template <auto Kernel>
using KernelArgs = decltype(args_of(Kernel));
template <auto Kernel, std::size_t inputs>
constexpr bool kHasParams = std::tuple_size_v<KernelArgs<Kernel>> == inputs + 2;
struct NoParams {};
template <auto Kernel, std::size_t inputs>
using ParamsOf = std::conditional_t<
    kHasParams<Kernel, inputs>,
    std::tuple_element_t<kHasParams<Kernel, inputs> ? inputs : 0, KernelArgs<Kernel>>, NoParams>;

// The registry's unchecked kernel: Kernel on the entry's fields.
template <auto Kernel, class... F>
Status run_kernel(const SeriesInput& in, Params p, Outs o) {
    using Args = KernelArgs<Kernel>;
    using O = std::tuple_element_t<std::tuple_size_v<Args> - 1, Args>;
    if constexpr (kHasParams<Kernel, sizeof...(F)>) {
        using P = ParamsOf<Kernel, sizeof...(F)>;
        return Kernel(F::of(in)..., make_params<P>(p), make_outputs<O>(o));
    } else {
        return Kernel(F::of(in)..., make_outputs<O>(o));
    }
}

// The checked kernel: every input column but the timestamps finite and of the close's length,
// every output of that length, then run_kernel (the parameters are validated by run_batch).
template <class F>
void add_input(std::vector<NamedInput>& inputs, const SeriesInput& in) {
    if constexpr (!std::is_same_v<F, Ts>) {
        inputs.push_back({F::kName, F::of(in)});
    }
}
template <auto Kernel, class... F>
Status run_checked(const SeriesInput& in, Params p, Outs o) {
    std::vector<NamedInput> inputs;
    (add_input<F>(inputs, in), ...);
    AITP_TRY(check_series(inputs, o));
    return run_kernel<Kernel, F...>(in, p, o);
}

template <class S, class... F>
class Stream final : public StreamingIndicator {
  public:
    explicit Stream(S s) : s_(std::move(s)) {}
    void update(const BarInput& b, std::span<double> out) override {
        spread(s_.update(F::of(b)...), out);
    }
    void reset() override { s_.reset(); }

  private:
    S s_;
};

template <class S, class P, class... F>
std::unique_ptr<StreamingIndicator> make_stream_of(Params p) {
    if constexpr (std::is_same_v<P, NoParams>) {
        return std::make_unique<Stream<S, F...>>(S());
    } else {
        return std::make_unique<Stream<S, F...>>(S(make_params<P>(p)));
    }
}

// lookback() of the parameters (found by argument-dependent lookup), or a named one.
template <class P>
int lookback_of(Params p) {
    return lookback(make_params<P>(p));
}
template <auto Lookback>
int lookback_by(Params p) {
    return Lookback(make_params<std::tuple_element_t<0, KernelArgs<Lookback>>>(p));
}
int no_lookback(Params) { return 0; }
int one_lookback(Params) { return 1; }

// What an entry says besides its kernel and stream.
struct Description {
    IndicatorId id;
    std::string_view name;
    std::string_view full_name;
    std::string_view family;
    std::vector<ParamInfo> params;
    std::vector<std::string_view> outputs;
};

// An entry: Kernel (an x_unchecked) and stream S over the bar fields F.
template <auto Kernel, class S, class... F>
IndicatorInfo entry(Flavor flavor, Description d, LookbackFn lookback_fn = nullptr) {
    using P = ParamsOf<Kernel, sizeof...(F)>;
    if constexpr (!std::is_same_v<P, NoParams>) {
        constexpr std::size_t kFields = arity<P, Number>();
        AITP_CHECK(d.params.size() == kFields, "Invariant: a parameter per field");
        if constexpr (requires(const P& q) { lookback(q); }) {
            if (lookback_fn == nullptr) {
                lookback_fn = &lookback_of<P>;
            }
        }
    }
    AITP_CHECK(lookback_fn != nullptr, "Invariant: every entry has a lookback");
    return {d.id,
            d.name,
            d.full_name,
            d.family,
            flavor,
            {F::kName...},
            std::move(d.params),
            std::move(d.outputs),
            &run_checked<Kernel, F...>,
            &run_kernel<Kernel, F...>,
            &make_stream_of<S, P, F...>,
            lookback_fn};
}

constexpr double kMaxPeriod = 1'000'000;

ParamInfo period_param(std::string_view name, double def, double min = 1) {
    return {name, def, min, kMaxPeriod, true, "window length in bars"};
}
ParamInfo mult_param(std::string_view name, double def) {
    return {name, def, 0.0, 1e6, false, "band width multiplier"};
}

// Returns and log returns: one kernel and stream with a fixed parameter.
Status simple_returns(std::span<const double> close, std::span<double> out) {
    return returns_unchecked(close, {false}, out);
}
Status log_returns(std::span<const double> close, std::span<double> out) {
    return returns_unchecked(close, {true}, out);
}
struct LogReturns : Returns {
    LogReturns() : Returns({true}) {}
};

std::vector<IndicatorInfo> reference_entries() {
    constexpr Flavor kRef = Flavor::Reference;
    const ParamInfo period20 = period_param("period", 20);
    const ParamInfo period14 = period_param("period", 14);
    return {
        entry<&sma_unchecked, Sma, Close>(kRef, {IndicatorId::Sma,
                                                 "sma",
                                                 "Simple moving average (pandas rolling mean)",
                                                 "average",
                                                 {period20},
                                                 {"value"}}),
        entry<&ema_unchecked, Ema, Close>(
            kRef, {IndicatorId::Ema,
                   "ema",
                   "Exponential moving average (pandas ewm span, adjust=False)",
                   "average",
                   {period20},
                   {"value"}}),
        entry<&wma_unchecked, Wma, Close>(kRef, {IndicatorId::Wma,
                                                 "wma",
                                                 "Linearly weighted moving average",
                                                 "average",
                                                 {period20},
                                                 {"value"}}),
        entry<&hull_ma_unchecked, HullMa, Close>(kRef, {IndicatorId::HullMa,
                                                        "hull_ma",
                                                        "Hull moving average",
                                                        "average",
                                                        {period_param("period", 20, 2)},
                                                        {"value"}}),
        entry<&supertrend_unchecked, Supertrend, High, Low, Close>(
            kRef, {IndicatorId::Supertrend,
                   "supertrend",
                   "Supertrend (raw ATR bands, original semantics)",
                   "volatility",
                   {period_param("period", 10), mult_param("multiplier", 3.0)},
                   {"supertrend", "supertrend_direction"}}),
        entry<&rsi_unchecked, Rsi, Close>(kRef, {IndicatorId::Rsi,
                                                 "rsi",
                                                 "Relative strength index (Wilder via pandas ewm)",
                                                 "momentum",
                                                 {period14},
                                                 {"value"}}),
        entry<&macd_unchecked, Macd, Close>(
            kRef, {IndicatorId::Macd,
                   "macd",
                   "Moving average convergence/divergence",
                   "momentum",
                   {period_param("fast_period", 12), period_param("slow_period", 26),
                    period_param("signal_period", 9)},
                   {"macd", "macd_signal", "macd_hist"}}),
        entry<&stochastic_unchecked, Stochastic, High, Low, Close>(
            kRef, {IndicatorId::Stochastic,
                   "stochastic",
                   "Stochastic oscillator (raw %K, SMA %D)",
                   "momentum",
                   {period_param("k_period", 14), period_param("d_period", 3)},
                   {"stoch_k", "stoch_d"}}),
        entry<&cci_unchecked, Cci, High, Low, Close>(kRef, {IndicatorId::Cci,
                                                            "cci",
                                                            "Commodity channel index",
                                                            "momentum",
                                                            {period20},
                                                            {"value"}}),
        entry<&williams_r_unchecked, WilliamsR, High, Low, Close>(kRef, {IndicatorId::WilliamsR,
                                                                         "williams_r",
                                                                         "Williams %R",
                                                                         "momentum",
                                                                         {period14},
                                                                         {"value"}}),
        entry<&adx_unchecked, Adx, High, Low, Close>(
            kRef, {IndicatorId::Adx,
                   "adx",
                   "Average directional index (original tie rule, pandas ewm)",
                   "momentum",
                   {period14},
                   {"value"}}),
        entry<&atr_unchecked, Atr, High, Low, Close>(kRef, {IndicatorId::AtrIndicator,
                                                            "atr_indicator",
                                                            "Average true range (simple mean)",
                                                            "volatility",
                                                            {period14},
                                                            {"value"}}),
        entry<&bollinger_bands_unchecked, BollingerBands, Close>(
            kRef, {IndicatorId::BollingerBands,
                   "bollinger_bands",
                   "Bollinger bands (pandas rolling std)",
                   "volatility",
                   {period20,
                    mult_param("std_dev", 2.0),
                    {"ddof", 1, 0, 1, true, "std degrees of freedom: 1 sample, 0 population"}},
                   {"bb_upper", "bb_mid", "bb_lower", "bb_width", "bb_pct"}}),
        entry<&keltner_channels_unchecked, KeltnerChannels, High, Low, Close>(
            kRef, {IndicatorId::KeltnerChannels,
                   "keltner_channels",
                   "Keltner channels (EMA mid, simple ATR bands)",
                   "volatility",
                   {period_param("ema_period", 20), period_param("atr_period", 10),
                    mult_param("multiplier", 2.0)},
                   {"kc_upper", "kc_mid", "kc_lower"}}),
        entry<&obv_unchecked, Obv, Close, Volume>(
            kRef,
            {IndicatorId::Obv, "obv", "On-balance volume (first row 0)", "volume", {}, {"value"}}),
        entry<&vwap_unchecked, Vwap, Ts, High, Low, Close, Volume>(
            kRef, {IndicatorId::Vwap,
                   "vwap",
                   "Volume-weighted average price",
                   "volume",
                   {{"anchor", 0, 0, 1, true, "0: none (original, never resets), 1: UTC day"}},
                   {"value"}}),
        entry<&mfi_unchecked, Mfi, High, Low, Close, Volume>(
            kRef, {IndicatorId::Mfi, "mfi", "Money flow index", "volume", {period14}, {"value"}}),
        entry<&sma_unchecked, Sma, Volume>(kRef, {IndicatorId::VolumeSma,
                                                  "volume_sma",
                                                  "Simple moving average of volume",
                                                  "volume",
                                                  {period20},
                                                  {"value"}}),
        entry<&volume_ratio_unchecked, VolumeRatio, Volume>(kRef, {IndicatorId::VolumeRatio,
                                                                   "volume_ratio",
                                                                   "Volume / SMA(volume)",
                                                                   "ratio",
                                                                   {period20},
                                                                   {"value"}}),
        entry<&simple_returns, Returns, Close>(kRef,
                                               {IndicatorId::Returns,
                                                "returns",
                                                "Simple returns close/prev - 1",
                                                "ratio",
                                                {},
                                                {"value"}},
                                               &one_lookback),
        entry<&log_returns, LogReturns, Close>(kRef,
                                               {IndicatorId::LogReturns,
                                                "log_returns",
                                                "Log returns ln(close/prev)",
                                                "ratio",
                                                {},
                                                {"value"}},
                                               &one_lookback),
    };
}

std::vector<IndicatorInfo> talib_entries() {
    namespace ta = talib;
    constexpr Flavor kTa = Flavor::Talib;
    const ParamInfo period20 = period_param("period", 20);
    const ParamInfo period14 = period_param("period", 14);
    return {
        entry<&ta::sma_unchecked, ta::Sma, Close>(
            kTa,
            {IndicatorId::TalibSma, "talib.SMA", "TA-Lib SMA", "average", {period20}, {"value"}}),
        entry<&ta::ema_unchecked, ta::Ema, Close>(kTa, {IndicatorId::TalibEma,
                                                        "talib.EMA",
                                                        "TA-Lib EMA (SMA seed)",
                                                        "average",
                                                        {period20},
                                                        {"value"}}),
        entry<&ta::rsi_unchecked, ta::Rsi, Close>(
            kTa,
            {IndicatorId::TalibRsi, "talib.RSI", "TA-Lib RSI", "momentum", {period14}, {"value"}},
            &lookback_by<&ta::rsi_lookback>),
        entry<&ta::macd_unchecked, ta::Macd, Close>(
            kTa,
            {IndicatorId::TalibMacd,
             "talib.MACD",
             "TA-Lib MACD",
             "momentum",
             {period_param("fast_period", 12, 2), period_param("slow_period", 26, 2),
              period_param("signal_period", 9)},
             {"macd", "macdsignal", "macdhist"}},
            &lookback_by<&ta::macd_lookback>),
        entry<&ta::bbands_unchecked, ta::Bbands, Close>(
            kTa, {IndicatorId::TalibBbands,
                  "talib.BBANDS",
                  "TA-Lib BBANDS (SMA, population std)",
                  "volatility",
                  {period20, mult_param("dev_up", 2.0), mult_param("dev_down", 2.0)},
                  {"upperband", "middleband", "lowerband"}}),
        entry<&ta::atr_unchecked, ta::Atr, High, Low, Close>(kTa,
                                                             {IndicatorId::TalibAtr,
                                                              "talib.ATR",
                                                              "TA-Lib ATR (Wilder)",
                                                              "volatility",
                                                              {period14},
                                                              {"value"}},
                                                             &lookback_by<&ta::atr_lookback>),
        entry<&ta::adx_unchecked, ta::Adx, High, Low, Close>(
            kTa,
            {IndicatorId::TalibAdx, "talib.ADX", "TA-Lib ADX", "momentum", {period14}, {"value"}},
            &lookback_by<&ta::adx_lookback>),
        entry<&ta::obv_unchecked, ta::Obv, Close, Volume>(kTa,
                                                          {IndicatorId::TalibObv,
                                                           "talib.OBV",
                                                           "TA-Lib OBV (starts at volume[0])",
                                                           "volume",
                                                           {},
                                                           {"value"}},
                                                          &no_lookback),
        entry<&ta::stoch_unchecked, ta::Stoch, High, Low, Close>(
            kTa,
            {IndicatorId::TalibStoch,
             "talib.STOCH",
             "TA-Lib STOCH (slow K/D by SMA)",
             "momentum",
             {period_param("fastk_period", 14), period_param("slowk_period", 3),
              period_param("slowd_period", 3)},
             {"slowk", "slowd"}},
            &lookback_by<&ta::stoch_lookback>),
        entry<&ta::willr_unchecked, ta::Willr, High, Low, Close>(kTa,
                                                                 {IndicatorId::TalibWillr,
                                                                  "talib.WILLR",
                                                                  "TA-Lib Williams %R",
                                                                  "momentum",
                                                                  {period14},
                                                                  {"value"}},
                                                                 &lookback_by<&ta::willr_lookback>),
        entry<&ta::cci_unchecked, ta::Cci, High, Low, Close>(
            kTa,
            {IndicatorId::TalibCci, "talib.CCI", "TA-Lib CCI", "momentum", {period20}, {"value"}},
            &lookback_by<&ta::cci_lookback>),
        entry<&ta::mfi_unchecked, ta::Mfi, High, Low, Close, Volume>(
            kTa,
            {IndicatorId::TalibMfi, "talib.MFI", "TA-Lib MFI", "volume", {period14}, {"value"}},
            &lookback_by<&ta::mfi_lookback>),
    };
}

std::vector<IndicatorInfo> extra_entries() {
    IndicatorInfo ichimoku_entry = entry<&ichimoku_unchecked, Ichimoku, High, Low, Close>(
        Flavor::Extra, {IndicatorId::Ichimoku,
                        "ichimoku",
                        "Ichimoku Kinko Hyo",
                        "average",
                        {period_param("tenkan_period", 9), period_param("kijun_period", 26),
                         period_param("senkou_b_period", 52), period_param("displacement", 26, 0)},
                        {"tenkan", "kijun", "senkou_a", "senkou_b", "chikou"}});
    // The stream emits chikou `displacement` bars late (the close it shows is known then).
    ichimoku_entry.row_offset = [](Params p, std::size_t output) {
        return output == 4 ? -static_cast<int>(p[3]) : 0;
    };
    return {
        std::move(ichimoku_entry),
        entry<&squeeze_unchecked, Squeeze, High, Low, Close>(
            Flavor::Extra, {IndicatorId::Squeeze,
                            "squeeze",
                            "Squeeze Momentum (LazyBear)",
                            "volatility",
                            {period_param("period", 20, 2), mult_param("bb_mult", 2.0),
                             mult_param("kc_mult", 1.5)},
                            {"momentum", "state"}}),
    };
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
    // Scan each input column once instead of once per kernel (which then run unchecked); a
    // column that fails is an error when a call reads it. When the set uses the true range, the
    // scan of high, low and close is the pass that computes it.
    detail::ScratchColumns scratch;
    std::span<double> true_range;
    bool hlc_finite = false;
    const bool uses_true_range = std::any_of(calls.begin(), calls.end(), [](const Call& call) {
        return detail::on_true_range(call.info->id);
    });
    if (uses_true_range && in.high.size() == in.size() && in.low.size() == in.size()) {
        true_range = scratch.take(in.size());
        hlc_finite = detail::true_range_finite(in.high, in.low, in.close, true_range);
        if (!hlc_finite) {
            true_range = {};
        }
    }
    bool all_finite = true;
    for (const NamedInput col : {NamedInput{"high", in.high}, NamedInput{"low", in.low},
                                 NamedInput{"close", in.close}, NamedInput{"volume", in.volume}}) {
        const bool price = col.values.data() != in.volume.data();
        if (hlc_finite && price) {
            continue;
        }
        Status st = check_finite(col);
        if (st.has_value()) {
            continue;
        }
        all_finite = false;
        for (const Call& call : calls) {
            if (std::find(call.info->inputs.begin(), call.info->inputs.end(), col.name) !=
                call.info->inputs.end()) {
                return st;
            }
        }
    }
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
    // bit the single kernels); otherwise (a column no call reads is not finite) every call runs
    // alone.
    if (all_finite) {
        AITP_TRY(detail::run_shared_averages(planned, in, scratch, true_range));
        AITP_TRY(detail::run_talib_chains(planned, in));
        AITP_TRY(detail::run_shared_extremes(planned, in));
    }
    for (const detail::PlannedCall& call : planned) {
        if (call.done) {
            continue;
        }
        // Every column the call reads was checked above.
        AITP_TRY(call.info->validate_params(*call.params));
        AITP_TRY(call.info->kernel(in, *call.params, call.outs));
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
