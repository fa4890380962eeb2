// SPDX-License-Identifier: MIT
// Issue 16 item 6: sweeps, screens and validation stop at WorkControl's stop token (checked
// before every combination) and report progress that only grows, also across validation's
// phases.
#include <atomic>
#include <chrono>
#include <cmath>
#include <stop_token>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "research/screen.hpp"
#include "research/sweep.hpp"
#include "research/validation.hpp"

namespace aitp::research {
namespace {

model::BarSeries random_bars(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    model::BarSeries bars;
    double p = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double open = p;
        p *= std::exp(0.01 * rng.normal());
        bars.push_back({static_cast<UnixMillis>(1704067200000 + 3600000 * static_cast<int64_t>(i)),
                        open, std::max(open, p) * 1.001, std::min(open, p) * 0.999, p, 1000.0});
    }
    return bars;
}

TEST(CancelTest, SweepStoppedBeforeItStartsEvaluatesNothing) {
    std::stop_source stop;
    stop.request_stop();
    SweepOptions opt;
    opt.threads = 2;
    opt.work.stop = stop.get_token();
    std::atomic<int> calls{0};
    parallel_for_index(
        1000, [&](std::size_t) { ++calls; }, opt);
    EXPECT_EQ(calls.load(), 0);
}

TEST(CancelTest, SweepStopsWithinOneEvaluationPerThread) {
    std::stop_source stop;
    SweepOptions opt;
    opt.threads = 2;
    opt.work.stop = stop.get_token();
    std::atomic<int> calls{0};
    parallel_for_index(
        100000,
        [&](std::size_t) {
            if (++calls == 10) stop.request_stop();
        },
        opt);
    // The evaluation that asks to stop, plus at most one already started on the other thread.
    EXPECT_GE(calls.load(), 10);
    EXPECT_LE(calls.load(), 11);
}

TEST(CancelTest, ScreenStoppedMidSweepReturnsCancelled) {
    const auto bars = random_bars(3000, 5);
    const StrategySpec& spec = **find_strategy("sma_crossover");
    ScreenOptions opt;
    std::stop_source stop;
    opt.sweep.work.stop = stop.get_token();
    double last = 0.0;
    opt.sweep.work.progress = [&](double f, std::string_view) {
        last = f;
        stop.request_stop();  // at the first report
    };
    const auto r = run_screen(spec, market_data(bars), spec.grid, opt);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::Cancelled);
    EXPECT_NE(r.error().message().find("sma_crossover"), std::string::npos);
    EXPECT_GT(last, 0.0);
    EXPECT_LT(last, 0.5);
}

TEST(CancelTest, ScreenWithAnUnusedTokenIsUnchanged) {
    const auto bars = random_bars(1500, 6);
    const StrategySpec& spec = **find_strategy("rsi_mean_reversion");
    ScreenOptions plain;
    ScreenOptions with_token = plain;
    std::stop_source stop;
    with_token.sweep.work.stop = stop.get_token();
    const auto a = run_screen(spec, market_data(bars), spec.grid, plain);
    const auto b = run_screen(spec, market_data(bars), spec.grid, with_token);
    ASSERT_TRUE(a.has_value());
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(to_csv(a->table), to_csv(b->table));
}

TEST(CancelTest, ValidationProgressGrowsAcrossPhasesAndEndsAtOne) {
    const auto bars = random_bars(2500, 7);
    const StrategySpec& spec = **find_strategy("sma_crossover");
    ValidationOptions o;
    std::vector<double> seen;
    o.screen.sweep.work.progress = [&](double f, std::string_view) { seen.push_back(f); };
    const auto rep = validate_strategy(spec, market_data(bars), spec.grid, o);
    ASSERT_TRUE(rep.has_value()) << rep.error().message();
    ASSERT_FALSE(seen.empty());
    for (std::size_t i = 1; i < seen.size(); ++i)
        EXPECT_GE(seen[i], seen[i - 1]) << "report " << i << " went back";
    EXPECT_EQ(seen.back(), 1.0);
    // The walk-forward phase (0.5 .. 0.95) reports too, not only the first sweep.
    EXPECT_TRUE(
        std::any_of(seen.begin(), seen.end(), [](double f) { return f > 0.6 && f < 0.95; }));
}

TEST(CancelTest, ValidationStopsDuringWalkForward) {
    const auto bars = random_bars(2500, 8);
    const StrategySpec& spec = **find_strategy("sma_crossover");
    ValidationOptions o;
    std::stop_source stop;
    o.screen.sweep.work.stop = stop.get_token();
    o.screen.sweep.work.progress = [&](double f, std::string_view) {
        if (f > 0.6) stop.request_stop();
    };
    const auto rep = validate_strategy(spec, market_data(bars), spec.grid, o);
    ASSERT_FALSE(rep.has_value());
    EXPECT_EQ(rep.error().code(), ErrorCode::Cancelled);
}

}  // namespace
}  // namespace aitp::research
