// SPDX-License-Identifier: MIT
// Resampling OHLCV to a coarser timeframe: UTC-aligned buckets (floor(ts / length) * length),
// open = first, high = max, low = min, close = last, volume = sum, as pandas
// resample(...).agg(first/max/min/last/sum); NaN values are skipped like pandas does, and
// empty buckets produce no bar. Pure function; thread-safe.
#pragma once

#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "model/timeframe.hpp"

namespace aitp::data {

/// Requires strictly increasing timestamps. Errors when the target is finer than the input's
/// bar spacing.
Result<model::BarSeries> resample(const model::BarSeries& bars, model::Timeframe target);

}  // namespace aitp::data
