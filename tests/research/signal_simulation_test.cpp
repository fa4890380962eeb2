// SPDX-License-Identifier: MIT
#include "research/signal_simulation.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "research/sma_crossover.hpp"
#include "research/vbt_signals.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

using testing::within_tolerance;

// An independent, deliberately plain per-bar loop of the README's from_signals semantics and
// metric definitions (drawdown from the cumulative product of returns, as vectorbt does).
struct Reference {
    std::vector<double> values;
    std::vector<double> pnls;
    std::vector<std::pair<std::size_t, std::size_t>> trade_bars;
    double sharpe = 0, sortino = 0, max_dd = 0, win_rate = 0, profit_factor = 0, avg_pnl = 0;
    double exposure = 0;
};

Reference reference_loop(const std::vector<double>& close, const std::vector<std::uint8_t>& en,
                         const std::vector<std::uint8_t>& ex, double fees, double ppy) {
    Reference ref;
    const std::size_t n = close.size();
    double cash = 10000.0, size = 0.0, entry_price = 0.0, entry_fee = 0.0;
    std::size_t entry_bar = 0, held = 0;
    for (std::size_t t = 0; t < n; ++t) {
        if (en[t] && !ex[t] && size == 0.0) {
            entry_fee = cash - cash / (1.0 + fees);
            size = cash / (1.0 + fees) / close[t];
            entry_price = close[t];
            entry_bar = t;
            cash = 0.0;
        } else if (ex[t] && !en[t] && size > 0.0) {
            const double exit_fee = size * close[t] * fees;
            cash = size * close[t] - exit_fee;
            ref.pnls.push_back(size * close[t] - size * entry_price - entry_fee - exit_fee);
            ref.trade_bars.emplace_back(entry_bar, t);
            size = 0.0;
        }
        if (size > 0.0) ++held;
        ref.values.push_back(cash + size * close[t]);
    }
    if (size > 0.0) {
        ref.pnls.push_back(size * close[n - 1] - size * entry_price - entry_fee);
        ref.trade_bars.emplace_back(entry_bar, n - 1);
    }
    std::vector<double> r(n);
    double prev = 10000.0, sum = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        r[t] = (ref.values[t] - prev) / prev;
        prev = ref.values[t];
        sum += r[t];
    }
    const double mu = sum / static_cast<double>(n);
    double ss = 0.0, down = 0.0, g = 1.0, peak = 0.0, dd = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        ss += (r[t] - mu) * (r[t] - mu);
        down += r[t] < 0 ? r[t] * r[t] : 0.0;
        g *= 1.0 + r[t];
        peak = t == 0 ? g : std::max(peak, g);
        dd = std::min(dd, g / peak - 1.0);
    }
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    ref.sharpe = sd == 0.0 ? INFINITY : mu / sd * std::sqrt(ppy);
    const double dsd = std::sqrt(down / static_cast<double>(n));
    ref.sortino = dsd == 0.0 ? INFINITY : mu / dsd * std::sqrt(ppy);
    ref.max_dd = -dd;
    double wins = 0, gp = 0, gl = 0, tot = 0;
    for (double p : ref.pnls) {
        wins += p > 0;
        gp += p > 0 ? p : 0;
        gl += p < 0 ? -p : 0;
        tot += p;
    }
    const double k = static_cast<double>(ref.pnls.size());
    ref.win_rate = wins / k;
    ref.profit_factor = gp / gl;
    ref.avg_pnl = tot / k;
    ref.exposure = static_cast<double>(held) / static_cast<double>(n);
    return ref;
}

void expect_matches_reference(const std::vector<double>& close, const std::vector<std::uint8_t>& en,
                              const std::vector<std::uint8_t>& ex) {
    SimConfig cfg;
    cfg.fees = 0.001;
    cfg.periods_per_year = 8760.0;
    const SimResult res = simulate_signals(close, en, ex, cfg);
    const Reference ref = reference_loop(close, en, ex, 0.001, 8760.0);
    ASSERT_EQ(res.trades.size(), ref.pnls.size());
    for (std::size_t i = 0; i < ref.pnls.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(res.trades[i].entry_index), ref.trade_bars[i].first);
        EXPECT_EQ(static_cast<std::size_t>(res.trades[i].exit_index), ref.trade_bars[i].second);
        EXPECT_TRUE(within_tolerance(res.trades[i].pnl, ref.pnls[i])) << "trade " << i;
    }
    const auto& m = res.metrics;
    const double fv = ref.values.back();
    EXPECT_TRUE(within_tolerance(m.final_value, fv)) << m.final_value << " vs " << fv;
    EXPECT_TRUE(within_tolerance(m.total_return, (fv - 10000.0) / 10000.0));
    EXPECT_TRUE(within_tolerance(m.sharpe_ratio, ref.sharpe))
        << m.sharpe_ratio << " " << ref.sharpe;
    EXPECT_TRUE(within_tolerance(m.sortino_ratio, ref.sortino));
    EXPECT_TRUE(within_tolerance(m.max_drawdown_pct, ref.max_dd))
        << m.max_drawdown_pct << " " << ref.max_dd;
    EXPECT_EQ(m.num_trades, static_cast<std::int64_t>(ref.pnls.size()));
    EXPECT_TRUE(within_tolerance(m.win_rate, ref.win_rate));
    EXPECT_TRUE(within_tolerance(m.profit_factor, ref.profit_factor));
    EXPECT_TRUE(within_tolerance(m.avg_trade_pnl, ref.avg_pnl));
    EXPECT_TRUE(within_tolerance(m.exposure, ref.exposure));
    const double n = static_cast<double>(close.size());
    EXPECT_TRUE(
        within_tolerance(m.trades_per_year, static_cast<double>(ref.pnls.size()) * 8760.0 / n));
}

