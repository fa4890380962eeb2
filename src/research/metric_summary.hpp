// SPDX-License-Identifier: MIT
// Per-metric summaries of a sweep that do not depend on evaluation order: count, non-finite
// (or |x| > 1e6) count, min, max, and mean/std from exact fixed-point sums (values rounded to
// 2^-32), so a memory-bounded (top-K) sweep still reports identical summaries at any thread count.
// MetricAccumulator is thread-safe.
#pragma once

#include <cstddef>
#include <limits>
#include <mutex>

#include "metrics/run_metrics.hpp"

namespace aitp::research {

struct MetricSummary {
    std::size_t count = 0;       ///< finite values
    std::size_t non_finite = 0;  ///< NaN or infinite values (e.g. Sharpe of a flat run)
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double std = std::numeric_limits<double>::quiet_NaN();  ///< ddof 1
};

struct SweepSummaries {
    MetricSummary total_return, sharpe_ratio, max_drawdown, num_trades;
};

/// Accumulates SweepSummaries from RunMetrics added in any order, from any thread.
class MetricAccumulator {
  public:
    void add(const metrics::RunMetrics& m);
    SweepSummaries result() const;

  private:
    __extension__ typedef __int128 Wide;
    struct One {
        std::size_t count = 0, non_finite = 0;
        double min = 0.0, max = 0.0;
        Wide sum = 0, sum_sq = 0;  // in units of 2^-32 and 2^-64
        void add(double x);
        MetricSummary result() const;
    };
    mutable std::mutex mu_;
    One total_return_, sharpe_ratio_, max_drawdown_, num_trades_;
};

}  // namespace aitp::research
