// SPDX-License-Identifier: MIT
#include "research/metric_summary.hpp"

#include <algorithm>
#include <cmath>

namespace aitp::research {

namespace {
constexpr double kScale = 4294967296.0;  // 2^32
constexpr double kLimit = 1e6;  // larger |x| counts as non-finite: sums stay inside 127 bits
}  // namespace

void MetricAccumulator::One::add(double x) {
    if (!std::isfinite(x) || std::abs(x) > kLimit) {
        ++non_finite;
        return;
    }
    min = count == 0 ? x : std::min(min, x);
    max = count == 0 ? x : std::max(max, x);
    ++count;
    // x * 2^32 rounded to an integer (< 2^53); squares < 2^105, so 2^20 of them fit.
    const auto q = static_cast<Wide>(std::llround(std::ldexp(x, 32)));
    sum += q;
    sum_sq += q * q;
}

MetricSummary MetricAccumulator::One::result() const {
    MetricSummary s;
    s.count = count;
    s.non_finite = non_finite;
    if (count == 0) return s;
    s.min = min;
    s.max = max;
    const auto n = static_cast<double>(count);
    const double sum_d = static_cast<double>(sum) / kScale;
    s.mean = sum_d / n;
    if (count > 1) {
        // The integer sums are exact and order-independent; the rest is deterministic.
        const long double m = static_cast<long double>(sum) / kScale;
        const long double sq = static_cast<long double>(sum_sq) / (kScale * kScale);
        const long double var = (sq - m * m / static_cast<long double>(n)) / (n - 1.0);
        s.std = static_cast<double>(std::sqrt(std::max(var, 0.0L)));
    }
    return s;
}

void MetricAccumulator::add(const metrics::RunMetrics& m) {
    std::lock_guard<std::mutex> lock(mu_);
    total_return_.add(m.total_return);
    sharpe_ratio_.add(m.sharpe_ratio);
    max_drawdown_.add(m.max_drawdown_pct);
    num_trades_.add(static_cast<double>(m.num_trades));
}

SweepSummaries MetricAccumulator::result() const {
    std::lock_guard<std::mutex> lock(mu_);
    return {total_return_.result(), sharpe_ratio_.result(), max_drawdown_.result(),
            num_trades_.result()};
}

}  // namespace aitp::research
