// SPDX-License-Identifier: MIT
// Walk-forward analysis that is really out of sample: on each fold the best parameters of the
// training window are chosen, then evaluated unchanged on the following test window (the
// original re-optimised on the test window). Rolling (the original's screener, non-overlapping
// windows) and expanding (its Gate 3a) fold plans. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "research/screen.hpp"

namespace aitp::research {

/// Row ranges [begin, end) of one fold.
struct FoldWindow {
    std::size_t train_begin = 0, train_end = 0;
    std::size_t test_begin = 0, test_end = 0;
};

/// The original screener's plan (walk_forward_validate): n_splits non-overlapping windows of
/// n / n_splits rows (windows under 100 rows skipped), the first train_ratio of each window for
/// training (>= 50 rows) and the rest for testing (>= 20 rows).
std::vector<FoldWindow> rolling_folds(std::size_t n, int n_splits, double train_ratio = 0.7);

/// The validation engine's Gate 3a plan: segments of n / (folds + 1) rows; fold k (1..folds)
/// trains on segments 0..k-1 and tests on segment k; folds whose test has < 50 rows are skipped.
std::vector<FoldWindow> expanding_folds(std::size_t n, int folds = 5);

struct FoldResult {
    FoldWindow window;
    ParamVector params;                 ///< best on the training window
    metrics::RunMetrics in_sample;      ///< of params on the training window
    metrics::RunMetrics out_of_sample;  ///< of the same params on the test window
    double degradation = 0.0;           ///< scored OOS Sharpe / scored IS Sharpe, 0 when IS <= 0
};

struct WalkForwardResult {
    std::vector<FoldResult> folds;
    double mean_is_sharpe = 0.0;
    double mean_oos_sharpe = 0.0;
    double mean_degradation = 0.0;
    /// Folds whose test window saw no trade: their Sharpe is scored 0, which says nothing.
    std::size_t folds_without_oos_trades = 0;
    /// Mean OOS Sharpe > 0, mean degradation > 0.5, and every fold traded out of sample.
    bool robust = false;
};

/// "robust"; "inconclusive" when the means pass but some fold had no out-of-sample trade (or
/// there are no folds); else "not_robust".
std::string_view walk_forward_verdict(const WalkForwardResult& wf);

/// Returns the Sharpe a fold is scored with: the run's Sharpe, or 0 when it never traded (its
/// +inf would otherwise dominate every mean) or the Sharpe is NaN.
double scored_sharpe(const metrics::RunMetrics& m);

/// Returns the index of the best row of a grid-order screen by ranks_before (the highest finite
/// Sharpe among combinations that traded, ties to the lower grid index); 0 when none traded.
std::size_t best_row(const ScreenTable& table);

/// Runs the folds: screens `grid` on each training window, picks best_row, and simulates those
/// parameters on the test window. Requires: every window lies inside data.
Result<WalkForwardResult> walk_forward(const StrategySpec& spec, const MarketData& data,
                                       std::span<const ParamVector> grid,
                                       std::span<const FoldWindow> folds,
                                       const ScreenOptions& options);

}  // namespace aitp::research
