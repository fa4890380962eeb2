// SPDX-License-Identifier: MIT
#include "metrics/trade_metrics.hpp"

#include <cmath>
#include <limits>

namespace aitp::metrics {

TradeStats trade_stats(std::span<const double> pnls) {
    TradeStats s;
    s.num_trades = static_cast<std::int64_t>(pnls.size());
    if (pnls.empty()) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s.win_rate = s.profit_factor = s.avg_trade_pnl = nan;
        return s;
    }
    double gross_profit = 0.0;
    double gross_loss = 0.0;
    double sum = 0.0;
    std::int64_t wins = 0;
    for (double p : pnls) {
        sum += p;
        if (p > 0.0) {
            gross_profit += p;
            ++wins;
        } else if (p < 0.0) {
            gross_loss += p;
        }
    }
    const auto n = static_cast<double>(pnls.size());
    s.win_rate = static_cast<double>(wins) / n;
    // vectorbt divides without a guard: x / 0 is inf, 0 / 0 is NaN.
    if (gross_loss == 0.0) {
        s.profit_factor = gross_profit > 0.0 ? std::numeric_limits<double>::infinity()
                                             : std::numeric_limits<double>::quiet_NaN();
    } else {
        s.profit_factor = gross_profit / std::abs(gross_loss);
    }
    s.avg_trade_pnl = sum / n;
    return s;
}

}  // namespace aitp::metrics
