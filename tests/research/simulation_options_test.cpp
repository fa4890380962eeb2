// SPDX-License-Identifier: MIT
// Stop-loss, take-profit, trailing stop, short-only and long-short simulation against an
// independent per-bar loop written here from the documented semantics (signal_simulation.hpp),
// on tests/data/reference/ohlcv_a.csv signals and on random data; plus hand-checked cases.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "research/signal_simulation.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

using testing::within_tolerance;

struct LoopTrade {
    std::size_t entry = 0, exit = 0;
    double pnl = 0.0;
    bool is_short = false;
};

struct LoopResult {
    std::vector<double> values;
    std::vector<LoopTrade> trades;
};

// Signed-units state machine: q > 0 long, q < 0 short; equity = cash + q * close throughout.
LoopResult plain_loop(const std::vector<double>& close, const std::vector<std::uint8_t>& en,
                      const std::vector<std::uint8_t>& ex, const SimConfig& c) {
    LoopResult out;
    double cash = c.initial_cash, q = 0.0, entry_px = 0.0, entry_fee = 0.0, best = 0.0;
    std::size_t entry_bar = 0;
    auto open = [&](int side, std::size_t t) {
        const double px = close[t] * (side > 0 ? 1.0 + c.slippage : 1.0 - c.slippage);
        const double notional = cash / (1.0 + c.fees);
        entry_fee = cash - notional;
        q = side * notional / px;
        cash -= side * notional + entry_fee;  // a short receives the notional
        entry_px = px;
        best = px;
        entry_bar = t;
    };
    auto close_out = [&](std::size_t t) {
        const bool is_short = q < 0;
        const double px = close[t] * (is_short ? 1.0 + c.slippage : 1.0 - c.slippage);
        const double fee = std::abs(q) * px * c.fees;
        cash += q * px - fee;
        const double gross = q * (px - entry_px);  // negative q: gains when px < entry
        out.trades.push_back({entry_bar, t, gross - entry_fee - fee, is_short});
        q = 0.0;
    };
    for (std::size_t t = 0; t < close.size(); ++t) {
        bool stopped = false;
        if (q != 0.0) {
            const double x = close[t];
            if (q > 0) {
                const double ref = c.sl_trail ? best : entry_px;
                stopped = (c.sl_stop > 0 && x <= ref * (1 - c.sl_stop)) ||
                          (c.tp_stop > 0 && x >= entry_px * (1 + c.tp_stop));
                if (!stopped && x > best) best = x;
            } else {
                const double ref = c.sl_trail ? best : entry_px;
                stopped = (c.sl_stop > 0 && x >= ref * (1 + c.sl_stop)) ||
                          (c.tp_stop > 0 && x <= entry_px * (1 - c.tp_stop));
                if (!stopped && x < best) best = x;
            }
            if (stopped) close_out(t);
        }
        if (!stopped && en[t] != ex[t]) {
            const int want = en[t] ? +1 : -1;
            const int side = q > 0 ? 1 : (q < 0 ? -1 : 0);
            if (c.direction == Direction::LongOnly) {
                if (want > 0 && side == 0) open(+1, t);
                if (want < 0 && side > 0) close_out(t);
            } else if (c.direction == Direction::ShortOnly) {
                if (want > 0 && side == 0) open(-1, t);
                if (want < 0 && side < 0) close_out(t);
            } else if (side != want) {
                if (side != 0) close_out(t);
                open(want, t);
            }
        }
        out.values.push_back(cash + q * close[t]);
    }
    if (q != 0.0) {
        const std::size_t t = close.size() - 1;
        const double gross = q * (close[t] - entry_px);
        out.trades.push_back({entry_bar, t, gross - entry_fee, q < 0});
    }
    return out;
}

