// SPDX-License-Identifier: MIT
// Writing a table of named double columns keyed by epoch-ms timestamps (indicator columns, a
// backtest's equity curve) as Parquet through DuckDB, to any output core/output_file.hpp
// accepts. Thread-safe (each call uses its own DuckDB connection).
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::data {

/// Returns true when path ends in .parquet or .pq (any case).
bool is_parquet_path(const std::filesystem::path& path);

/// Writes a Parquet file with "timestamp" (TIMESTAMP WITH TIME ZONE, from ts in epoch ms) and
/// one DOUBLE column per name, NaN as NULL (the empty field of the CSV outputs).
/// Requires: names.size() == columns.size(), every column as long as ts.
Status write_parquet_table(const std::filesystem::path& path, std::span<const UnixMillis> ts,
                           std::span<const std::string> names,
                           std::span<const std::span<const double>> columns);

}  // namespace aitp::data
