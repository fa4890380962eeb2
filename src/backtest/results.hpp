// SPDX-License-Identifier: MIT
// BacktestResult: everything one run produced (fills, round-trip trades, equity curve, order
// counts) plus the metrics computed from it with the shared metrics library. Value types.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "metrics/performance.hpp"
#include "metrics/run_metrics.hpp"
#include "model/fill.hpp"
#include "model/instrument.hpp"

namespace aitp::backtest {

/// A round trip: from flat to flat in one instrument (a fill crossing zero closes one trade and
/// opens the next at the fill price).
struct Trade {
    model::InstrumentId instrument = 0;
    bool is_long = true;
    UnixMillis entry_ts = 0;
    UnixMillis exit_ts = 0;
    double qty = 0.0;          ///< total quantity entered
    double entry_price = 0.0;  ///< volume-weighted
    double exit_price = 0.0;   ///< volume-weighted
    double entry_fee = 0.0;
    double exit_fee = 0.0;
    double pnl = 0.0;            ///< realised, both fees included
    double pnl_pct = 0.0;        ///< pnl / entry notional
    std::uint32_t exit_tag = 0;  ///< tag of the order that closed it (strategy/exit_tags.hpp)
};

struct EquityPoint {
    UnixMillis ts = 0;
    double equity = 0.0;
};

/// Order outcomes: submitted = filled + cancelled + rejected + still working at the end.
struct OrderCounts {
    std::int64_t submitted = 0;
    std::int64_t filled = 0;
    std::int64_t cancelled = 0;  ///< by the strategy, OCO, IOC/FOK remainder, DAY expiry
    /// Refused by a check at submission or at the fill (cash, holdings, lot, notional, ...); an
    /// order already accepted on the book ends in status cancelled (the state table has no
    /// open -> rejected) but is counted here.
    std::int64_t rejected = 0;
    /// Market buys reduced to what the cash buys at their fill price (they fit at submission;
    /// the next open or slippage made them dearer). Counted among filled too.
    std::int64_t capped = 0;
};

/// One refused order, in the order the engine refused them.
struct Rejection {
    model::OrderId order_id = model::kNoOrder;
    model::InstrumentId instrument = 0;
    UnixMillis ts = 0;
    std::string reason;
};

struct BacktestResult {
    std::vector<model::Instrument> instruments;
    std::vector<model::Fill> fills;
    std::vector<Trade> trades;
    /// Positions still open after the last event, marked at their instrument's last close
    /// (exit_ts and exit_price are that bar's; pnl includes the unrealised part, no exit fee).
    std::vector<Trade> open_trades;
    std::vector<EquityPoint> equity;  ///< one point per distinct event time, then the final
    OrderCounts orders;
    std::vector<Rejection> rejections;
    double initial_equity = 0.0;
    double final_equity = 0.0;
    std::int64_t events = 0;
};

/// The metrics a run reports: the original's trade metrics (ORIGINAL.md 7.5, closed trades;
/// absent without them) and the equity-curve run metrics of the research engine, whose
/// num_trades, win rate, profit factor and exposure include a position still open at the end
/// (metrics/run_metrics.hpp).
struct ResultMetrics {
    bool has_trades = false;
    metrics::PerformanceMetrics trades;
    metrics::RunMetrics run;
};

/// Computes the metrics; `bar_millis` annualises the equity returns (0: inferred from the
/// equity curve's timestamps by model::bar_interval_millis).
ResultMetrics compute_result_metrics(const BacktestResult& r, std::int64_t bar_millis = 0);

/// Returns the number of rejections per reason, sorted by reason.
std::vector<std::pair<std::string, std::int64_t>> rejection_counts(const BacktestResult& r);

/// Returns a 16-hex-digit FNV-1a hash of the fills, trades and equity curve (bit-exact), for
/// determinism checks.
std::string output_hash(const BacktestResult& r);

}  // namespace aitp::backtest
