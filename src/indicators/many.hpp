// SPDX-License-Identifier: MIT
// Many rolling means / EMAs at once: up to 8 (input, period) pairs run in the lanes of one
// vector, each lane performing exactly the operations of sma() / ema() on its pair, so every
// output is bit for bit what the single kernel gives (and what the stream gives). A set of
// indicators that needs many moving averages (the original's add_all_indicators has 7 SMAs and
// 7 EMAs of the close) gets them for about the cost of one. compute_columns() uses these.
#pragma once

#include <span>

#include "core/status.hpp"

namespace aitp::indicators {

/// One moving average to compute: out = sma(in, period) (or ema(in, period)).
struct AverageJob {
    std::span<const double> in;
    int period;
    std::span<double> out;
    /// sma_many only: the first `lead` values may be NaN (a derived series in its warm-up, e.g.
    /// stochastic %K); every later value must be finite. sma() skips NaN values as pandas does;
    /// the lanes start after lead + period rows, when the window holds only finite values.
    std::size_t lead = 0;
    /// The caller has checked that every value after `lead` is finite (a derived series it
    /// computed), so sma_many / ema_many do not scan it again.
    bool finite = false;
};

/// Runs sma() for every job, 8 jobs per vector. Errors as sma() (the first failing job's).
Status sma_many(std::span<const AverageJob> jobs);
/// Runs ema() for every job, 8 jobs per vector. Errors as ema().
Status ema_many(std::span<const AverageJob> jobs);

/// Up to 8 pandas ewm(alpha, adjust=False) recurrences over one chunk of their series, in the
/// lanes of one vector: for each k < count, x[k][0..len) (finite values) is replaced by
/// detail::Ewm(alpha[k]).update of its rows without min_periods (the caller applies those),
/// the same bits. w[k] carries the last value from chunk to chunk; `first` marks the chunk
/// that starts the series (its row 0 is the series' first value); count 0 does nothing.
/// Requires: 0 < alpha[k] <= 1.
void ewm_lanes_chunk(double* const* x, const double* alpha, std::size_t count, std::size_t len,
                     double* w, bool first);

}  // namespace aitp::indicators
