// SPDX-License-Identifier: MIT
// The one home of what makes a bar acceptable, used by import (CSV reader and store writes),
// the data-quality report and the engines: prices finite and > 0, high >= low, volume finite
// and >= 0 (NaN means "missing" and is reported by the quality check, not refused here),
// timestamps inside the supported range, and consecutive bars a whole number of bars apart.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "model/timeframe.hpp"

namespace aitp::model {

/// What is wrong with a bar that no importer or engine accepts.
enum class BarDefect : std::uint8_t {
    None,
    PriceNotFinite,    ///< an open/high/low/close of +-inf
    PriceNotPositive,  ///< an open/high/low/close <= 0
    HighBelowLow,
    VolumeNotFinite,
    VolumeNegative,
};

/// Returns the first defect of a bar's values, or None. No allocation (engines call it per bar).
BarDefect find_bar_defect(double open, double high, double low, double close, double volume);

/// Describes the defect with the offending values, e.g. "high 9 is below low 10".
std::string describe_bar_defect(const Bar& bar, BarDefect defect);

/// Returns InvalidArgument describing the first defect of a bar, without a location.
Status check_bar(const Bar& bar);

/// Returns InvalidArgument naming the first row with a timestamp outside the supported range
/// or a defect: "row 3 (2024-01-01T02:00:00Z): high 9 is below low 10".
Status check_bars(const BarSeries& bars);

/// Returns true when `step` (ms from one bar to the next) fits bars of `tf`: a whole, positive
/// number of bars; on the New York calendars (equity, forex) bars of 2h or more may also be
/// one hour more or less than that, as local stamps move with daylight saving.
bool is_spacing_consistent(std::int64_t step, Timeframe tf, AssetClass asset_class);

/// Returns InvalidArgument naming the first bar of a sorted series whose distance to the one
/// before does not fit `tf` (see is_spacing_consistent), e.g. hourly bars in a 4h series.
Status check_spacing(const BarSeries& bars, Timeframe tf, AssetClass asset_class);

/// Describes a spacing mismatch at row i (i >= 1) of bars.
std::string describe_spacing_mismatch(const BarSeries& bars, std::size_t i, Timeframe tf);

}  // namespace aitp::model
