// SPDX-License-Identifier: MIT
#include "metrics/return_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/check.hpp"

namespace aitp::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMillisPerYear = 365.0 * 86'400'000.0;
}  // namespace

double periods_per_year(std::int64_t bar_millis) {
    AITP_CHECK(bar_millis > 0, "Condition failed: bar_millis must be > 0");
    return kMillisPerYear / static_cast<double>(bar_millis);
}

double mean(std::span<const double> xs) {
    if (xs.empty()) return kNaN;
    double sum = 0.0;
    for (double x : xs) sum += x;
    return sum / static_cast<double>(xs.size());
}

double sample_std(std::span<const double> xs) {
    if (xs.size() < 2) return kNaN;
    const double m = mean(xs);
    double ss = 0.0;
    for (double x : xs) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

double sharpe_ratio(std::span<const double> returns, double ppy) {
    if (returns.size() < 2) return kNaN;
    const double sd = sample_std(returns);
    if (sd == 0.0) return kInf;
    return mean(returns) / sd * std::sqrt(ppy);
}

double sortino_ratio(std::span<const double> returns, double ppy) {
    if (returns.empty()) return kNaN;
    double down = 0.0;
    for (double r : returns) {
        const double d = std::min(r, 0.0);
        down += d * d;
    }
    const double downside = std::sqrt(down / static_cast<double>(returns.size()));
    if (downside == 0.0) return kInf;
    return mean(returns) / downside * std::sqrt(ppy);
}

double max_drawdown(std::span<const double> values) {
    double peak = -kInf;
    double worst = 0.0;  // most negative V / peak - 1
    for (double v : values) {
        peak = std::max(peak, v);
        worst = std::min(worst, v / peak - 1.0);
    }
    return worst == 0.0 ? 0.0 : -worst;
}

double max_drawdown_amount(std::span<const double> values) {
    double peak = -kInf;
    double fall = 0.0;
    for (double v : values) {
        peak = std::max(peak, v);
        fall = std::max(fall, peak - v);
    }
    return fall;
}

double annualized_return(double total_return, std::size_t n, double ppy) {
    if (n == 0) return kNaN;
    return std::pow(1.0 + total_return, ppy / static_cast<double>(n)) - 1.0;
}

double calmar_ratio(double annualized, double max_drawdown_fraction) {
    if (max_drawdown_fraction == 0.0) return kNaN;
    return annualized / std::abs(max_drawdown_fraction);
}

void simple_returns(std::span<const double> values, double initial, std::span<double> out) {
    AITP_CHECK(out.size() == values.size(), "Condition failed: out.size() == values.size()");
    double prev = initial;
    for (std::size_t t = 0; t < values.size(); ++t) {
        out[t] = (values[t] - prev) / prev;
        prev = values[t];
    }
}

}  // namespace aitp::metrics
