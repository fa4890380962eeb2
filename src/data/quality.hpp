// SPDX-License-Identifier: MIT
// Data-quality report, as the original's validate_data (gaps, staleness, NaNs, >20% moves,
// zero volume, OHLC integrity) plus runs of identical bars, open gaps and duplicate stamps,
// with calendar-aware gaps (weekends and exchange holidays are not gaps), bars off the
// timeframe's spacing, and the bar defects import refuses (model/bar_check.hpp). Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "model/timeframe.hpp"

namespace aitp::data {

struct QualityOptions {
    model::AssetClass asset_class = model::AssetClass::Crypto;
    model::Timeframe timeframe = model::Timeframe::H1;
    /// A close-to-close or close-to-open move larger than this fraction is flagged.
    double spike_threshold = 0.20;
    /// Runs of at least this many consecutive identical bars (same o/h/l/c) are flagged.
    std::size_t min_identical_run = 3;
    /// Stale when the bar the calendar expects after the last one closed more than this many
    /// hours ago (model::TradingCalendar: nights, weekends and holidays do not count); default
    /// per asset class as the original (crypto 2, equity 18, forex 4).
    std::optional<double> max_stale_hours;
    /// Labels copied into the report.
    std::string source;
    std::string symbol;
};

struct Gap {
    std::size_t row = 0;  ///< row of the bar after the gap
    UnixMillis from = 0;  ///< timestamp of the bar before the gap
    UnixMillis to = 0;    ///< timestamp of the bar after the gap
    std::int64_t missing_bars = 0;
};

struct Move {
    std::size_t row = 0;
    UnixMillis ts = 0;
    double change = 0.0;  ///< fraction, e.g. 0.35 for +35 %
};

struct RowIssue {
    std::size_t row = 0;
    UnixMillis ts = 0;
    std::string what;
};

struct IdenticalRun {
    std::size_t first_row = 0;
    std::size_t length = 0;
    UnixMillis from = 0;
    UnixMillis to = 0;
};

struct QualityReport {
    std::string source;
    std::string symbol;
    std::string timeframe;
    std::string asset_class;
    std::size_t rows = 0;
    UnixMillis first = 0;
    UnixMillis last = 0;
    std::vector<Gap> gaps;
    std::int64_t missing_bars = 0;
    std::vector<std::pair<std::string, std::size_t>> nan_columns;  ///< only columns with NaNs
    std::vector<Move> price_spikes;  ///< |close/prev close - 1| > threshold
    std::vector<Move> open_gaps;     ///< |open/prev close - 1| > threshold
    std::vector<RowIssue> zero_volume;
    std::vector<RowIssue> ohlc_violations;  ///< defects (model/bar_check.hpp) and open/close
                                            ///< outside [low, high]
    /// Bars whose distance to the previous bar is not a whole number of bars
    /// (model::is_spacing_consistent), e.g. hourly bars in a 4h series.
    std::vector<RowIssue> spacing_mismatches;
    std::vector<RowIssue> duplicate_timestamps;
    std::vector<IdenticalRun> identical_runs;
    bool is_stale = false;
    /// Hours since the bar expected after the last one closed (0 while none is due).
    double stale_hours = 0.0;
    double max_stale_hours = 0.0;
    bool passed = true;
    std::vector<std::string> issues_summary;
    /// Set when the series could not be read at all (see unreadable_report).
    std::optional<std::string> error;
};

/// Builds the report; `clock` gives "now" for staleness.
QualityReport check_quality(const model::BarSeries& bars, const QualityOptions& options,
                            const Clock& clock);

/// Returns the report of a series whose file cannot be read: labels from `options`, no rows,
/// not passed, `error` set and summarised, so one bad file does not hide the other reports.
QualityReport unreadable_report(const QualityOptions& options, std::string error);

/// Renders the report as JSON; lists are cut after max_items entries (counts stay whole).
std::string quality_report_json(const QualityReport& report, std::size_t max_items = 200);

}  // namespace aitp::data