void expect_same(const std::vector<double>& close, const std::vector<std::uint8_t>& en,
                 const std::vector<std::uint8_t>& ex, const SimConfig& cfg) {
    const SimResult res = simulate_signals(close, en, ex, cfg);
    const LoopResult ref = plain_loop(close, en, ex, cfg);
    ASSERT_EQ(res.trades.size(), ref.trades.size());
    for (std::size_t i = 0; i < ref.trades.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(res.trades[i].entry_index), ref.trades[i].entry);
        EXPECT_EQ(static_cast<std::size_t>(res.trades[i].exit_index), ref.trades[i].exit);
        EXPECT_EQ(res.trades[i].is_short, ref.trades[i].is_short);
        EXPECT_TRUE(within_tolerance(res.trades[i].pnl, ref.trades[i].pnl))
            << "trade " << i << ": " << res.trades[i].pnl << " vs " << ref.trades[i].pnl;
    }
    for (std::size_t t = 0; t < close.size(); ++t) {
        ASSERT_TRUE(std::abs(res.values[t] - ref.values[t]) <= 1e-9 * std::abs(ref.values[t]))
            << "bar " << t << ": " << res.values[t] << " vs " << ref.values[t];
    }
    // Metrics from the loop's curve: final value, return, drawdown.
    double peak = ref.values[0], dd = 0.0;
    for (double v : ref.values) {
        peak = std::max(peak, v);
        dd = std::max(dd, 1.0 - v / peak);
    }
    std::vector<double> r;
    double prev = cfg.initial_cash, sum = 0.0, ss = 0.0;
    for (double v : ref.values) {
        r.push_back((v - prev) / prev);
        sum += r.back();
        prev = v;
    }
    const double mu = sum / static_cast<double>(r.size());
    for (double x : r) ss += (x - mu) * (x - mu);
    if (r.size() > 1) {
        const double sd = std::sqrt(ss / static_cast<double>(r.size() - 1));
        const double sharpe = sd == 0.0 ? INFINITY : mu / sd * std::sqrt(cfg.periods_per_year);
        EXPECT_TRUE(within_tolerance(res.metrics.sharpe_ratio, sharpe))
            << res.metrics.sharpe_ratio << " vs " << sharpe;
    }
    EXPECT_TRUE(within_tolerance(res.metrics.final_value, ref.values.back()));
    EXPECT_TRUE(within_tolerance(res.metrics.max_drawdown_pct, dd)) << res.metrics.max_drawdown_pct;
    EXPECT_EQ(res.metrics.num_trades, static_cast<std::int64_t>(ref.trades.size()));
}

std::vector<SimConfig> option_configs() {
    std::vector<SimConfig> out;
    for (Direction d : {Direction::LongOnly, Direction::ShortOnly, Direction::LongShort}) {
        for (int stops = 0; stops < 4; ++stops) {
            SimConfig c;
            c.direction = d;
            c.fees = 0.001;
            c.slippage = 0.0005;
            c.sl_stop = stops == 1 || stops == 3 ? 0.03 : 0.0;
            c.sl_trail = stops == 3;
            c.tp_stop = stops == 2 || stops == 3 ? 0.05 : 0.0;
            out.push_back(c);
        }
    }
    return out;
}

// Random walks with random signals for every direction x stop combination; seed 7071.
TEST(SimulationOptionsTest, StopsAndDirectionsMatchPlainLoopOnRandomData) {
    Rng rng(7071);
    for (const SimConfig& cfg : option_configs()) {
        for (int trial = 0; trial < 6; ++trial) {
            const auto n = static_cast<std::size_t>(rng.uniform_int(2, 2000));
            std::vector<double> close(n);
            double p = 100.0;
            for (auto& x : close) {
                p *= std::exp(0.01 * rng.normal());
                x = std::round(p * 100.0) / 100.0;
            }
            std::vector<std::uint8_t> en(n), ex(n);
            for (std::size_t t = 0; t < n; ++t) {
                en[t] = rng.uniform() < 0.05;
                ex[t] = rng.uniform() < 0.05;
            }
            SCOPED_TRACE(::testing::Message() << "direction " << static_cast<int>(cfg.direction)
                                              << " sl " << cfg.sl_stop << " trail " << cfg.sl_trail
                                              << " tp " << cfg.tp_stop << " trial " << trial);
            expect_same(close, en, ex, cfg);
        }
    }
}

TEST(SimulationOptionsTest, StopsAndDirectionsMatchPlainLoopOnReferenceData) {
    const auto bars = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    const std::vector<double>& close = bars.column("close");
    ASSERT_EQ(close.size(), 5000u);
    std::vector<std::uint8_t> en(close.size()), ex(close.size());
    for (std::size_t t = 1; t < close.size(); ++t) {  // momentum flips
        en[t] = close[t] > close[t - 1] * 1.004;
        ex[t] = close[t] < close[t - 1] * 0.996;
    }
    for (const SimConfig& cfg : option_configs()) {
        SCOPED_TRACE(::testing::Message() << "direction " << static_cast<int>(cfg.direction)
                                          << " sl " << cfg.sl_stop << " tp " << cfg.tp_stop);
        expect_same(close, en, ex, cfg);
    }
}

