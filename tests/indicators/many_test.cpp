// SPDX-License-Identifier: MIT
// sma_many / ema_many give bit for bit what sma() / ema() give for each job, whatever the mix of
// inputs, periods (1, short, long, longer than the series) and lengths in one call, including
// negative values, zeros and runs of identical values (pandas' sign and constant-window rules).
#include "indicators/many.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/parity_support.hpp"
#include "indicators/talib/adx.hpp"
#include "indicators/talib/atr.hpp"
#include "indicators/talib/chains.hpp"
#include "indicators/talib/ema.hpp"
#include "indicators/talib/macd.hpp"
#include "indicators/talib/rsi.hpp"

namespace aitp::indicators {
namespace {

// A random walk that crosses zero, with runs of identical values and exact zeros.
std::vector<double> series(std::size_t n, std::uint64_t seed, double level) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    std::uniform_int_distribution<int> event(0, 99);
    std::vector<double> x(n);
    double v = level;
    for (std::size_t i = 0; i < n; ++i) {
        const int e = event(rng);
        if (e < 8) {
            // keep v: a run of identical values
        } else if (e < 10) {
            v = 0.0;
        } else {
            v += step(rng);
        }
        x[i] = v;
    }
    return x;
}

struct Case {
    std::vector<double> want, got;
};

template <class Single, class Params>
void check_many(Status (*many)(std::span<const AverageJob>), Single single) {
    const std::vector<double> a = series(1000, 1, 0.5);
    const std::vector<double> b = series(1000, 2, 50.0);
    const std::vector<double> c = series(37, 3, -2.0);
    const std::vector<double> d = series(3, 4, 1.0);
    struct Input {
        const std::vector<double>* x;
        int period;
    };
    const std::vector<Input> inputs = {{&a, 1},  {&a, 2},   {&a, 7},    {&b, 7},    {&a, 14},
                                       {&b, 20}, {&a, 21},  {&b, 50},   {&a, 100},  {&a, 200},
                                       {&b, 3},  {&a, 999}, {&a, 1000}, {&a, 1500}, {&c, 5},
                                       {&c, 20}, {&d, 2},   {&b, 9},    {&a, 8},    {&b, 16}};
    std::vector<Case> cases(inputs.size());
    std::vector<AverageJob> jobs;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const std::vector<double>& x = *inputs[k].x;
        cases[k].want.assign(x.size(), -1.0);
        cases[k].got.assign(x.size(), -1.0);
        ASSERT_TRUE(single(x, Params{inputs[k].period}, cases[k].want).has_value());
        jobs.push_back({x, inputs[k].period, cases[k].got});
    }
    ASSERT_TRUE(many(jobs).has_value());
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        EXPECT_EQ(testing::compare_exact(cases[k].got, cases[k].want), "")
            << "job " << k << " period " << inputs[k].period;
    }
}

TEST(ManyAverages, SmaManyEqualsSmaPerJob) { check_many<decltype(&sma), SmaParams>(sma_many, sma); }

TEST(ManyAverages, EmaManyEqualsEmaPerJob) { check_many<decltype(&ema), EmaParams>(ema_many, ema); }

TEST(ManyAverages, BadJobIsReported) {
    const std::vector<double> a = series(100, 1, 1.0);
    std::vector<double> out(100);
    std::vector<double> short_out(10);
    std::vector<AverageJob> jobs = {{a, 0, out}};
    EXPECT_FALSE(sma_many(jobs).has_value());
    EXPECT_FALSE(ema_many(jobs).has_value());
    jobs = {{a, 5, short_out}};
    EXPECT_FALSE(sma_many(jobs).has_value());
    std::vector<double> bad = a;
    bad[50] = std::nan("");
    jobs = {{bad, 5, out}};
    EXPECT_FALSE(sma_many(jobs).has_value());
}

}  // namespace
}  // namespace aitp::indicators

namespace aitp::indicators {
namespace {

// talib::chains runs any subset of its five functions in one pass; each output equals the
// function's own batch kernel bit for bit.
TEST(TalibChains, EverySubsetEqualsTheSingleFunctions) {
    const std::size_t n = 3000;
    std::vector<double> close = series(n, 7, 100.0);
    std::vector<double> high(n);
    std::vector<double> low(n);
    for (std::size_t i = 0; i < n; ++i) {
        close[i] = 50.0 + std::fabs(close[i]);  // positive prices
        high[i] = close[i] + 0.5 + static_cast<double>(i % 7) * 0.1;
        low[i] = close[i] - 0.5 - static_cast<double>(i % 5) * 0.1;
    }
    const talib::PeriodParams rsi_p{14};
    const talib::PeriodParams atr_p{10};
    const talib::PeriodParams adx_p{14};
    const talib::EmaParams ema_p{20};
    const talib::MacdParams macd_p{12, 26, 9};
    std::vector<double> rsi(n), atr(n), adx(n), ema(n), m(n), s(n), h(n);
    ASSERT_TRUE(talib::rsi(close, rsi_p, rsi).has_value());
    ASSERT_TRUE(talib::atr(high, low, close, atr_p, atr).has_value());
    ASSERT_TRUE(talib::adx(high, low, close, adx_p, adx).has_value());
    ASSERT_TRUE(talib::ema(close, ema_p, ema).has_value());
    ASSERT_TRUE(talib::macd(close, macd_p, {m, s, h}).has_value());
    for (unsigned mask = 1; mask < 32; ++mask) {
        std::vector<double> r(n, -1.0), a(n, -1.0), d(n, -1.0), e(n, -1.0), mm(n, -1.0),
            ms(n, -1.0), mh(n, -1.0);
        talib::ChainsJob job{rsi_p, atr_p, adx_p, ema_p, macd_p, {}, {}, {}, {}, {}};
        if (mask & 1) {
            job.rsi_out = r;
        }
        if (mask & 2) {
            job.atr_out = a;
        }
        if (mask & 4) {
            job.adx_out = d;
        }
        if (mask & 8) {
            job.ema_out = e;
        }
        if (mask & 16) {
            job.macd_out = {mm, ms, mh};
        }
        ASSERT_TRUE(talib::chains(high, low, close, job).has_value());
        if (mask & 1) {
            EXPECT_EQ(testing::compare_exact(r, rsi), "") << "mask " << mask;
        }
        if (mask & 2) {
            EXPECT_EQ(testing::compare_exact(a, atr), "") << "mask " << mask;
        }
        if (mask & 4) {
            EXPECT_EQ(testing::compare_exact(d, adx), "") << "mask " << mask;
        }
        if (mask & 8) {
            EXPECT_EQ(testing::compare_exact(e, ema), "") << "mask " << mask;
        }
        if (mask & 16) {
            EXPECT_EQ(testing::compare_exact(mm, m), "") << "mask " << mask;
            EXPECT_EQ(testing::compare_exact(ms, s), "") << "mask " << mask;
            EXPECT_EQ(testing::compare_exact(mh, h), "") << "mask " << mask;
        }
    }
    std::vector<double> short_out(10);
    talib::ChainsJob bad{rsi_p, atr_p, adx_p, ema_p, macd_p, short_out, {}, {}, {}, {}};
    EXPECT_FALSE(talib::chains(high, low, close, bad).has_value());
}

}  // namespace
}  // namespace aitp::indicators
