// SPDX-License-Identifier: MIT
#include "research/screen_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "research/overfitting.hpp"

namespace aitp::research {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> distinct(const std::vector<ScreenRow>& rows, std::size_t param) {
    std::vector<double> v;
    v.reserve(rows.size());
    for (const ScreenRow& r : rows) v.push_back(r.params[param]);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::size_t position(const std::vector<double>& sorted, double value) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) -
                                    sorted.begin());
}

// Rows in ranking order: the first candidate to reach a cell is its best.
SharpeHeatMap heat_map(const ScreenResult& ranked, const std::vector<std::string>& names) {
    SharpeHeatMap h;
    const auto& rows = ranked.table.rows;
    if (names.size() < 2 || rows.empty()) return h;
    h.x_label = names[0];
    h.y_label = names[1];
    h.x = distinct(rows, 0);
    h.y = distinct(rows, 1);
    h.z.assign(h.x.size() * h.y.size(), kNaN);
    for (const ScreenRow& r : rows) {
        if (!is_candidate(r.metrics)) break;  // candidates come first
        double& cell = h.z[position(h.y, r.params[1]) * h.x.size() + position(h.x, r.params[0])];
        if (std::isnan(cell)) cell = r.metrics.sharpe_ratio;
    }
    return h;
}

}  // namespace

ScreenSummary summarize(const ScreenResult& result, const std::vector<std::string>& names,
                        std::size_t top_n) {
    ScreenSummary s;
    s.strategy = result.table.strategy;
    s.param_names = names;
    s.total_combos = result.total_combos;
    s.metric_summaries = result.summaries;
    s.top_sharpe = kNaN;
    s.top_return = kNaN;
    s.deflated_sharpe = kNaN;
    s.pbo = kNaN;
    const ScreenResult r = ranked(result);
    const auto& rows = r.table.rows;
    if (!rows.empty() && is_candidate(rows[0].metrics)) {
        s.top_sharpe = rows[0].metrics.sharpe_ratio;
        s.top_params = rows[0].params;
    }
    for (const ScreenRow& row : rows) {
        if (std::isnan(s.top_return) || row.metrics.total_return > s.top_return) {
            s.top_return = row.metrics.total_return;
        }
    }
    s.top_results.assign(rows.begin(),
                         rows.begin() + static_cast<std::ptrdiff_t>(std::min(top_n, rows.size())));
    s.heat_map = heat_map(r, names);
    if (result.blocks > 0 && result.total_combos >= 2) {
        if (auto pbo = probability_of_backtest_overfitting(result.block_sums, result.total_combos,
                                                           result.blocks)) {
            s.pbo = pbo->pbo;
        }
        s.deflated_sharpe =
            deflated_sharpe_from_sweep(result.block_sums, result.total_combos, result.blocks).dsr;
    }
    return s;
}

}  // namespace aitp::research
