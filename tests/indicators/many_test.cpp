// SPDX-License-Identifier: MIT
// sma_many / ema_many give bit for bit what sma() / ema() give for each job, whatever the mix of
// inputs, periods (1, short, long, longer than the series) and lengths in one call, including
// negative values, zeros and runs of identical values (pandas' sign and constant-window rules).
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/average/ema.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/many.hpp"
#include "indicators/parity_support.hpp"

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
    const std::vector<Input> inputs = {{&a, 1},  {&a, 2},   {&a, 7},  {&b, 7},   {&a, 14},
                                       {&b, 20}, {&a, 21},  {&b, 50}, {&a, 100}, {&a, 200},
                                       {&b, 3},  {&a, 999}, {&a, 1000}, {&a, 1500}, {&c, 5},
                                       {&c, 20}, {&d, 2},   {&b, 9},  {&a, 8},   {&b, 16}};
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
