// SPDX-License-Identifier: MIT
#include "data/table_file.hpp"

#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "core/check.hpp"
#include "core/output_file.hpp"
#include "data/duck.hpp"

namespace aitp::data {

using detail::Duck;
using detail::sql_ident;
using detail::sql_string;

bool is_parquet_path(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".parquet" || ext == ".pq";
}

Status write_parquet_table(const std::filesystem::path& path, std::span<const UnixMillis> ts,
                           std::span<const std::string> names,
                           std::span<const std::span<const double>> columns) {
    AITP_CHECK(names.size() == columns.size(), "Condition failed: one name per column");
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    // Temporary tables belong to their connection, so concurrent writers never collide.
    const std::string table = "aitp_write_table";
    std::string create = fmt::format("CREATE TEMP TABLE {} (\"timestamp\" TIMESTAMPTZ", table);
    for (const std::string& name : names) create += fmt::format(", {} DOUBLE", sql_ident(name));
    create += ")";
    AITP_TRY(duck.exec(create));
    Status st = duck.append_columns(table, ts, columns, true);
    if (st) {
        st = write_output_via_file(path, [&](const std::filesystem::path& file) -> Status {
            Status copied =
                duck.exec(fmt::format("COPY {} TO {} (FORMAT parquet, COMPRESSION snappy)", table,
                                      sql_string(file.string())));
            if (!copied) return fail(copied.error().with_context(path.string()));
            return ok_status();
        });
    } else {
        st = fail(st.error().with_context(path.string()));
    }
    (void)duck.exec("DROP TABLE IF EXISTS " + table);
    return st;
}

}  // namespace aitp::data
