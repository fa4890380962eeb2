// SPDX-License-Identifier: MIT
// ScreenTable: one row per parameter combination of a screen (parameters plus RunMetrics), in
// grid order, with the CSV shape of the original screener. Value type.
#pragma once

#include <string>
#include <vector>

#include "core/status.hpp"
#include "metrics/run_metrics.hpp"

namespace aitp::research {

struct ScreenRow {
    std::vector<double> params;  ///< in ScreenTable::param_names order
    metrics::RunMetrics metrics;
};

struct ScreenTable {
    std::string strategy;                  ///< e.g. "sma_crossover"
    std::vector<std::string> param_names;  ///< e.g. {"fast", "slow"}
    std::vector<ScreenRow> rows;           ///< grid order
    bool with_avg_trade_pnl = false;       ///< the SMA screen also reports avg_trade_pnl
};

/// Renders the table as CSV: parameters, total_return, sharpe_ratio, max_drawdown_pct (positive
/// fraction), win_rate, profit_factor, num_trades, final_value[, avg_trade_pnl]. Doubles use the
/// shortest round-trip form, NaN is an empty field, infinities are "inf"/"-inf".
std::string to_csv(const ScreenTable& table);

}  // namespace aitp::research
