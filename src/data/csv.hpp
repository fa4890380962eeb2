// SPDX-License-Identifier: MIT
// OHLCV CSV: header with timestamp,open,high,low,close,volume (any order, extra columns
// ignored), timestamps as epoch milliseconds or ISO-8601, numbers parsed with std::from_chars
// (correctly rounded, so shortest-repr files round-trip bit for bit), an empty field or "nan"
// is NaN. Strict: every malformed row is an error naming file, line and column, and so are
// timestamps outside years 1-9999 and (unless asked not to) bars model/bar_check.hpp refuses.
// Functions are thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "model/bar_series.hpp"

namespace aitp::data {

struct CsvReadOptions {
    /// Require strictly increasing timestamps (no unsorted rows, no duplicates).
    bool require_sorted = true;
    /// Refuse bars with a defect (model::find_bar_defect: prices <= 0 or infinite, high < low,
    /// negative or infinite volume). The quality report turns this off to list them instead.
    bool check_bars = true;
    /// Reports parse progress (by bytes) when set.
    ProgressFn progress;
};

/// Parses CSV text; `name` is used in error messages ("name:LINE: ...").
Result<model::BarSeries> parse_csv(std::string_view text, std::string_view name,
                                   const CsvReadOptions& options = {});

/// Reads and parses a CSV file.
Result<model::BarSeries> read_csv(const std::filesystem::path& path,
                                  const CsvReadOptions& options = {});

struct CsvWriteOptions {
    /// Write ISO-8601 timestamps instead of epoch milliseconds.
    bool iso_timestamps = false;
};

/// Formats bars as CSV with the header timestamp,open,high,low,close,volume; doubles in the
/// shortest form that parses back to the same bits; NaN as an empty field.
std::string format_csv(const model::BarSeries& bars, const CsvWriteOptions& options = {});

/// Writes bars to a CSV output as core/output_file.hpp says: a file atomically (temporary file +
/// rename), `-` to stdout, a device or FIFO in place.
Status write_csv(const std::filesystem::path& path, const model::BarSeries& bars,
                 const CsvWriteOptions& options = {});

}  // namespace aitp::data
