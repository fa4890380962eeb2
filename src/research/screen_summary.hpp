// SPDX-License-Identifier: MIT
// ScreenSummary: the one summary of a screen that every output renders (summary.json, the
// ranked CSV, the heat-map SVG, the server's stored screening result and the dashboard). The
// ranking is ranks_before (research/sweep.hpp): combinations that traded with a finite Sharpe
// first, best Sharpe first, ties to the lower grid index, then every other combination in grid
// order. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "research/screen.hpp"

namespace aitp::research {

/// Sharpe by the first two parameters. A cell holds the Sharpe of the best-ranked combination
/// with that pair (the maximum over the other parameters among combinations that traded), NaN
/// when none traded; so every output shows the same value for a repeated pair.
struct SharpeHeatMap {
    std::string x_label, y_label;
    std::vector<double> x, y;  ///< distinct values, ascending
    std::vector<double> z;     ///< y.size() rows of x.size(), z[yi * x.size() + xi]
    bool is_empty() const { return x.empty(); }
    double at(std::size_t xi, std::size_t yi) const { return z[yi * x.size() + xi]; }
};

/// One strategy's summary of a screen.
struct ScreenSummary {
    std::string strategy;
    std::vector<std::string> param_names;
    std::size_t total_combos = 0;
    double top_sharpe = 0.0;  ///< Sharpe of the best-ranked combination; NaN when none traded
    ParamVector top_params;   ///< its parameters (empty when none traded)
    double top_return = 0.0;  ///< best total return of any combination
    std::vector<ScreenRow> top_results;  ///< the best rows by the ranking, at most top_n
    SharpeHeatMap heat_map;              ///< empty with fewer than two parameters
    double deflated_sharpe = 0.0;        ///< NaN when the screen kept no block sums
    double pbo = 0.0;                    ///< NaN when the screen kept no block sums
    SweepSummaries metric_summaries;
};

/// Summarises a screen (rows in any order; grid_index breaks ties): ranking, top results, heat
/// map, and PBO / deflated Sharpe when the screen kept block sums.
ScreenSummary summarize(const ScreenResult& result, const std::vector<std::string>& param_names,
                        std::size_t top_n = 20);

}  // namespace aitp::research
