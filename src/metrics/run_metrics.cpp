// SPDX-License-Identifier: MIT
#include "metrics/run_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/check.hpp"
#include "metrics/return_metrics.hpp"
#include "metrics/trade_metrics.hpp"

namespace aitp::metrics {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sharpe, Sortino and maximum drawdown in two passes over the curve (the sweep hot path). Every
// sum runs left to right with the same operations as sharpe_ratio, sortino_ratio,
// max_drawdown and max_drawdown_amount in return_metrics.cpp, so the results are bit-identical
// to those functions.
struct CurveStats {
    double sharpe, sortino, max_drawdown_pct, max_drawdown_amount;
};

CurveStats curve_stats(std::span<const double> values, double initial, double ppy) {
    const std::size_t n = values.size();
    double prev = initial, sum = 0.0, down = 0.0, peak = -kInf, worst = 0.0, fall = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
        const double r = (values[t] - prev) / prev;
        prev = values[t];
        sum += r;
        const double d = std::min(r, 0.0);
        down += d * d;
        peak = std::max(peak, values[t]);
        worst = std::min(worst, values[t] / peak - 1.0);
        fall = std::max(fall, peak - values[t]);
    }
    const double mean = sum / static_cast<double>(n);
    CurveStats s{kNaN, kNaN, worst == 0.0 ? 0.0 : -worst, fall};
    const double downside = std::sqrt(down / static_cast<double>(n));
    s.sortino = downside == 0.0 ? kInf : mean / downside * std::sqrt(ppy);
    if (n >= 2) {
        prev = initial;
        double ss = 0.0;
        for (std::size_t t = 0; t < n; ++t) {
            const double r = (values[t] - prev) / prev;
            prev = values[t];
            ss += (r - mean) * (r - mean);
        }
        const double sd = std::sqrt(ss / static_cast<double>(n - 1));
        s.sharpe = sd == 0.0 ? kInf : mean / sd * std::sqrt(ppy);
    }
    return s;
}

}  // namespace

RunMetrics compute_run_metrics(const RunInputs& in) {
    AITP_CHECK(!in.values.empty(), "Condition failed: values must not be empty");
    const std::size_t n = in.values.size();
    RunMetrics m;
    m.final_value = in.values.back();
    m.total_return = (m.final_value - in.initial_cash) / in.initial_cash;
    const CurveStats cs = curve_stats(in.values, in.initial_cash, in.periods_per_year);
    m.sharpe_ratio = cs.sharpe;
    m.sortino_ratio = cs.sortino;
    m.max_drawdown_pct = cs.max_drawdown_pct;
    m.max_drawdown_amount = cs.max_drawdown_amount;
    m.calmar_ratio =
        calmar_ratio(annualized_return(m.total_return, n, in.periods_per_year), m.max_drawdown_pct);
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

std::string drawdown_text(const RunMetrics& m) {
    // Written from the positive fields with an explicit sign, so a zero drawdown is "0.00 %".
    const auto signed_text = [](double v, const char* unit) {
        return v > 0.0 ? fmt::format("-{:.2f}{}", v, unit) : fmt::format("{:.2f}{}", v, unit);
    };
    return signed_text(m.max_drawdown_pct * 100.0, " %") + " (" +
           signed_text(m.max_drawdown_amount, "") + ")";
}

}  // namespace aitp::metrics
