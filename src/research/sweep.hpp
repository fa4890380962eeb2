// SPDX-License-Identifier: MIT
// Sweep runner: evaluates many parameter combinations on a fixed number of threads. Each
// combination's result goes to its own slot (or into a per-thread top-K that is merged with an
// index tie-break), so results are identical at any thread count. The evaluation callback must
// be safe to call concurrently for different indices.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "core/progress.hpp"
#include "metrics/run_metrics.hpp"

namespace aitp::research {

/// How a sweep runs.
struct SweepOptions {
    int threads = 1;   ///< worker threads (>= 1); the calling thread is one of them
    WorkControl work;  ///< progress (fraction done, in increasing order) and the stop token
};

/// Calls eval(i) once for every i in [0, count), spread over options.threads threads. Stops
/// taking indices once options.work asks to stop (checked before every evaluation), so the
/// indices not evaluated keep their default results; callers that return a Result then report
/// Cancelled (run_screen does).
/// Requires: options.threads >= 1.
void parallel_for_index(std::size_t count, const std::function<void(std::size_t)>& eval,
                        const SweepOptions& options);

/// Evaluates every combination and returns the results in index order.
std::vector<metrics::RunMetrics> run_sweep(
    std::size_t count, const std::function<metrics::RunMetrics(std::size_t)>& eval,
    const SweepOptions& options);

/// One kept result of a top-K sweep.
struct RankedResult {
    std::size_t index = 0;
    metrics::RunMetrics metrics;
};

/// Returns true when a combination can rank as "best": it traded and its Sharpe is finite (one
/// that never trades has Sharpe +inf in vectorbt's convention, and must not come first).
bool is_candidate(const metrics::RunMetrics& m);

/// The one ranking of research results: candidates (is_candidate) first, higher Sharpe first,
/// then every other result; ties and non-candidates by lower index. A strict total order, so
/// the ranking never depends on evaluation order.
bool ranks_before(const RankedResult& a, const RankedResult& b);

/// Evaluates every combination keeping only the best k by ranks_before (memory O(k * threads)),
/// returned best first.
std::vector<RankedResult> run_sweep_top_k(
    std::size_t count, std::size_t k, const std::function<metrics::RunMetrics(std::size_t)>& eval,
    const SweepOptions& options);

}  // namespace aitp::research
