// SPDX-License-Identifier: MIT
// RunMetrics: every per-run number a screen reports, computed from one equity curve and its
// trade pnls. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace aitp::metrics {

/// The metrics of one simulated run. Drawdowns are positive, as every aitp output reports them:
/// max_drawdown_pct is a fraction (0.25 = 25 % below the peak; vectorbt reports the negative of
/// it) and max_drawdown_amount the same fall in currency.
struct RunMetrics {
    double final_value = 0.0;
    double total_return = 0.0;      ///< final_value / initial - 1
    double sharpe_ratio = 0.0;      ///< annualised; +inf when every return is 0
    double sortino_ratio = 0.0;     ///< annualised
    double calmar_ratio = 0.0;      ///< annualised return / max_drawdown_pct; NaN without drawdown
    double max_drawdown_pct = 0.0;  ///< max over t of 1 - V[t] / max(V[0..t]), >= 0
    double max_drawdown_amount = 0.0;  ///< max over t of max(V[0..t]) - V[t], currency, >= 0
    double win_rate = 0.0;             ///< NaN without trades
    double profit_factor = 0.0;        ///< NaN without trades
    std::int64_t num_trades = 0;       ///< open trade at the end included
    double avg_trade_pnl = 0.0;        ///< NaN without trades
    double exposure = 0.0;             ///< fraction of bars that end holding a position
    double trades_per_year = 0.0;      ///< num_trades / (bars / periods_per_year)
};

/// Inputs of compute_run_metrics.
struct RunInputs {
    std::span<const double> values;  ///< equity after each bar's order, V[0..n-1]
    double initial_cash = 10'000.0;
    std::span<const double> trade_pnls;  ///< one per trade, open trade included
    std::int64_t bars_in_position = 0;
    double periods_per_year = 8760.0;
};

/// Returns the metrics of one run. Requires: values non-empty.
RunMetrics compute_run_metrics(const RunInputs& in);

/// Returns the run's drawdown as text shows it (CLI, report.html; the dashboard's fmtDrawdown
/// matches): the fall below the peak with a minus sign, "-25.00 % (-30.00)".
std::string drawdown_text(const RunMetrics& m);

}  // namespace aitp::metrics
