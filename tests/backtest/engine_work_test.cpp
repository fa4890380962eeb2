// SPDX-License-Identifier: MIT
// Issue 16 item 6: a backtest reports progress through its bars (not stuck at 0 on one long
// series) and stops at RunRequest::work's stop token, polled every kWorkCheckEvents events.
#include <cmath>
#include <stop_token>
#include <vector>

#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "backtest/runner.hpp"
#include "core/rng.hpp"

namespace aitp::backtest {
namespace {

// A seeded random walk in cents (a smooth wave would let sma_cross compound without bound).
model::BarSeries walk(std::size_t n) {
    Rng rng(16);
    model::BarSeries bars;
    double p = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        p = std::round(p * std::exp(0.01 * rng.normal()) * 100.0) / 100.0;
        bars.push_back({static_cast<UnixMillis>(1704067200000 + 3600000 * static_cast<int64_t>(i)),
                        p, p + 0.5, p - 0.5, p, 1000.0});
    }
    return bars;
}

RunRequest request(const model::BarSeries& bars) {
    RunRequest r;
    r.strategy = "sma_cross";
    r.series = {&bars};
    r.instrument_names = {"X/USDT"};
    return r;
}

TEST(EngineWorkTest, ProgressGrowsThroughTheBarsOfOneSeries) {
    const auto bars = walk(50000);
    RunRequest r = request(bars);
    std::vector<double> seen;
    r.work.progress = [&](double f, std::string_view) { seen.push_back(f); };
    ASSERT_TRUE(run_strategy(r).has_value());
    // One report per 4,096 events: 50,000 / 4,096 = 12 reports, at 4096/50000, 8192/50000, ...
    ASSERT_EQ(seen.size(), 12u);
    for (std::size_t i = 0; i < seen.size(); ++i)
        EXPECT_DOUBLE_EQ(seen[i], static_cast<double>(4096 * i + 4095) / 50000.0) << i;
}

TEST(EngineWorkTest, StopEndsTheRunWithCancelled) {
    const auto bars = walk(50000);
    RunRequest r = request(bars);
    std::stop_source stop;
    r.work.stop = stop.get_token();
    int reports = 0;
    r.work.progress = [&](double, std::string_view) {
        if (++reports == 2) stop.request_stop();
    };
    const auto out = run_strategy(r);
    ASSERT_FALSE(out.has_value());
    EXPECT_EQ(out.error().code(), ErrorCode::Cancelled);
    EXPECT_EQ(reports, 2);  // stopped at the next poll, not at the end
}

TEST(EngineWorkTest, UnusedTokenChangesNothing) {
    const auto bars = walk(20000);
    RunRequest plain = request(bars);
    RunRequest with_token = request(bars);
    std::stop_source stop;
    with_token.work.stop = stop.get_token();
    const auto a = run_strategy(plain);
    const auto b = run_strategy(with_token);
    ASSERT_TRUE(a.has_value());
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(a->run_id, b->run_id);
    EXPECT_EQ(a->result.final_equity, b->result.final_equity);
    EXPECT_EQ(a->result.trades.size(), b->result.trades.size());
}

}  // namespace
}  // namespace aitp::backtest
