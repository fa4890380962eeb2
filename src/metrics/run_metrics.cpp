// SPDX-License-Identifier: MIT
#include "metrics/run_metrics.hpp"

#include <vector>

#include "core/check.hpp"
#include "metrics/return_metrics.hpp"
#include "metrics/trade_metrics.hpp"

namespace aitp::metrics {

RunMetrics compute_run_metrics(const RunInputs& in) {
    AITP_CHECK(!in.values.empty(), "Condition failed: values must not be empty");
    const std::size_t n = in.values.size();
    std::vector<double> returns(n);
    simple_returns(in.values, in.initial_cash, returns);

    RunMetrics m;
    m.final_value = in.values.back();
    m.total_return = (m.final_value - in.initial_cash) / in.initial_cash;
    m.sharpe_ratio = sharpe_ratio(returns, in.periods_per_year);
    m.sortino_ratio = sortino_ratio(returns, in.periods_per_year);
    m.max_drawdown = max_drawdown(in.values);
    m.calmar_ratio =
        calmar_ratio(annualized_return(m.total_return, n, in.periods_per_year), m.max_drawdown);
    const TradeStats ts = trade_stats(in.trade_pnls);
    m.num_trades = ts.num_trades;
    m.win_rate = ts.win_rate;
    m.profit_factor = ts.profit_factor;
    m.avg_trade_pnl = ts.avg_trade_pnl;
    const auto bars = static_cast<double>(n);
    m.exposure = static_cast<double>(in.bars_in_position) / bars;
    m.trades_per_year = static_cast<double>(m.num_trades) * in.periods_per_year / bars;
    return m;
}

}  // namespace aitp::metrics
