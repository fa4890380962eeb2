// SPDX-License-Identifier: MIT
// Shared moving averages for a set of indicator calls (used by compute_columns): the calls built
// on moving averages of the inputs or of the true range (sma, volume_sma, ema, volume_ratio,
// atr_indicator, keltner_channels, supertrend, macd) are planned together, so each distinct
// average is computed once and all of them run 8 per vector (sma_many / ema_many); then each
// call's own remaining arithmetic runs. Every output is bit for bit what the call's single kernel
// gives. Internal to the module.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/registry.hpp"
#include "indicators/scratch_columns.hpp"

namespace aitp::indicators::detail {

struct PlannedCall {
    const IndicatorInfo* info;
    const std::vector<double>* params;
    std::vector<std::span<double>> outs;  ///< every output (scratch where none was requested)
    bool done = false;
};

/// Whether the set's calls of this entry are built on the true range (atr_indicator,
/// keltner_channels, supertrend).
bool on_true_range(IndicatorId id);

/// true_range_rows() of the whole series into `out`, in the same pass checking that high, low,
/// close and the true range itself are all finite (returns false otherwise). Requires: the three
/// inputs and `out` of one length.
bool true_range_finite(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, std::span<double> out);

/// Runs the calls of `calls` that are built on shared averages and marks them done; the others
/// are left for the caller. Requires: the four input columns are finite (checked by the caller).
/// `true_range`, when not empty, is the inputs' true range (true_range_finite), used instead of
/// computing it again.
Status run_shared_averages(std::span<PlannedCall> calls, const SeriesInput& in,
                           ScratchColumns& scratch, std::span<const double> true_range = {});

/// Runs the TA-Lib calls whose time is a per-row dependency chain (talib.RSI, talib.ATR,
/// talib.ADX, talib.EMA, talib.MACD; the first call of each) in one pass, so their chains
/// overlap (talib::chains), when there are at least two of them; marks them done.
Status run_talib_chains(std::span<PlannedCall> calls, const SeriesInput& in);

/// Runs pairs of calls that share their work: the first stochastic call with a williams_r call
/// over the same window (one set of window extremes for %K and %R, detail::stochastic_rows), a
/// hull_ma call with a wma call of its period (the WMA Hull computes on the way,
/// detail::hull_ma_rows), and returns with log_returns (one quotient per row,
/// detail::returns_rows); marks them done.
Status run_shared_extremes(std::span<PlannedCall> calls, const SeriesInput& in);

}  // namespace aitp::indicators::detail
