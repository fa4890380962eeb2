// SPDX-License-Identifier: MIT
// Trade statistics over a list of trade pnls (vectorbt's exit-trade view: an open trade at the
// end counts, valued at the last close). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace aitp::metrics {

/// Statistics of a trade list. With no trades, win_rate, profit_factor and avg_trade_pnl are NaN
/// (vectorbt's own 0/0).
struct TradeStats {
    std::int64_t num_trades = 0;
    double win_rate = 0.0;       ///< trades with pnl > 0 / num_trades (pnl 0 is not a win)
    double profit_factor = 0.0;  ///< gross profit / |gross loss|; inf without losses
    double avg_trade_pnl = 0.0;  ///< mean pnl, currency
};

/// Returns the statistics of `pnls`. profit_factor is +inf when only winners exist, 0 when there
/// is no winner, NaN when every pnl is exactly 0.
TradeStats trade_stats(std::span<const double> pnls);

}  // namespace aitp::metrics
