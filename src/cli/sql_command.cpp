// SPDX-License-Identifier: MIT
// `aitp sql "<query>"`: DuckDB SQL over the Parquet store, as a table, CSV or JSON, to stdout or
// --output FILE.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/csv_writer.hpp"
#include "core/output_file.hpp"
#include "data/sql.hpp"

namespace aitp::cli {

namespace {

struct SqlOptions {
    std::string query;
    std::string data_dir;
    std::string format = "table";
    std::size_t max_rows = 1000;
    std::string output = "-";
};

std::string csv_field(const std::optional<std::string>& v) { return v ? csv_quote(*v) : ""; }

std::string table_text(const data::SqlResult& r) {
    std::string s;
    auto out = std::back_inserter(s);
    std::vector<std::size_t> width(r.columns.size());
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        width[c] = r.columns[c].size();
        for (const auto& row : r.rows) width[c] = std::max(width[c], row[c] ? row[c]->size() : 4);
    }
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        fmt::format_to(out, "{}{:<{}}", c ? "  " : "", r.columns[c], width[c]);
    }
    s += '\n';
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        fmt::format_to(out, "{}{}", c ? "  " : "", std::string(width[c], '-'));
    }
    s += '\n';
    for (const auto& row : r.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool numeric = r.types[c] == "DOUBLE" || r.types[c] == "BIGINT" ||
                                 r.types[c] == "INTEGER" || r.types[c] == "HUGEINT" ||
                                 r.types[c] == "FLOAT";
            const std::string v = row[c].value_or("NULL");
            if (numeric) {
                fmt::format_to(out, "{}{:>{}}", c ? "  " : "", v, width[c]);
            } else {
                fmt::format_to(out, "{}{:<{}}", c ? "  " : "", v, width[c]);
            }
        }
        s += '\n';
    }
    fmt::format_to(out, "({} row{})\n", r.rows.size(), r.rows.size() == 1 ? "" : "s");
    return s;
}

// One value as JSON of its column's kind (data::sql_value_kind). A value DuckDB printed that the
// kind does not parse (inf, nan, out of range) stays the text DuckDB gave, never a wrong number.
nlohmann::json typed_json(const std::string& type, const std::string& text) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    switch (data::sql_value_kind(type)) {
        case data::SqlValueKind::Integer: {
            std::int64_t i = 0;
            if (auto [p, ec] = std::from_chars(first, last, i); ec == std::errc{} && p == last)
                return i;
            std::uint64_t u = 0;
            if (auto [p, ec] = std::from_chars(first, last, u); ec == std::errc{} && p == last)
                return u;
            break;
        }
        case data::SqlValueKind::Real: {
            double d = 0.0;
            if (auto [p, ec] = std::from_chars(first, last, d);
                ec == std::errc{} && p == last && std::isfinite(d))
                return d;
            break;
        }
        case data::SqlValueKind::Boolean:
            if (text == "true") return true;
            if (text == "false") return false;
            break;
        case data::SqlValueKind::Text:
            break;
    }
    return text;
}

std::string csv_text(const data::SqlResult& r) {
    std::string s;
    const auto row_text = [&s](const auto& fields) {
        for (std::size_t c = 0; c < fields.size(); ++c) {
            if (c > 0) s += ',';
            s += csv_field(fields[c]);
        }
        s += '\n';
    };
    row_text(r.columns);
    for (const auto& row : r.rows) row_text(row);
    return s;
}

std::string json_text(const data::SqlResult& r) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& row : r.rows) {
        nlohmann::json obj = nlohmann::json::object();
        for (std::size_t c = 0; c < row.size(); ++c) {
            obj[r.columns[c]] = row[c] ? typed_json(r.types[c], *row[c]) : nlohmann::json();
        }
        a.push_back(std::move(obj));
    }
    return a.dump(2) + "\n";
}

Status run_sql_command(const SqlOptions& o) {
    AITP_TRY_ASSIGN(const auto r, data::run_sql(o.data_dir, o.query, o.max_rows));
    const std::string text = o.format == "csv"    ? csv_text(r)
                             : o.format == "json" ? json_text(r)
                                                  : table_text(r);
    return write_output(o.output, text);
}

}  // namespace

void add_sql_command(CLI::App& root, CommandContext& ctx) {
    auto o = std::make_shared<SqlOptions>();
    o->data_dir = default_data_dir();
    auto* sub = root.add_subcommand(
        "sql", "DuckDB SQL over the store: views per series (sample_BTC_USDT_1h) and `ohlcv`");
    sub->add_option("query", o->query, "The SQL query")->required();
    sub->add_option("--data-dir", o->data_dir, "Data directory")->capture_default_str();
    sub->add_option("--format", o->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    sub->add_option("--max-rows", o->max_rows, "Print at most this many rows")
        ->capture_default_str();
    sub->add_option("--output", o->output, "Output file, or - for stdout")->capture_default_str();
    set_command(sub, ctx, [o] { return run_sql_command(*o); });
}

}  // namespace aitp::cli
