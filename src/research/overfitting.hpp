// SPDX-License-Identifier: MIT
// Overfitting statistics of a parameter sweep: the probability of backtest overfitting by
// combinatorially symmetric cross-validation (Bailey, Borwein, Lopez de Prado, Zhu, "The
// Probability of Backtest Overfitting", 2015) and the deflated Sharpe ratio (Bailey and Lopez de
// Prado, "The Deflated Sharpe Ratio", 2014). Both work on per-block power sums of each trial's
// per-bar returns (ScreenResult::block_sums), so a sweep never keeps whole return series.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "research/screen.hpp"

namespace aitp::research {

/// Per-bar (not annualised) Sharpe ratio from power sums: mean / std (ddof 1); 0 when the std
/// is 0 and the mean is 0, +-inf when the std is 0 otherwise, NaN for fewer than 2 bars.
double sharpe_from_sums(const ReturnSums& s);

/// Tolerance under which two per-bar Sharpe ratios count as equal in CSCV:
/// |a - b| <= kSharpeTieTolerance * max(1, |a|, |b|). Trials whose Sharpe ratios are equal in
/// exact arithmetic (e.g. one trial's returns a positive multiple of another's) differ only by
/// rounding in their power sums; without a tolerance that noise picks the in-sample winner and
/// its out-of-sample rank.
inline constexpr double kSharpeTieTolerance = 1e-12;

/// Returns true when two Sharpe ratios are equal under kSharpeTieTolerance (equal infinities
/// are tied; NaN ties nothing).
bool sharpe_tied(double a, double b);

struct PboResult {
    double pbo = 0.0;            ///< fraction of splits whose IS-best trial has logit <= 0
    std::vector<double> logits;  ///< lambda = ln(w / (1 - w)) per split, w = OOS relative rank
    std::size_t splits = 0;      ///< C(blocks, blocks / 2)
};

/// CSCV over `blocks` contiguous blocks (even, >= 2) of `n_trials` trials whose block sums are
/// stored trial-major. Each split takes half of the blocks as in-sample; the in-sample winner is
/// the lowest-index trial tied (sharpe_tied) with the best IS Sharpe, and gets OOS rank
/// r = 1 + number of trials with an OOS Sharpe lower and not tied (NaN counts as lowest),
/// w = r / (n_trials + 1).
Result<PboResult> probability_of_backtest_overfitting(std::span<const ReturnSums> block_sums,
                                                      std::size_t n_trials, int blocks);

struct DeflatedSharpe {
    double sharpe = 0.0;        ///< per-bar Sharpe of the selected (best) trial
    double expected_max = 0.0;  ///< SR0, the expected maximum Sharpe of n_trials null trials
    double dsr = 0.0;           ///< P(true Sharpe > SR0), in [0, 1]
    double n_trials = 0.0;
    double sharpe_variance = 0.0;  ///< variance (ddof 1) of the trials' per-bar Sharpe ratios
};

/// DSR = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)) with
/// SR0 = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))), g = Euler-Mascheroni;
/// SR0 = 0 when N <= 1. kurtosis is non-excess (3 for normal returns).
DeflatedSharpe deflated_sharpe_ratio(double sharpe, double sharpe_variance, double n_trials,
                                     double n_obs, double skewness, double kurtosis);

/// DSR of the best trial of a sweep (highest per-bar Sharpe among trials that are not flat),
/// with the variance taken over those trials and skewness/kurtosis from its power sums.
DeflatedSharpe deflated_sharpe_from_sweep(std::span<const ReturnSums> block_sums,
                                          std::size_t n_trials, int blocks);

}  // namespace aitp::research
