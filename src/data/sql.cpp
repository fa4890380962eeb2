// SPDX-License-Identifier: MIT
#include "data/sql.hpp"

#include <fmt/format.h>

#include "data/duck.hpp"
#include "data/parquet_store.hpp"

namespace aitp::data {

using detail::Duck;
using detail::sql_ident;
using detail::sql_string;

SqlValueKind sql_value_kind(std::string_view t) {
    static constexpr std::string_view kIntegers[] = {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"};
    for (std::string_view i : kIntegers) {
        if (t == i) return SqlValueKind::Integer;
    }
    if (t == "DOUBLE" || t == "FLOAT") return SqlValueKind::Real;
    if (t == "BOOLEAN") return SqlValueKind::Boolean;
    return SqlValueKind::Text;
}

Result<SqlResult> run_sql(const std::filesystem::path& data_dir, const std::string& query,
                          std::size_t max_rows) {
    const ParquetStore store(data_dir);
    AITP_TRY_ASSIGN(const StoreListing listing, store.list_names());
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    std::string ohlcv;
    for (const auto& e : listing.entries) {
        const std::string stem = e.path.stem().string();
        const std::string src = fmt::format("read_parquet({})", sql_string(e.path.string()));
        AITP_TRY(duck.exec(fmt::format("CREATE OR REPLACE TEMP VIEW {} AS SELECT * FROM {}",
                                       sql_ident(stem), src)));
        if (!ohlcv.empty()) ohlcv += " UNION ALL ";
        ohlcv += fmt::format(
            "SELECT {} AS source, {} AS symbol, {} AS timeframe, \"timestamp\"::TIMESTAMPTZ AS "
            "\"timestamp\", \"open\", \"high\", \"low\", \"close\", \"volume\" FROM {}",
            sql_string(e.key.source), sql_string(e.key.symbol.to_string()),
            sql_string(model::timeframe_name(e.key.timeframe)), src);
    }
    if (ohlcv.empty()) {
        ohlcv =
            "SELECT NULL::VARCHAR AS source, NULL::VARCHAR AS symbol, NULL::VARCHAR AS "
            "timeframe, NULL::TIMESTAMPTZ AS \"timestamp\", NULL::DOUBLE AS \"open\", "
            "NULL::DOUBLE AS \"high\", NULL::DOUBLE AS \"low\", NULL::DOUBLE AS \"close\", "
            "NULL::DOUBLE AS \"volume\" WHERE false";
    }
    AITP_TRY(duck.exec("CREATE OR REPLACE TEMP VIEW ohlcv AS " + ohlcv));
    return duck.query_text(query, max_rows);
}

}  // namespace aitp::data
