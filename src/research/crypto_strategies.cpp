// SPDX-License-Identifier: MIT
// The three crypto strategies of the original's validation engine (Gate 2/3) as signal
// strategies, with the grids of ../shared/ORIGINAL.md section 3.3 and the entry/exit rules of
// its Freqtrade strategies (section 4.1). Freqtrade-only logic (ROI tables, custom stoploss,
// custom exits) has no signal form; the fixed stop-loss of each strategy is kept. Where the
// original does not spell out a grid (VolatilityBreakout's 8 parameters), the values chosen here
// lie inside its hyperopt ranges and are listed in README.md.
#include <algorithm>
#include <memory>

#include "research/detail/catalogue.hpp"
#include "research/detail/indicator_columns.hpp"

namespace aitp::research::detail {

namespace {

using Grid = std::span<const ParamVector>;

// Columns shared by every parameter vector of a strategy.
struct Common {
    Column rsi14, adx14, vol_ratio, ema20, bb_mid20;
    MacdColumns macd;
};

Status fill_common(Common& c, const MarketData& d) {
    AITP_TRY_ASSIGN(c.rsi14, rsi_column(d.close, 14));
    AITP_TRY_ASSIGN(c.adx14, adx_column(d, 14));
    AITP_TRY_ASSIGN(c.vol_ratio, volume_ratio_column(d.volume, 20));
    AITP_TRY_ASSIGN(c.ema20, ema_column(d.close, 20));
    AITP_TRY_ASSIGN(Bands b, bands_column(d.close, 20, 2.0));
    c.bb_mid20 = std::move(b.mid);
    AITP_TRY_ASSIGN(c.macd, macd_columns(d.close));
    return ok_status();
}

// BollingerMeanReversion: entry close < lower band(period, std) and RSI < buy_rsi and ADX < 55
// (adx_ceiling default) and RSI > 10 and volume > 0 [and volume ratio > factor when factor > 0];
// exit close > mid band or RSI > sell_rsi. Params: bb_period, bb_std, buy_rsi, volume_factor,
// sell_rsi.
struct BmrState {
    Common c;
    std::vector<std::pair<int, double>> keys;
    std::vector<Bands> bands;
};

Result<SignalFn> prepare_bmr(const MarketData& d, Grid grid) {
    auto s = std::make_shared<BmrState>();
    AITP_TRY(fill_common(s->c, d));
    for (const auto& p : grid) {
        const std::pair key{as_int(p[0]), p[1]};
        if (std::find(s->keys.begin(), s->keys.end(), key) != s->keys.end()) continue;
        AITP_TRY_ASSIGN(Bands b, bands_column(d.close, key.first, key.second));
        s->keys.push_back(key);
        s->bands.push_back(std::move(b));
    }
    const MarketData data = d;
    return SignalFn([s, data](std::span<const double> p, std::span<std::uint8_t> en,
                              std::span<std::uint8_t> ex) {
        const auto it = std::find(s->keys.begin(), s->keys.end(), std::pair{as_int(p[0]), p[1]});
        const Bands& b = s->bands[static_cast<std::size_t>(it - s->keys.begin())];
        const Common& c = s->c;
        const double buy_rsi = p[2], factor = p[3], sell_rsi = p[4];
        for (std::size_t t = 0; t < data.size(); ++t) {
            const bool volume_ok = factor <= 0.0 || c.vol_ratio[t] > factor;
            en[t] = data.close[t] < b.lower[t] && c.rsi14[t] < buy_rsi && c.adx14[t] < 55.0 &&
                    c.rsi14[t] > 10.0 && data.volume[t] > 0.0 && volume_ok;
            ex[t] = data.close[t] > b.mid[t] || c.rsi14[t] > sell_rsi;
        }
    });
}

// CryptoInvestorV1: entry RSI < buy_rsi and (MACD histogram rising or MACD > signal or close <
// BB mid or volume ratio > 0.8) and volume > 0 and RSI > 10; exit RSI > sell_rsi or close
// crosses below EMA(ema_fast) or EMA(ema_fast) crosses below EMA(ema_slow) (the signal form of
// the original's "trend_breakdown" exit). Params: ema_fast, ema_slow, buy_rsi, sell_rsi.
struct CivState {
    Common c;
    ColumnsByPeriod ema;
};

Result<SignalFn> prepare_civ1(const MarketData& d, Grid grid) {
    auto s = std::make_shared<CivState>();
    AITP_TRY(fill_common(s->c, d));
    std::set<int> periods = int_values(grid, 0);
    periods.merge(int_values(grid, 1));
    AITP_TRY(fill_by_period(s->ema, periods, [&](int p) { return ema_column(d.close, p); }));
    const MarketData data = d;
    return SignalFn([s, data](std::span<const double> p, std::span<std::uint8_t> en,
                              std::span<std::uint8_t> ex) {
        const Column& fast = s->ema.at(as_int(p[0]));
        const Column& slow = s->ema.at(as_int(p[1]));
        const Common& c = s->c;
        for (std::size_t t = 0; t < data.size(); ++t) {
            const bool momentum = rising(c.macd.hist, t) || c.macd.macd[t] > c.macd.signal[t] ||
                                  data.close[t] < c.bb_mid20[t] || c.vol_ratio[t] > 0.8;
            en[t] = c.rsi14[t] < p[2] && momentum && data.volume[t] > 0.0 && c.rsi14[t] > 10.0;
            ex[t] = c.rsi14[t] > p[3] || crossed_below(data.close, fast, t) ||
                    crossed_below(fast, slow, t);
        }
    });
}

// VolatilityBreakout: entry close > highest high of breakout_period bars up to the previous bar
// and (volume ratio > volume_factor or close > EMA20) and adx_low <= ADX <= adx_high and
// rsi_low <= RSI <= rsi_high and volume > 0; exit RSI > sell_rsi or (close crosses below
// EMA(exit_ema) and volume ratio > 1). Params: breakout_period, volume_factor, adx_low,
// adx_high, rsi_low, rsi_high, sell_rsi, exit_ema.
struct VbState {
    Common c;
    ColumnsByPeriod high_max;
    ColumnsByPeriod ema;
};

Result<SignalFn> prepare_vb(const MarketData& d, Grid grid) {
    auto s = std::make_shared<VbState>();
    AITP_TRY(fill_common(s->c, d));
    for (int p : int_values(grid, 0)) s->high_max[p] = rolling_max(d.high, p);
    AITP_TRY(
        fill_by_period(s->ema, int_values(grid, 7), [&](int p) { return ema_column(d.close, p); }));
    const MarketData data = d;
    return SignalFn([s, data](std::span<const double> p, std::span<std::uint8_t> en,
                              std::span<std::uint8_t> ex) {
        const Column& hm = s->high_max.at(as_int(p[0]));
        const Column& exit_ema = s->ema.at(as_int(p[7]));
        const Common& c = s->c;
        for (std::size_t t = 0; t < data.size(); ++t) {
            const bool breakout = t > 0 && data.close[t] > hm[t - 1];
            en[t] = breakout && (c.vol_ratio[t] > p[1] || data.close[t] > c.ema20[t]) &&
                    c.adx14[t] >= p[2] && c.adx14[t] <= p[3] && c.rsi14[t] >= p[4] &&
                    c.rsi14[t] <= p[5] && data.volume[t] > 0.0;
            ex[t] = c.rsi14[t] > p[6] ||
                    (crossed_below(data.close, exit_ema, t) && c.vol_ratio[t] > 1.0);
        }
    });
}

}  // namespace

std::vector<StrategySpec> make_validation_strategies() {
    using K = ParamKind;
    std::vector<StrategySpec> s(3);
    s[0].name = "BollingerMeanReversion";
    s[0].param_names = {"bb_period", "bb_std", "buy_rsi", "volume_factor", "sell_rsi"};
    s[0].param_kinds = {K::Integer, K::Real, K::Real, K::Real, K::Real};
    s[0].grid = cartesian_grid({{15, 20, 25, 30},
                                {1.5, 2.0, 2.5, 3.0},
                                {25, 30, 35, 40},
                                {1.0, 1.5, 2.0, 2.5},
                                {55, 60, 65, 70, 75}});
    s[0].sl_stop = 0.04;
    s[0].zero_stats_without_trades = true;
    s[0].prepare = prepare_bmr;

    s[1].name = "CryptoInvestorV1";
    s[1].param_names = {"ema_fast", "ema_slow", "buy_rsi", "sell_rsi"};
    s[1].param_kinds = {K::Integer, K::Integer, K::Real, K::Real};
    s[1].grid = cartesian_grid({{20, 35, 50, 65, 80},
                                {100, 150, 200, 250, 300},
                                {25, 30, 35, 40, 45},
                                {70, 75, 80, 85, 90}});
    s[1].sl_stop = 0.05;
    s[1].zero_stats_without_trades = true;
    s[1].prepare = prepare_civ1;

    s[2].name = "VolatilityBreakout";
    s[2].param_names = {"breakout_period", "volume_factor", "adx_low",  "adx_high",
                        "rsi_low",         "rsi_high",      "sell_rsi", "exit_ema"};
    s[2].param_kinds = {K::Integer, K::Real, K::Real, K::Real,
                        K::Real,    K::Real, K::Real, K::Integer};
    s[2].grid = cartesian_grid({{10, 20, 30},
                                {1.0, 1.5, 2.0},
                                {5, 10, 15},
                                {35, 45, 55},
                                {25, 30, 35},
                                {65, 70, 75, 80},
                                {75, 80, 85},
                                {20, 35, 50}});
    s[2].sl_stop = 0.03;
    s[2].zero_stats_without_trades = true;
    s[2].prepare = prepare_vb;
    return s;
}

}  // namespace aitp::research::detail
