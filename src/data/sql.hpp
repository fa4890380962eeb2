// SPDX-License-Identifier: MIT
// `aitp sql`: DuckDB SQL over the Parquet store. Every stored series is a view named after its
// file stem (sample_BTC_USDT_1h), and the view `ohlcv` unions them all with source, symbol and
// timeframe columns. Thread-compatible (each call opens its own connection).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace aitp::data {

struct SqlResult {
    std::vector<std::string> columns;
    std::vector<std::string> types;
    std::vector<std::vector<std::optional<std::string>>> rows;  ///< text values, NULL as nullopt
};

/// How a column of a DuckDB type is written where values have types (JSON): integers and
/// reals as numbers, booleans as booleans, everything else (text, dates, DECIMAL, HUGEINT,
/// lists) as text. DECIMAL and HUGEINT stay text because a double would change their digits.
enum class SqlValueKind { Integer, Real, Boolean, Text };
SqlValueKind sql_value_kind(std::string_view duckdb_type);

/// Runs one query against the store under data_dir; at most max_rows rows are returned.
/// A query error is InvalidArgument carrying DuckDB's message.
Result<SqlResult> run_sql(const std::filesystem::path& data_dir, const std::string& query,
                          std::size_t max_rows);

}  // namespace aitp::data
