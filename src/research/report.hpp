// SPDX-License-Identifier: MIT
// Text renderings of research results in the original's output shapes: summary.json of a
// screen run (total_combos, top_sharpe, top_return per strategy, plus deflated Sharpe and PBO),
// {strategy}_walkforward.csv, the walk-forward and validation JSON reports, and the Sharpe
// heat-map of two parameters as a self-contained SVG. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "research/overfitting.hpp"
#include "research/validation.hpp"
#include "research/walk_forward.hpp"

namespace aitp::research {

/// One strategy's entry of summary.json.
struct ScreenSummary {
    std::string strategy;
    std::size_t total_combos = 0;
    double top_sharpe = 0.0;  ///< best Sharpe among combinations that traded (NaN if none)
    double top_return = 0.0;  ///< best total return
    ParamVector top_params;   ///< parameters of the top-Sharpe combination
    std::vector<std::string> param_names;
    double deflated_sharpe = 0.0;  ///< NaN when not computed
    double pbo = 0.0;              ///< NaN when not computed
    SweepSummaries metric_summaries;
};

/// Summarises a screen (rows in any order).
ScreenSummary summarize(const ScreenResult& result, const std::vector<std::string>& param_names);

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

/// Renders a heat-map of the best Sharpe per (x, y) parameter pair (maximum over the other
/// parameters; combinations without trades left blank) as a self-contained SVG document.
std::string sharpe_heatmap_svg(const ScreenTable& table, std::size_t x_param, std::size_t y_param);

}  // namespace aitp::research
