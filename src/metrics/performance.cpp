// SPDX-License-Identifier: MIT
#include "metrics/performance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "metrics/return_metrics.hpp"

namespace aitp::metrics {

double round_decimal(double x, int digits) {
    if (!std::isfinite(x)) return x;
    // printf rounds the exact binary value correctly, as CPython's round() does.
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return std::strtod(buf, nullptr);
}

std::string format_timedelta(std::int64_t millis) {
    const std::int64_t day = 86'400'000;
    std::int64_t days = millis / day;
    std::int64_t rest = millis % day;
    if (rest < 0) {  // pandas normalises to a non-negative time of day
        rest += day;
        --days;
    }
    const std::int64_t h = rest / 3'600'000;
    const std::int64_t m = rest / 60'000 % 60;
    const std::int64_t s = rest / 1000 % 60;
    const std::int64_t ms = rest % 1000;
    char buf[96];
    if (ms == 0) {
        std::snprintf(buf, sizeof buf, "%lld days %02lld:%02lld:%02lld",
                      static_cast<long long>(days), static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(s));
    } else {
        std::snprintf(buf, sizeof buf, "%lld days %02lld:%02lld:%02lld.%03lld000",
                      static_cast<long long>(days), static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(s),
                      static_cast<long long>(ms));
    }
    return buf;
}

namespace {

double trades_per_year(std::span<const TradeRecord> trades) {
    const std::size_t n = trades.size();
    if (n < 2) return 252.0;
    UnixMillis first = trades[0].entry_time;
    UnixMillis last = trades[0].exit_time;
    for (const auto& t : trades) {
        first = std::min(first, t.entry_time);
        last = std::max(last, t.exit_time);
    }
    const double span_s = static_cast<double>(last - first) / 1000.0;
    if (span_s <= 0.0) return 252.0;
    return static_cast<double>(n) * (365.25 * 86'400.0 / span_s);
}

}  // namespace

Result<PerformanceMetrics> compute_performance_metrics(std::span<const TradeRecord> trades) {
    if (trades.empty()) return fail(Error::invalid_argument("No trades to analyze"));
    PerformanceMetrics m;
    const std::size_t n = trades.size();
    m.total_trades = static_cast<std::int64_t>(n);
    double total = 0.0, gross_profit = 0.0, gross_loss = 0.0;
    std::size_t wins = 0;
    std::vector<double> pct(n);
    double cum = 0.0, peak = -std::numeric_limits<double>::infinity(), dd = 0.0;
    std::int64_t duration_sum = 0;
    m.best_trade = m.worst_trade = trades[0].pnl;
    for (std::size_t i = 0; i < n; ++i) {
        const double p = trades[i].pnl;
        total += p;
        if (p > 0.0) {
            gross_profit += p;
            ++wins;
        } else {
            gross_loss += p;
        }
        pct[i] = trades[i].pnl_pct;
        cum += p;
        peak = std::max(peak, cum);
        dd = i == 0 ? cum - peak : std::min(dd, cum - peak);
        m.best_trade = std::max(m.best_trade, p);
        m.worst_trade = std::min(m.worst_trade, p);
        duration_sum += trades[i].exit_time - trades[i].entry_time;
    }
    const std::size_t losses = n - wins;
    m.total_pnl = round_decimal(total, 2);
    m.win_rate = round_decimal(static_cast<double>(wins) / static_cast<double>(n), 4);
    m.profit_factor = gross_loss == 0.0 ? std::numeric_limits<double>::infinity()
                                        : round_decimal(gross_profit / std::abs(gross_loss), 3);
    m.avg_win = wins > 0 ? gross_profit / static_cast<double>(wins) : 0.0;
    m.avg_loss = losses > 0 ? gross_loss / static_cast<double>(losses) : 0.0;
    m.trades_per_year = trades_per_year(trades);
    const double sd = sample_std(pct);
    m.sharpe = (std::isnan(sd) || sd == 0.0) ? 0.0 : mean(pct) / sd * std::sqrt(m.trades_per_year);
    m.max_drawdown_amount = dd == 0.0 ? 0.0 : -dd;
    m.avg_trade_duration_ms = duration_sum / static_cast<std::int64_t>(n);
    m.avg_trade_duration = format_timedelta(m.avg_trade_duration_ms);
    return m;
}

}  // namespace aitp::metrics
