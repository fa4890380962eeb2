// SPDX-License-Identifier: MIT
// Text renderings of research results in the original's output shapes: summary.json of a
// screen run (ScreenSummary: total_combos, top_sharpe, top_return per strategy, plus deflated
// Sharpe and PBO),
// {strategy}_walkforward.csv, the walk-forward and validation JSON reports, and the Sharpe
// heat-map of two parameters as a self-contained SVG. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "research/overfitting.hpp"
#include "research/screen_summary.hpp"
#include "research/validation.hpp"
#include "research/walk_forward.hpp"

namespace aitp::research {

/// Renders summary.json: {"<strategy>": {"total_combos": n, "top_sharpe": x, "top_return": y,
/// "top_params": {...}, "deflated_sharpe": d, "pbo": p, "metric_summaries": {...}}, ...};
/// non-finite numbers are null.
std::string summary_json(const std::vector<ScreenSummary>& summaries);

/// Renders {strategy}_walkforward.csv: one row per fold (window rows, parameters, IS and OOS
/// Sharpe and return, degradation).
std::string walk_forward_csv(const WalkForwardResult& wf, const std::vector<std::string>& names);

/// Renders the walk-forward JSON report (folds, means, verdict "robust" or "not_robust").
std::string walk_forward_json(const std::string& strategy, const WalkForwardResult& wf,
                              const std::vector<std::string>& names);

/// Renders the validation JSON report.
std::string validation_json(const ValidationReport& rep, const std::vector<std::string>& names);

/// Renders the summary's Sharpe heat-map (cells without a combination that traded left blank)
/// as a self-contained SVG document. Requires: !summary.heat_map.is_empty().
std::string sharpe_heatmap_svg(const ScreenSummary& summary);

}  // namespace aitp::research
