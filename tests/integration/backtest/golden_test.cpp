// SPDX-License-Identifier: MIT
// Golden scenarios on tests/data/reference/ohlcv_a.csv: the engine + strategy must reproduce,
// fill by fill, what an independent simple loop written here computes from the strategy's
// published rules (ORIGINAL.md 4.2 for the Nautilus-tier ones). The loops use naive or batch
// indicator code, never the streaming objects or the engine.
#include <cmath>
#include <functional>
#include <vector>

#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "data/bar_file.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/volatility/atr.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "model/event_source.hpp"
#include "strategy/registry.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

constexpr double kFee = 0.001;
constexpr double kCash = 10'000.0;

struct ExpectedFill {
    UnixMillis ts;
    bool buy;
    double price;
    double qty;
    double fee;
};

struct Expected {
    std::vector<ExpectedFill> fills;
    double final_equity = 0.0;
};

model::BarSeries load_a() {
    return AITP_UNWRAP(data::read_bar_file(testing::reference_file("ohlcv_a.csv")));
}

/// Floors to whole 1e-6 units like a size-precision-6 instrument (same epsilon rule).
double floor6(double q) { return std::floor(q / 1e-6 + 1e-9) * 1e-6; }
double round6(double q) { return std::round(q * 1e6) / 1e6; }

backtest::BacktestResult run_engine(const model::BarSeries& bars, std::string_view name,
                                    std::vector<strategy::ParamOverride> overrides = {}) {
    backtest::BacktestEngine engine;
    model::Instrument inst = model::Instrument::crypto_spot("A");
    inst.maker_fee = kFee;
    inst.taker_fee = kFee;
    inst.price_precision = model::infer_precision(bars.close());  // 3 decimals in ohlcv_a
    EXPECT_EQ(inst.price_precision, 3);
    engine.add_instrument(inst);
    auto strat = AITP_UNWRAP(strategy::make_strategy(name, overrides));
    auto src = AITP_UNWRAP(model::BarSeriesEventSource::create({&bars}));
    return AITP_UNWRAP(engine.run(src, *strat));
}

void expect_same(const backtest::BacktestResult& got, const Expected& want) {
    ASSERT_EQ(got.fills.size(), want.fills.size());
    for (std::size_t i = 0; i < want.fills.size(); ++i) {
        const model::Fill& g = got.fills[i];
        const ExpectedFill& w = want.fills[i];
        SCOPED_TRACE(::testing::Message() << "fill " << i << " at " << format_iso8601(w.ts));
        EXPECT_EQ(g.ts, w.ts);
        EXPECT_EQ(g.side == model::OrderSide::Buy, w.buy);
        EXPECT_NEAR(g.price.as_double(), w.price, 1e-9);
        EXPECT_NEAR(g.qty.as_double(), w.qty, 1e-9);
        EXPECT_NEAR(g.fee, w.fee, 1e-9);
    }
    EXPECT_NEAR(got.final_equity, want.final_equity, 1e-6);
}

/// A long-only all-at-the-close account: the bookkeeping every loop below shares.
struct Account {
    double cash = kCash;
    double qty = 0.0;
    double entry = 0.0;
    Expected out;
    void buy(UnixMillis ts, double px, double q) {
        const double fee = px * q * kFee;
        cash -= px * q + fee;
        qty = q;
        entry = px;
        out.fills.push_back({ts, true, px, q, fee});
    }
    void sell(UnixMillis ts, double px) {
        const double fee = px * qty * kFee;
        cash += px * qty - fee;
        out.fills.push_back({ts, false, px, qty, fee});
        qty = 0.0;
    }
};

double naive_mean(std::span<const double> x, std::size_t end, std::size_t n) {
    double s = 0.0;
    for (std::size_t k = end + 1 - n; k <= end; ++k) s += x[k];
    return s / static_cast<double>(n);
}

TEST(GoldenScenarioTest, SmaCrossMatchesASimpleLoop) {
    const model::BarSeries bars = load_a();
    const auto close = bars.close();
    Account acc;
    bool prev_above = false;
    for (std::size_t t = 29; t < bars.size(); ++t) {
        const bool above = naive_mean(close, t, 10) > naive_mean(close, t, 30);
        if (t > 29) {
            if (above && !prev_above && acc.qty == 0.0) {
                const double q = floor6(acc.cash / (close[t] * (1.0 + kFee)));
                acc.buy(bars.ts()[t], close[t], q);
            } else if (!above && prev_above && acc.qty > 0.0) {
                acc.sell(bars.ts()[t], close[t]);
            }
        }
        prev_above = above;
    }
    acc.out.final_equity = acc.cash + acc.qty * close[bars.size() - 1];
    const auto got = run_engine(bars, "sma_cross");
    ASSERT_GT(acc.out.fills.size(), 20u);
    expect_same(got, acc.out);
}

