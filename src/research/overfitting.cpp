// SPDX-License-Identifier: MIT
#include "research/overfitting.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

#include "metrics/statistics.hpp"

namespace aitp::research {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEulerGamma = 0.5772156649015329;

ReturnSums& operator+=(ReturnSums& a, const ReturnSums& b) {
    a.n += b.n;
    a.s1 += b.s1;
    a.s2 += b.s2;
    a.s3 += b.s3;
    a.s4 += b.s4;
    return a;
}

ReturnSums total(std::span<const ReturnSums> blocks) {
    ReturnSums t;
    for (const ReturnSums& b : blocks) t += b;
    return t;
}

// Sharpe of every trial over the blocks selected by mask (bit k = block k).
void sharpe_over(std::span<const ReturnSums> sums, std::size_t n_trials, std::size_t blocks,
                 unsigned mask, std::vector<double>& out) {
    for (std::size_t i = 0; i < n_trials; ++i) {
        ReturnSums s;
        for (std::size_t k = 0; k < blocks; ++k) {
            if (mask & (1u << k)) s += sums[i * blocks + k];
        }
        out[i] = sharpe_from_sums(s);
    }
}

// The lowest index tied with the highest Sharpe (NaN only when every Sharpe is NaN: index 0).
std::size_t in_sample_winner(const std::vector<double>& is) {
    double top = std::numeric_limits<double>::quiet_NaN();
    for (const double x : is) {
        if (!std::isnan(x) && (std::isnan(top) || x > top)) top = x;
    }
    if (std::isnan(top)) return 0;
    std::size_t i = 0;
    while (!sharpe_tied(is[i], top)) ++i;
    return i;
}

}  // namespace

bool sharpe_tied(double a, double b) {
    if (a == b) return true;
    if (!std::isfinite(a) || !std::isfinite(b)) return false;
    const double scale = std::max({1.0, std::abs(a), std::abs(b)});
    return std::abs(a - b) <= kSharpeTieTolerance * scale;
}

double sharpe_from_sums(const ReturnSums& s) {
    if (s.n < 2.0) return kNaN;
    const double mean = s.s1 / s.n;
    const double var = std::max(0.0, (s.s2 - s.n * mean * mean) / (s.n - 1.0));
    const double sd = std::sqrt(var);
    if (sd == 0.0) {
        if (mean == 0.0) return 0.0;
        return mean > 0 ? std::numeric_limits<double>::infinity()
                        : -std::numeric_limits<double>::infinity();
    }
    return mean / sd;
}

Result<PboResult> probability_of_backtest_overfitting(std::span<const ReturnSums> block_sums,
                                                      std::size_t n_trials, int blocks) {
    if (blocks < 2 || blocks % 2 != 0 || blocks > 24) {
        return fail(Error::invalid_argument(
            fmt::format("PBO blocks must be even and in [2, 24], was {}", blocks)));
    }
    const auto b = static_cast<std::size_t>(blocks);
    if (n_trials < 2 || block_sums.size() != n_trials * b) {
        return fail(Error::invalid_argument(
            fmt::format("PBO needs >= 2 trials with {} blocks each, was {} trials / {} sums",
                        blocks, n_trials, block_sums.size())));
    }
    PboResult res;
    std::vector<double> is(n_trials), oos(n_trials);
    const unsigned all = (1u << b) - 1u;
    std::size_t overfit = 0;
    for (unsigned mask = 0; mask <= all; ++mask) {
        if (static_cast<std::size_t>(std::popcount(mask)) != b / 2) continue;
        sharpe_over(block_sums, n_trials, b, mask, is);
        sharpe_over(block_sums, n_trials, b, all & ~mask, oos);
        const std::size_t best = in_sample_winner(is);
        const double target = oos[best];
        double rank = 1.0;
        for (std::size_t i = 0; i < n_trials; ++i) {
            const bool lower = std::isnan(oos[i]) ? !std::isnan(target)
                                                  : oos[i] < target && !sharpe_tied(oos[i], target);
            if (i != best && lower) rank += 1.0;
        }
        const double w = rank / static_cast<double>(n_trials + 1);
        const double logit = std::log(w / (1.0 - w));
        res.logits.push_back(logit);
        overfit += logit <= 0.0 ? 1 : 0;
    }
    res.splits = res.logits.size();
    res.pbo = static_cast<double>(overfit) / static_cast<double>(res.splits);
    return res;
}

DeflatedSharpe deflated_sharpe_ratio(double sharpe, double sharpe_variance, double n_trials,
                                     double n_obs, double skewness, double kurtosis) {
    DeflatedSharpe d;
    d.sharpe = sharpe;
    d.n_trials = n_trials;
    d.sharpe_variance = sharpe_variance;
    if (n_trials > 1.0 && sharpe_variance > 0.0) {
        const double z1 = metrics::normal_quantile(1.0 - 1.0 / n_trials);
        const double z2 = metrics::normal_quantile(1.0 - 1.0 / (n_trials * std::numbers::e));
        d.expected_max = std::sqrt(sharpe_variance) * ((1.0 - kEulerGamma) * z1 + kEulerGamma * z2);
    }
    const double denom =
        std::sqrt(1.0 - skewness * sharpe + (kurtosis - 1.0) / 4.0 * sharpe * sharpe);
    d.dsr = metrics::normal_cdf((sharpe - d.expected_max) * std::sqrt(n_obs - 1.0) / denom);
    return d;
}

DeflatedSharpe deflated_sharpe_from_sweep(std::span<const ReturnSums> block_sums,
                                          std::size_t n_trials, int blocks) {
    const auto b = static_cast<std::size_t>(blocks);
    std::vector<double> srs;
    std::size_t best = n_trials;
    double best_sr = -std::numeric_limits<double>::infinity();
    ReturnSums best_sums;
    for (std::size_t i = 0; i < n_trials; ++i) {
        const ReturnSums s = total(block_sums.subspan(i * b, b));
        const double sr = sharpe_from_sums(s);
        if (!std::isfinite(sr) || (s.s2 == 0.0)) continue;  // flat trials never traded
        srs.push_back(sr);
        if (sr > best_sr) {
            best_sr = sr;
            best = i;
            best_sums = s;
        }
    }
    if (best == n_trials) {
        DeflatedSharpe none;
        none.dsr = kNaN;
        none.sharpe = kNaN;
        return none;
    }
    double mean = 0.0, ss = 0.0;
    for (double x : srs) mean += x / static_cast<double>(srs.size());
    for (double x : srs) ss += (x - mean) * (x - mean);
    const double var = srs.size() > 1 ? ss / static_cast<double>(srs.size() - 1) : 0.0;
    const metrics::Moments m = metrics::moments_from_sums(best_sums.n, best_sums.s1, best_sums.s2,
                                                          best_sums.s3, best_sums.s4);
    return deflated_sharpe_ratio(best_sr, var, static_cast<double>(srs.size()), best_sums.n,
                                 m.skewness, m.kurtosis);
}

}  // namespace aitp::research
