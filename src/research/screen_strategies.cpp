// SPDX-License-Identifier: MIT
// The six screens of the original screener (research/scripts/vbt_screener.py), with their
// default grids and signal rules as ../shared/ORIGINAL.md section 3.1 and
// ../shared/reference/README.md ("Signals of each screen") describe them.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "research/detail/catalogue.hpp"
#include "research/detail/indicator_columns.hpp"
#include "research/sma_crossover.hpp"
#include "research/vbt_signals.hpp"

namespace aitp::research::detail {

namespace {

using Grid = std::span<const ParamVector>;

Status require_bars(const MarketData& d, std::size_t min_bars, std::string_view name) {
    if (d.size() < min_bars) {
        return fail(Error::invalid_argument(
            fmt::format("{} needs at least {} bars, was {}", name, min_bars, d.size())));
    }
    return ok_status();
}

Result<SignalFn> prepare_sma(const MarketData& d, Grid grid) {
    AITP_TRY(require_bars(d, 1, "sma_crossover"));
    auto ma = std::make_shared<ColumnsByPeriod>();
    std::set<int> windows = int_values(grid, 0);
    windows.merge(int_values(grid, 1));
    Column prefix(d.size());
    prefix_sums(d.close, prefix);
    for (int w : windows) {
        if (w < 1)
            return fail(Error::invalid_argument(fmt::format("window must be >= 1, was {}", w)));
        Column& m = (*ma)[w];
        m.resize(d.size());
        vbt_moving_average(prefix, w, m);
    }
    return SignalFn(
        [ma](std::span<const double> p, std::span<std::uint8_t> en, std::span<std::uint8_t> ex) {
            sma_crossover_signals(ma->at(as_int(p[0])), ma->at(as_int(p[1])), en, ex);
        });
}

Result<SignalFn> prepare_rsi(const MarketData& d, Grid grid) {
    AITP_TRY(require_bars(d, 2, "rsi_mean_reversion"));
    auto rsi = std::make_shared<ColumnsByPeriod>();
    AITP_TRY(
        fill_by_period(*rsi, int_values(grid, 0), [&](int p) { return rsi_column(d.close, p); }));
    return SignalFn(
        [rsi](std::span<const double> p, std::span<std::uint8_t> en, std::span<std::uint8_t> ex) {
            const Column& r = rsi->at(as_int(p[0]));
            for (std::size_t t = 0; t < r.size(); ++t) {
                en[t] = r[t] < p[1];
                ex[t] = r[t] > p[2];
            }
        });
}

// Bands per (period, std) pair of the grid, indexed in grid-pair order.
struct BandsByPair {
    std::vector<std::pair<int, double>> keys;
    std::vector<Bands> bands;
    const Bands& at(int period, double std_dev) const {
        const auto it = std::find(keys.begin(), keys.end(), std::pair{period, std_dev});
        return bands[static_cast<std::size_t>(it - keys.begin())];
    }
};

Result<std::shared_ptr<BandsByPair>> bands_for(std::span<const double> close, Grid grid) {
    auto out = std::make_shared<BandsByPair>();
    for (const auto& p : grid) {
        const std::pair key{as_int(p[0]), p[1]};
        if (std::find(out->keys.begin(), out->keys.end(), key) != out->keys.end()) continue;
        AITP_TRY_ASSIGN(Bands b, bands_column(close, key.first, key.second));
        out->keys.push_back(key);
        out->bands.push_back(std::move(b));
    }
    return out;
}

Result<SignalFn> prepare_bollinger(const MarketData& d, Grid grid) {
    AITP_TRY(require_bars(d, 2, "bollinger_breakout"));
    AITP_TRY_ASSIGN(auto bands, bands_for(d.close, grid));
    const std::span<const double> close = d.close;
    return SignalFn([bands, close](std::span<const double> p, std::span<std::uint8_t> en,
                                   std::span<std::uint8_t> ex) {
        const Bands& b = bands->at(as_int(p[0]), p[1]);
        for (std::size_t t = 0; t < close.size(); ++t) {
            en[t] = close[t] > b.upper[t];
            ex[t] = close[t] < b.lower[t];
        }
    });
}

Result<SignalFn> prepare_ema_rsi(const MarketData& d, Grid grid) {
    AITP_TRY(require_bars(d, 2, "ema_rsi_combo"));
    auto ema = std::make_shared<ColumnsByPeriod>();
    AITP_TRY(
        fill_by_period(*ema, int_values(grid, 0), [&](int p) { return ema_column(d.close, p); }));
    AITP_TRY_ASSIGN(Column rsi14, rsi_column(d.close, 14));
    auto rsi = std::make_shared<Column>(std::move(rsi14));
    const std::span<const double> close = d.close;
    return SignalFn([ema, rsi, close](std::span<const double> p, std::span<std::uint8_t> en,
                                      std::span<std::uint8_t> ex) {
        const Column& e = ema->at(as_int(p[0]));
        const Column& r = *rsi;
        for (std::size_t t = 0; t < close.size(); ++t) {
            en[t] = close[t] > e[t] && r[t] < p[1];
            ex[t] = close[t] < e[t] || r[t] > 75.0;
        }
    });
}

// Shared columns of the volatility breakout screen.
struct BreakoutColumns {
    ColumnsByPeriod high_max;  // rolling max of high per breakout period (unshifted)
    Column vol_ratio, bb_width, adx, rsi, ema20;
};

Result<SignalFn> prepare_vol_breakout(const MarketData& d, Grid grid) {
    AITP_TRY(require_bars(d, 2, "volatility_breakout"));
    auto c = std::make_shared<BreakoutColumns>();
    for (int p : int_values(grid, 0)) c->high_max[p] = rolling_max(d.high, p);
    AITP_TRY_ASSIGN(c->vol_ratio, volume_ratio_column(d.volume, 20));
    AITP_TRY_ASSIGN(Bands b, bands_column(d.close, 20, 2.0));
    c->bb_width = std::move(b.width);
    AITP_TRY_ASSIGN(c->adx, adx_column(d, 14));
    AITP_TRY_ASSIGN(c->rsi, rsi_column(d.close, 14));
    AITP_TRY_ASSIGN(c->ema20, ema_column(d.close, 20));
    const MarketData data = d;
    return SignalFn([c, data](std::span<const double> p, std::span<std::uint8_t> en,
                              std::span<std::uint8_t> ex) {
        const Column& hm = c->high_max.at(as_int(p[0]));
        const double vf = p[1], lo = p[2], hi = p[3];
        for (std::size_t t = 0; t < data.size(); ++t) {
            const bool breakout = t > 0 && data.close[t] > hm[t - 1];
            en[t] = breakout && c->vol_ratio[t] > vf && rising(c->bb_width, t) && c->adx[t] >= lo &&
                    c->adx[t] <= hi && rising(c->adx, t) && c->rsi[t] >= 40.0 &&
                    c->rsi[t] <= 70.0 && data.volume[t] > 0.0;
            ex[t] = c->rsi[t] > 85.0 ||
                    (crossed_below(data.close, c->ema20, t) && c->vol_ratio[t] > 1.0);
        }
    });
}

Result<SignalFn> prepare_relative_strength(const MarketData& d, Grid grid) {
    if (d.benchmark.size() != d.size()) {
        return fail(Error::invalid_argument(
            "relative_strength needs a benchmark aligned with the input (--benchmark FILE)"));
    }
    AITP_TRY(require_bars(d, 50, "relative_strength (overlapping bars with the benchmark)"));
    for (int lb : int_values(grid, 0)) {
        if (lb < 1)
            return fail(Error::invalid_argument(fmt::format("lookback must be >= 1, was {}", lb)));
    }
    const MarketData data = d;
    return SignalFn([data](std::span<const double> p, std::span<std::uint8_t> en,
                           std::span<std::uint8_t> ex) {
        const auto lb = static_cast<std::size_t>(as_int(p[0]));
        for (std::size_t t = 0; t < data.size(); ++t) {
            if (t < lb) {
                en[t] = ex[t] = 0;
                continue;
            }
            const double rs =
                (data.close[t] / data.close[t - lb]) / (data.benchmark[t] / data.benchmark[t - lb]);
            en[t] = rs > p[1];
            ex[t] = rs < 1.0;
        }
    });
}

std::vector<ParamVector> sma_grid() {
    std::vector<ParamVector> out;
    for (const SmaPair& p : sma_original_grid()) out.push_back({double(p.fast), double(p.slow)});
    return out;
}

// The cartesian product of value lists, first list outermost (the original's nested loops).
std::vector<ParamVector> product(const std::vector<std::vector<double>>& lists) {
    std::vector<ParamVector> out{{}};
    for (const auto& values : lists) {
        std::vector<ParamVector> next;
        for (const auto& prefix : out) {
            for (double v : values) {
                next.push_back(prefix);
                next.back().push_back(v);
            }
        }
        out = std::move(next);
    }
    return out;
}

}  // namespace

std::vector<ParamVector> cartesian_grid(const std::vector<std::vector<double>>& lists) {
    return product(lists);
}

std::vector<StrategySpec> make_screen_strategies() {
    using K = ParamKind;
    std::vector<StrategySpec> s(6);
    s[0].name = "sma_crossover";
    s[0].param_names = {"fast", "slow"};
    s[0].param_kinds = {K::Integer, K::Integer};
    s[0].grid = sma_grid();
    s[0].with_avg_trade_pnl = true;
    s[0].prepare = prepare_sma;

    s[1].name = "rsi_mean_reversion";
    s[1].param_names = {"rsi_period", "oversold", "overbought"};
    s[1].param_kinds = {K::Integer, K::Real, K::Real};
    s[1].grid = product({{7, 10, 14, 21}, {20, 25, 30, 35}, {65, 70, 75, 80}});
    s[1].zero_stats_without_trades = true;
    s[1].prepare = prepare_rsi;

    s[2].name = "bollinger_breakout";
    s[2].param_names = {"bb_period", "bb_std"};
    s[2].param_kinds = {K::Integer, K::Real};
    s[2].grid = product({{10, 15, 20, 25, 30}, {1.5, 2.0, 2.5, 3.0}});
    s[2].zero_stats_without_trades = true;
    s[2].prepare = prepare_bollinger;

    s[3].name = "ema_rsi_combo";
    s[3].param_names = {"ema_period", "rsi_entry"};
    s[3].param_kinds = {K::Integer, K::Real};
    s[3].grid = product({{20, 50, 100}, {30, 35, 40}});
    s[3].zero_stats_without_trades = true;
    s[3].prepare = prepare_ema_rsi;

    s[4].name = "volatility_breakout";
    s[4].param_names = {"breakout_period", "volume_factor", "adx_low", "adx_high"};
    s[4].param_kinds = {K::Integer, K::Real, K::Real, K::Real};
    for (const auto& p : product({{10, 15, 20, 25, 30}, {1.2, 1.5, 2.0, 2.5}, {0, 1, 2}})) {
        static constexpr double kAdx[3][2] = {{10, 25}, {15, 30}, {15, 25}};
        const auto k = static_cast<std::size_t>(p[2]);
        s[4].grid.push_back({p[0], p[1], kAdx[k][0], kAdx[k][1]});
    }
    s[4].sl_stop = 0.03;
    s[4].zero_stats_without_trades = true;
    s[4].prepare = prepare_vol_breakout;

    s[5].name = "relative_strength";
    s[5].param_names = {"lookback", "threshold"};
    s[5].param_kinds = {K::Integer, K::Real};
    s[5].grid = product({{20, 50, 100, 200}, {1.02, 1.05, 1.10, 1.15}});
    s[5].zero_stats_without_trades = true;
    s[5].needs_benchmark = true;
    s[5].asset_class = "equity";
    s[5].prepare = prepare_relative_strength;
    return s;
}

}  // namespace aitp::research::detail