// Hand check: buy at 100, the 3 % stop is 97; 98 holds, 96.9 fires at bar 3 and the exit
// signal of bar 3 is ignored; the re-entry signal at bar 4 opens a new trade.
TEST(SimulationOptionsTest, StopLossClosesAtFirstCloseBelowStop) {
    const std::vector<double> close = {100, 98, 99, 96.9, 97, 110};
    const std::vector<std::uint8_t> en = {1, 0, 0, 0, 1, 0}, ex = {0, 0, 0, 1, 0, 0};
    SimConfig cfg;
    cfg.fees = 0.0;
    cfg.sl_stop = 0.03;
    const SimResult res = simulate_signals(close, en, ex, cfg);
    ASSERT_EQ(res.trades.size(), 2u);
    EXPECT_EQ(res.trades[0].exit_index, 3);
    EXPECT_TRUE(res.trades[0].by_stop);
    EXPECT_NEAR(res.trades[0].pnl, 10000.0 * (96.9 / 100.0 - 1.0), 1e-9);
    EXPECT_EQ(res.trades[1].entry_index, 4);
    EXPECT_NEAR(res.metrics.final_value, 10000.0 * 0.969 * 110.0 / 97.0, 1e-9);
}

// Hand check: a trailing 10 % stop follows the best close 100 -> 120, fires at 108 (= 120 * 0.9).
TEST(SimulationOptionsTest, TrailingStopFollowsBestClose) {
    const std::vector<double> close = {100, 120, 109, 108, 130};
    const std::vector<std::uint8_t> en = {1, 0, 0, 0, 0}, none = {0, 0, 0, 0, 0};
    SimConfig cfg;
    cfg.fees = 0.0;
    cfg.sl_stop = 0.1;
    cfg.sl_trail = true;
    const SimResult res = simulate_signals(close, en, none, cfg);
    ASSERT_EQ(res.trades.size(), 1u);
    EXPECT_EQ(res.trades[0].exit_index, 3);
    EXPECT_NEAR(res.metrics.final_value, 10800.0, 1e-9);
}

// Hand check: short 100 units at 100 with no fees, cover at 80: +2000; equity marks the short.
TEST(SimulationOptionsTest, ShortGainsWhenPriceFalls) {
    const std::vector<double> close = {100, 90, 80, 85};
    const std::vector<std::uint8_t> en = {1, 0, 0, 0}, ex = {0, 0, 1, 0};
    SimConfig cfg;
    cfg.fees = 0.0;
    cfg.direction = Direction::ShortOnly;
    const SimResult res = simulate_signals(close, en, ex, cfg);
    ASSERT_EQ(res.trades.size(), 1u);
    EXPECT_TRUE(res.trades[0].is_short);
    EXPECT_NEAR(res.trades[0].pnl, 2000.0, 1e-9);
    EXPECT_NEAR(res.values[1], 11000.0, 1e-9);
    EXPECT_NEAR(res.metrics.final_value, 12000.0, 1e-9);
}

// Long-short reverses on the opposite signal in the same bar: long 100 -> 110, then short
// 110 -> 99.
TEST(SimulationOptionsTest, LongShortReversesOnOppositeSignal) {
    const std::vector<double> close = {100, 110, 99};
    const std::vector<std::uint8_t> en = {1, 0, 0}, ex = {0, 1, 0};
    SimConfig cfg;
    cfg.fees = 0.0;
    cfg.direction = Direction::LongShort;
    const SimResult res = simulate_signals(close, en, ex, cfg);
    ASSERT_EQ(res.trades.size(), 2u);
    EXPECT_FALSE(res.trades[0].is_short);
    EXPECT_TRUE(res.trades[1].is_short);
    EXPECT_TRUE(res.trades[1].is_open);
    EXPECT_NEAR(res.metrics.final_value, 11000.0 * 1.1, 1e-9);
}

}  // namespace
}  // namespace aitp::research
