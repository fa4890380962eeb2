// SPDX-License-Identifier: MIT
// compute_performance_metrics: the original platform's trade-list metrics
// (common/metrics/performance.py, ORIGINAL.md 7.5), including its rounding and its currency
// drawdown without a zero baseline (reported positive, as every aitp drawdown: the original's
// max_drawdown is its negative). Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::metrics {

/// One closed trade as the original's trades_df row.
struct TradeRecord {
    UnixMillis entry_time = 0;
    UnixMillis exit_time = 0;
    double pnl = 0.0;      ///< currency
    double pnl_pct = 0.0;  ///< fraction
    std::string side = "long";
};

/// The original's metrics dictionary. Rounded fields are rounded as Python's round().
struct PerformanceMetrics {
    std::int64_t total_trades = 0;
    double total_pnl = 0.0;      ///< 2 decimals
    double win_rate = 0.0;       ///< winners (pnl > 0) / trades, 4 decimals
    double profit_factor = 0.0;  ///< gross profit / |gross loss|, 3 decimals; inf without losses
    double avg_win = 0.0;        ///< mean pnl of winners, 0 without winners
    double avg_loss = 0.0;       ///< mean pnl of losers (pnl <= 0), 0 without losers
    double sharpe = 0.0;         ///< mean(pnl_pct)/std(pnl_pct, ddof 1)*sqrt(trades_per_year)
    double trades_per_year = 0.0;
    /// Largest fall of the cumulative closed-trade pnl below its running peak, currency, >= 0:
    /// -min(cumsum(pnl) - cummax(cumsum(pnl))) (the original's max_drawdown negated).
    double max_drawdown_amount = 0.0;
    double best_trade = 0.0;
    double worst_trade = 0.0;
    std::int64_t avg_trade_duration_ms = 0;
    std::string avg_trade_duration;  ///< pandas Timedelta text, e.g. "0 days 05:00:00"
};

/// Returns the metrics of a trade list, or InvalidArgument "No trades to analyze" when empty.
/// trades_per_year = n * 365.25 days / (last exit - first entry) when n >= 2 and the span is
/// positive, else 252; sharpe is 0 when the std is 0 or undefined.
Result<PerformanceMetrics> compute_performance_metrics(std::span<const TradeRecord> trades);

/// Rounds like Python's round(x, digits): correctly rounded from the exact binary value.
double round_decimal(double x, int digits);

/// Formats a duration like str(pandas.Timedelta): "D days HH:MM:SS[.ffffff]".
std::string format_timedelta(std::int64_t millis);

}  // namespace aitp::metrics