/// The indicator columns the Nautilus base computes, by batch kernels.
struct Columns {
    std::vector<double> ema20, ema50, rsi, atr, adx, bb_lower, bb_mid, vol_ratio;
    explicit Columns(const model::BarSeries& b) {
        const std::size_t n = b.size();
        for (auto* v : {&ema20, &ema50, &rsi, &atr, &adx, &bb_lower, &bb_mid, &vol_ratio}) {
            v->assign(n, 0.0);
        }
        std::vector<double> upper(n), width(n), pct(n);
        EXPECT_TRUE(indicators::ema(b.close(), {20}, ema20).has_value());
        EXPECT_TRUE(indicators::ema(b.close(), {50}, ema50).has_value());
        EXPECT_TRUE(indicators::rsi(b.close(), {14}, rsi).has_value());
        EXPECT_TRUE(indicators::atr(b.high(), b.low(), b.close(), {14}, atr).has_value());
        EXPECT_TRUE(indicators::adx(b.high(), b.low(), b.close(), {14}, adx).has_value());
        EXPECT_TRUE(indicators::bollinger_bands(b.close(), {20, 2.0, 1},
                                                {upper, bb_mid, bb_lower, width, pct})
                        .has_value());
        EXPECT_TRUE(indicators::volume_ratio(b.volume(), {20}, vol_ratio).has_value());
    }
};

/// The Nautilus base loop (ORIGINAL.md 4.2): signals from bar 200, exit signal then stoploss on
/// the close, entry size = 10,000 * 2 % / (ATR14 * mult) rounded to 6 dp (capped by cash),
/// flat at the last close.
Expected nautilus_loop(const model::BarSeries& bars, double stoploss, double atr_mult,
                       const std::function<bool(std::size_t)>& enter,
                       const std::function<bool(std::size_t)>& exit, const Columns& c) {
    const auto close = bars.close();
    Account acc;
    for (std::size_t t = 199; t < bars.size(); ++t) {
        const double px = close[t];
        if (acc.qty > 0.0) {
            if (exit(t) || px / acc.entry - 1.0 <= stoploss) acc.sell(bars.ts()[t], px);
            continue;
        }
        if (!enter(t)) continue;
        const double size = round6(kCash * 0.02 / (c.atr[t] * atr_mult));
        const double cap = acc.cash / (px * (1.0 + kFee));
        const double q = floor6(std::min(size, cap));
        if (q > 0.0) acc.buy(bars.ts()[t], px, q);
    }
    if (acc.qty > 0.0) acc.sell(bars.ts()[bars.size() - 1], close[bars.size() - 1]);
    acc.out.final_equity = acc.cash;
    return acc.out;
}

TEST(GoldenScenarioTest, ForexTrendMatchesASimpleLoop) {
    const model::BarSeries bars = load_a();
    const Columns c(bars);
    const Expected want = nautilus_loop(
        bars, -0.02, 1.5,
        [&](std::size_t t) {
            return c.ema20[t] > c.ema50[t] && c.adx[t] >= 25 && c.rsi[t] >= 40 && c.rsi[t] <= 70;
        },
        [&](std::size_t t) { return c.ema20[t] < c.ema50[t]; }, c);
    ASSERT_GT(want.fills.size(), 20u);
    expect_same(run_engine(bars, "ForexTrend"), want);
}

TEST(GoldenScenarioTest, NautilusMeanReversionMatchesASimpleLoop) {
    const model::BarSeries bars = load_a();
    const Columns c(bars);
    const auto close = bars.close();
    const Expected want = nautilus_loop(
        bars, -0.04, 1.5,
        [&](std::size_t t) {
            return close[t] < c.bb_lower[t] && c.rsi[t] >= 10 && c.rsi[t] < 35 &&
                   c.vol_ratio[t] >= 1.5 && c.adx[t] < 30;
        },
        [&](std::size_t t) { return close[t] > c.bb_mid[t] || c.rsi[t] > 65; }, c);
    ASSERT_GT(want.fills.size(), 10u);
    expect_same(run_engine(bars, "NautilusMeanReversion"), want);
}

TEST(GoldenScenarioTest, ParametersFromOverridesTakeEffect) {
    const model::BarSeries bars = load_a();
    const auto base = run_engine(bars, "ForexTrend");
    const auto tighter = run_engine(bars, "ForexTrend", {{"adx_min", "40"}});
    EXPECT_LT(tighter.trades.size(), base.trades.size());
    const auto fast = run_engine(bars, "sma_cross", {{"fast", "5"}, {"slow", "20"}});
    EXPECT_NE(fast.trades.size(), run_engine(bars, "sma_cross").trades.size());
}

}  // namespace
}  // namespace aitp
