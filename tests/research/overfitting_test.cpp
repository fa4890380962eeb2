// SPDX-License-Identifier: MIT
// PBO by CSCV and the deflated Sharpe ratio against hand-checked cases and an independent
// brute-force CSCV over raw return series.
#include "research/overfitting.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "core/rng.hpp"

namespace aitp::research {
namespace {

// Block sums of raw returns split into `blocks` equal blocks.
std::vector<ReturnSums> sums_of(const std::vector<std::vector<double>>& trials, int blocks) {
    std::vector<ReturnSums> out;
    for (const auto& r : trials) {
        const std::size_t len = r.size() / static_cast<std::size_t>(blocks);
        for (int k = 0; k < blocks; ++k) {
            ReturnSums s;
            for (std::size_t i = 0; i < len; ++i) s.add(r[static_cast<std::size_t>(k) * len + i]);
            out.push_back(s);
        }
    }
    return out;
}

// Trial A wins block 0 and loses block 1, trial B the reverse: whichever wins in-sample is the
// worst out of sample, so both splits overfit: w = 1/3, lambda = ln(1/2), PBO = 1.
TEST(PboTest, AlternatingWinnersOverfitEverySplit) {
    const std::vector<std::vector<double>> trials = {{0.02, 0.03, -0.01, -0.02},
                                                     {-0.01, -0.02, 0.02, 0.03}};
    const auto pbo = probability_of_backtest_overfitting(sums_of(trials, 2), 2, 2);
    ASSERT_TRUE(pbo.has_value());
    EXPECT_EQ(pbo->splits, 2u);
    EXPECT_DOUBLE_EQ(pbo->pbo, 1.0);
    for (double l : pbo->logits) EXPECT_DOUBLE_EQ(l, std::log(0.5));
}

// Trial A beats B in both halves: the IS winner is the OOS best, w = 2/3, lambda = ln 2.
TEST(PboTest, ConsistentWinnerNeverOverfits) {
    const std::vector<std::vector<double>> trials = {{0.02, 0.03, 0.02, 0.03},
                                                     {-0.01, 0.01, -0.02, 0.01}};
    const auto pbo = probability_of_backtest_overfitting(sums_of(trials, 2), 2, 2);
    ASSERT_TRUE(pbo.has_value());
    EXPECT_DOUBLE_EQ(pbo->pbo, 0.0);
    for (double l : pbo->logits) EXPECT_DOUBLE_EQ(l, std::log(2.0));
}

double plain_sharpe(const std::vector<double>& r) {
    double m = 0.0;
    for (double x : r) m += x;
    m /= static_cast<double>(r.size());
    double ss = 0.0;
    for (double x : r) ss += (x - m) * (x - m);
    return m / std::sqrt(ss / static_cast<double>(r.size() - 1));
}

// Brute force over raw returns (concatenated blocks, two-pass Sharpe) on random trials;
// seed 99.
TEST(PboTest, MatchesBruteForceCscvOnRandomTrials) {
    Rng rng(99);
    const int blocks = 6, per_block = 40, n_trials = 7;
    std::vector<std::vector<double>> trials(n_trials);
    for (auto& r : trials) {
        for (int i = 0; i < blocks * per_block; ++i) r.push_back(0.01 * rng.normal() + 0.001);
    }
    const auto pbo = probability_of_backtest_overfitting(sums_of(trials, blocks), n_trials, blocks);
    ASSERT_TRUE(pbo.has_value());
    std::vector<int> pick = {0, 0, 0, 1, 1, 1};  // next_permutation walks all C(6,3) choices
    std::vector<double> logits;
    do {
        std::vector<double> is_sr, oos_sr;
        for (const auto& r : trials) {
            std::vector<double> is, oos;
            for (int k = 0; k < blocks; ++k) {
                auto& dst = pick[static_cast<std::size_t>(k)] ? is : oos;
                dst.insert(dst.end(), r.begin() + k * per_block, r.begin() + (k + 1) * per_block);
            }
            is_sr.push_back(plain_sharpe(is));
            oos_sr.push_back(plain_sharpe(oos));
        }
        const auto best =
            static_cast<std::size_t>(std::max_element(is_sr.begin(), is_sr.end()) - is_sr.begin());
        double rank = 1.0;
        for (double s : oos_sr) rank += s < oos_sr[best] ? 1.0 : 0.0;
        const double w = rank / (n_trials + 1.0);
        logits.push_back(std::log(w / (1.0 - w)));
    } while (std::next_permutation(pick.begin(), pick.end()));
    ASSERT_EQ(pbo->logits.size(), logits.size());
    std::vector<double> a = pbo->logits, b = logits;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-12);
    double overfit = 0.0;
    for (double l : logits) overfit += l <= 0.0 ? 1.0 : 0.0;
    EXPECT_DOUBLE_EQ(pbo->pbo, overfit / static_cast<double>(logits.size()));
}

TEST(PboTest, SharpeTiesUseARelativeToleranceFloorOfOne) {
    EXPECT_TRUE(sharpe_tied(0.05, 0.05 + 4e-13));
    EXPECT_FALSE(sharpe_tied(0.05, 0.05 + 4e-12));
    EXPECT_TRUE(sharpe_tied(2000.0, 2000.0 + 1e-9));  // 1e-12 * 2000 = 2e-9
    EXPECT_FALSE(sharpe_tied(2000.0, 2000.0 + 4e-9));
    EXPECT_TRUE(sharpe_tied(INFINITY, INFINITY));
    EXPECT_FALSE(sharpe_tied(INFINITY, 1e300));
    EXPECT_FALSE(sharpe_tied(NAN, NAN));
}

// Scaling a trial's returns by a positive constant leaves every Sharpe ratio unchanged, so the
// scaled trial must count exactly like an exact copy: tied with its original both in and out of
// sample (the lower index wins in sample; a tie is not "lower" out of sample). Without a tie
// tolerance, rounding in the scaled power sums decides both. Trial 0 has the best drift, so the
// twins win most in-sample halves. Seed 7; both orders of the twins, two scale factors.
TEST(PboTest, ScaledTrialTiesLikeAnExactCopy) {
    Rng rng(7);
    const int blocks = 10, per_block = 50;
    std::vector<std::vector<double>> trials(6);
    for (std::size_t t = 0; t < trials.size(); ++t) {
        for (int i = 0; i < blocks * per_block; ++i) {
            trials[t].push_back(0.01 * rng.normal() + (t == 0 ? 0.002 : 0.0005));
        }
    }
    const auto pbo_of = [&](const std::vector<std::vector<double>>& ts) {
        auto r = probability_of_backtest_overfitting(sums_of(ts, blocks), ts.size(), blocks);
        EXPECT_TRUE(r.has_value());
        return *r;
    };
    for (const double scale : {0.3, 7.0}) {
        for (const bool scaled_first : {false, true}) {
            SCOPED_TRACE(::testing::Message() << "scale " << scale << " first " << scaled_first);
            std::vector<double> twin;
            for (const double x : trials[0]) twin.push_back(scale * x);
            std::vector<std::vector<double>> exact = trials, noisy = trials;
            exact.insert(exact.begin() + 1, trials[0]);
            noisy.insert(noisy.begin() + 1, twin);
            if (scaled_first) std::swap(noisy[0], noisy[1]);
            const PboResult want = pbo_of(exact), got = pbo_of(noisy);
            ASSERT_EQ(got.splits, 252u);
            EXPECT_EQ(got.logits, want.logits);
            EXPECT_EQ(got.pbo, want.pbo);
        }
    }
}

TEST(PboTest, RejectsOddBlockCounts) {
    EXPECT_FALSE(probability_of_backtest_overfitting({}, 2, 3).has_value());
}

// Expected values from Python's statistics.NormalDist with the paper's formula:
// SR0 = sqrt(0.0025) * ((1 - g) z(1 - 1/100) + g z(1 - 1/(100 e))) = 0.12653014466008425,
// DSR = Phi((0.1 - SR0) sqrt(999) / sqrt(1 + 0.5 * 0.1 + 3/4 * 0.01)) = 0.20741553228158227.
TEST(DeflatedSharpeTest, MatchesHandComputedExample) {
    const DeflatedSharpe d = deflated_sharpe_ratio(0.1, 0.0025, 100.0, 1000.0, -0.5, 4.0);
    EXPECT_NEAR(d.expected_max, 0.12653014466008425, 1e-12);
    EXPECT_NEAR(d.dsr, 0.20741553228158227, 1e-12);
}

// One trial: nothing to deflate, DSR is the probabilistic Sharpe ratio vs 0: Phi(0).
TEST(DeflatedSharpeTest, SingleTrialHasNoDeflation) {
    const DeflatedSharpe d = deflated_sharpe_ratio(0.0, 0.0, 1.0, 500.0, 0.0, 3.0);
    EXPECT_EQ(d.expected_max, 0.0);
    EXPECT_DOUBLE_EQ(d.dsr, 0.5);
}

TEST(DeflatedSharpeTest, SweepPicksBestTrialAndSkipsFlatOnes) {
    const std::vector<std::vector<double>> trials = {
        {0.01, 0.02, -0.01, 0.03}, {0.0, 0.0, 0.0, 0.0}, {-0.01, 0.01, -0.02, 0.0}};
    const auto sums = sums_of(trials, 2);
    const DeflatedSharpe d = deflated_sharpe_from_sweep(sums, 3, 2);
    EXPECT_NEAR(d.sharpe, plain_sharpe(trials[0]), 1e-12);
    EXPECT_EQ(d.n_trials, 2.0);
    const double s0 = plain_sharpe(trials[0]), s2 = plain_sharpe(trials[2]);
    EXPECT_NEAR(d.sharpe_variance, (s0 - s2) * (s0 - s2) / 2.0, 1e-12);
}

}  // namespace
}  // namespace aitp::research
