// SPDX-License-Identifier: MIT
#include "research/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "research/sma_crossover.hpp"

namespace aitp::research {
namespace {

std::vector<double> random_walk(std::uint64_t seed, std::size_t n) {
    Rng rng(seed);
    std::vector<double> c(n);
    double p = 100.0;
    for (auto& x : c) {
        p *= std::exp(0.01 * rng.normal());
        x = p;
    }
    return c;
}

bool bitwise_equal(const metrics::RunMetrics& a, const metrics::RunMetrics& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(SweepTest, OneAndTwoThreadsGiveIdenticalResults) {
    const auto close = random_walk(11, 3000);
    const std::vector<int> fast = {3, 5, 8, 13, 21}, slow = {10, 20, 30, 50, 80, 130};
    const auto grid = sma_fast_slow_grid(fast, slow);
    SweepOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const ScreenTable a = screen_sma_crossover(close, grid, SimConfig{}, one);
    const ScreenTable b = screen_sma_crossover(close, grid, SimConfig{}, two);
    ASSERT_EQ(a.rows.size(), grid.size());
    EXPECT_EQ(to_csv(a), to_csv(b));
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        EXPECT_TRUE(bitwise_equal(a.rows[i].metrics, b.rows[i].metrics)) << "row " << i;
    }
}

TEST(SweepTest, EveryIndexIsEvaluatedExactlyOnce) {
    std::vector<int> hits(1000, 0);
    SweepOptions opt;
    opt.threads = 2;
    parallel_for_index(
        hits.size(), [&](std::size_t i) { ++hits[i]; }, opt);
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 1000);
}

TEST(SweepTest, ProgressIsMonotoneAndEndsAtOne) {
    std::vector<double> seen;
    SweepOptions opt;
    opt.threads = 2;
    opt.work.progress = [&](double f, std::string_view) { seen.push_back(f); };
    const auto res = run_sweep(
        500,
        [](std::size_t i) {
            metrics::RunMetrics m;
            m.sharpe_ratio = double(i);
            return m;
        },
        opt);
    ASSERT_EQ(res.size(), 500u);
    EXPECT_EQ(res[123].sharpe_ratio, 123.0);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), 1.0);
}

// The top K of a full sweep sorted by ranks_before: traded rows with a finite Sharpe first (index
// tie-break), never-traded (+inf) and NaN rows after them in index order.
TEST(SweepTest, TopKEqualsBestOfFullSweepAtAnyThreadCount) {
    auto eval = [](std::size_t i) {
        metrics::RunMetrics m;
        m.num_trades = 1;
        if (i % 17 == 0) {
            m.sharpe_ratio = NAN;
        } else if (i % 29 == 0) {
            m.sharpe_ratio = INFINITY;
            m.num_trades = 0;
        } else {
            m.sharpe_ratio = std::round(std::sin(double(i)) * 10.0);  // many ties
        }
        return m;
    };
    std::vector<RankedResult> all;
    for (std::size_t i = 0; i < 1000; ++i) all.push_back({i, eval(i)});
    std::sort(all.begin(), all.end(), ranks_before);
    // Candidates (traded, finite Sharpe) first by Sharpe, then the rest in index order.
    const auto split = static_cast<std::size_t>(
        std::partition_point(all.begin(), all.end(),
                             [](const RankedResult& r) { return is_candidate(r.metrics); }) -
        all.begin());
    EXPECT_EQ(all.front().metrics.sharpe_ratio, 10.0);
    for (std::size_t i = split; i < all.size(); ++i) {
        EXPECT_FALSE(is_candidate(all[i].metrics));
        if (i > split) {
            EXPECT_LT(all[i - 1].index, all[i].index);
        }
    }
    EXPECT_EQ(all.size() - split, 91u);  // 59 NaN rows, 32 more +inf rows (0, 493, 986 are NaN)
    for (int threads : {1, 2}) {
        SweepOptions opt;
        opt.threads = threads;
        const auto top = run_sweep_top_k(1000, 25, eval, opt);
        ASSERT_EQ(top.size(), 25u);
        for (std::size_t i = 0; i < top.size(); ++i) EXPECT_EQ(top[i].index, all[i].index);
    }
}

}  // namespace
}  // namespace aitp::research
