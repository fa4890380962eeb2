// SPDX-License-Identifier: MIT
// A thin owner of one DuckDB connection (to a process-wide in-memory database), kept inside the
// data module: no DuckDB type appears here. One Duck per thread; the database is shared.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "data/sql.hpp"
#include "model/bar_series.hpp"

namespace aitp::data::detail {

using TextTable = SqlResult;

class Duck {
  public:
    /// Opens a connection to the process-wide in-memory database (created on first use).
    static Result<Duck> connect();

    Duck(Duck&&) noexcept;
    Duck& operator=(Duck&&) noexcept;
    ~Duck();

    /// Runs statements whose result is not needed.
    Status exec(const std::string& sql);

    /// Runs a query returning (timestamp, DOUBLE x5) and fills a BarSeries. The timestamp may be
    /// TIMESTAMP[_TZ|_NS|_MS|_S] or BIGINT epoch ms. NULL doubles become NaN; a NULL timestamp
    /// is a Corruption error.
    Result<model::BarSeries> query_bars(const std::string& sql);

    /// Appends bars to `table`, whose columns are (TIMESTAMPTZ, DOUBLE x5).
    Status append_bars(const std::string& table, const model::BarSeries& bars);

    /// Appends rows to `table`, whose columns are (TIMESTAMPTZ, DOUBLE x columns.size()): ts in
    /// epoch ms, each column as long as ts; NaN becomes NULL when nan_as_null.
    Status append_columns(const std::string& table, std::span<const UnixMillis> ts,
                          std::span<const std::span<const double>> columns, bool nan_as_null);

    /// Runs any query and returns its result as text, at most max_rows rows.
    Result<TextTable> query_text(const std::string& sql, std::size_t max_rows);

    /// Runs a query with one row of BIGINT columns and returns them (NULL as nullopt).
    Result<std::vector<std::optional<std::int64_t>>> query_int_row(const std::string& sql);

  private:
    struct Impl;
    explicit Duck(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Returns s as an SQL string literal: 'it''s'.
std::string sql_string(std::string_view s);
/// Returns s as a quoted SQL identifier: "a""b".
std::string sql_ident(std::string_view s);

}  // namespace aitp::data::detail