std::vector<double> random_walk(Rng& rng, std::size_t n) {
    std::vector<double> c(n);
    double p = 100.0;
    for (auto& x : c) {
        p *= std::exp(0.01 * rng.normal());
        x = std::round(p * 100.0) / 100.0;  // a tick grid, so ties between closes occur
    }
    return c;
}

// Hand check: buy 10000/1.001/110 units at 110, sell at 121 keeping 99.9 %:
// 10000 * 1.1 * 0.999 / 1.001.
TEST(SignalSimulationTest, HandCheckedRoundTripWithFees) {
    const std::vector<double> close = {100, 110, 121, 110};
    const std::vector<std::uint8_t> en = {0, 1, 0, 0}, ex = {0, 0, 1, 0};
    const SimResult res = simulate_signals(close, en, ex, SimConfig{});
    ASSERT_EQ(res.trades.size(), 1u);
    const double final_cash = 10000.0 * 1.1 * 0.999 / 1.001;
    EXPECT_NEAR(res.metrics.final_value, final_cash, 1e-9);
    EXPECT_NEAR(res.trades[0].pnl, final_cash - 10000.0, 1e-9);
    EXPECT_NEAR(res.trades[0].entry_fee, 10000.0 - 10000.0 / 1.001, 1e-12);
    EXPECT_EQ(res.values[3], res.values[2]);  // flat after the exit
    EXPECT_EQ(res.metrics.num_trades, 1);
    EXPECT_DOUBLE_EQ(res.metrics.exposure, 0.25);
}

TEST(SignalSimulationTest, OpenPositionIsValuedAtLastCloseWithoutExitFee) {
    const std::vector<double> close = {100, 100, 120};
    const std::vector<std::uint8_t> en = {0, 1, 0}, ex = {0, 0, 0};
    const SimResult res = simulate_signals(close, en, ex, SimConfig{});
    ASSERT_EQ(res.trades.size(), 1u);
    EXPECT_TRUE(res.trades[0].is_open);
    EXPECT_NEAR(res.metrics.final_value, 10000.0 / 1.001 * 1.2, 1e-9);
    EXPECT_NEAR(res.trades[0].pnl, 10000.0 / 1.001 * 1.2 - 10000.0, 1e-9);
}

TEST(SignalSimulationTest, ConflictsRepeatedEntriesAndFlatExitsAreIgnored) {
    const std::vector<double> close = {100, 101, 102, 103, 104};
    const std::vector<std::uint8_t> en = {1, 1, 1, 0, 0}, ex = {1, 0, 0, 1, 1};
    const SimResult res = simulate_signals(close, en, ex, SimConfig{});
    ASSERT_EQ(res.trades.size(), 1u);
    EXPECT_EQ(res.trades[0].entry_index, 1);  // bar 0 is a conflict
    EXPECT_EQ(res.trades[0].exit_index, 3);
    EXPECT_FALSE(res.trades[0].is_open);
}

TEST(SignalSimulationTest, NoTradeGivesInfiniteSharpeAndZeroDrawdown) {
    const std::vector<double> close = {100, 90, 120};
    const std::vector<std::uint8_t> none = {0, 0, 0};
    const SimResult res = simulate_signals(close, none, none, SimConfig{});
    EXPECT_EQ(res.metrics.final_value, 10000.0);
    EXPECT_EQ(res.metrics.sharpe_ratio, INFINITY);
    EXPECT_EQ(res.metrics.max_drawdown_pct, 0.0);
    EXPECT_EQ(res.metrics.num_trades, 0);
    EXPECT_TRUE(std::isnan(res.metrics.win_rate));
}

TEST(SignalSimulationTest, MatchesPlainLoopOnReferenceSmaSignals) {
    const auto bars = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    const std::vector<double>& close = bars.column("close");
    ASSERT_EQ(close.size(), 5000u);
    std::vector<double> p(close.size()), fast(close.size()), slow(close.size());
    prefix_sums(close, p);
    for (auto [f, s] : {std::pair{5, 20}, std::pair{10, 190}, std::pair{45, 30}}) {
        vbt_moving_average(p, f, fast);
        vbt_moving_average(p, s, slow);
        std::vector<std::uint8_t> en(close.size()), ex(close.size());
        sma_crossover_signals(fast, slow, en, ex);
        SCOPED_TRACE(::testing::Message() << "pair " << f << "," << s);
        expect_matches_reference(close, en, ex);
    }
}

// Random walks with random (sometimes conflicting) signals; seed 20240601.
TEST(SignalSimulationTest, MatchesPlainLoopOnRandomData) {
    Rng rng(20240601);
    for (int trial = 0; trial < 20; ++trial) {
        const auto n = static_cast<std::size_t>(rng.uniform_int(2, 3000));
        const auto close = random_walk(rng, n);
        const double pe = rng.uniform() * 0.2, px = rng.uniform() * 0.2;
        std::vector<std::uint8_t> en(n), ex(n);
        for (std::size_t t = 0; t < n; ++t) {
            en[t] = rng.uniform() < pe;
            ex[t] = rng.uniform() < px;
        }
        SCOPED_TRACE(::testing::Message() << "trial " << trial << " n " << n);
        expect_matches_reference(close, en, ex);
    }
}

}  // namespace
}  // namespace aitp::research
