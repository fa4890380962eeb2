// SPDX-License-Identifier: MIT
// Reading and writing a loose OHLCV file by extension: .csv (see csv.hpp) or .parquet (see
// parquet_store.hpp). Thread-compatible.
#pragma once

#include <filesystem>

#include "core/status.hpp"
#include "model/bar_series.hpp"

namespace aitp::data {

/// Reads bars from FILE.csv or FILE.parquet; errors name the file (and line/column for CSV).
Result<model::BarSeries> read_bar_file(const std::filesystem::path& path);

/// Writes bars to FILE.csv (epoch-ms timestamps) or FILE.parquet, atomically.
Status write_bar_file(const std::filesystem::path& path, const model::BarSeries& bars);

}  // namespace aitp::data
