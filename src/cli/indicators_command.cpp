// SPDX-License-Identifier: MIT
// `aitp indicators`: computes a flavour's indicator columns for an OHLCV file and writes them as
// CSV (timestamp + columns, NaN as an empty field, shortest round-trip doubles) to a file or `-`
// for stdout, or as Parquet for a .parquet output; `aitp indicators list` prints the registry.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/csv_writer.hpp"
#include "core/output_file.hpp"
#include "data/bar_file.hpp"
#include "data/table_file.hpp"
#include "indicators/registry.hpp"

namespace aitp::cli {

namespace {

struct IndicatorsOptions {
    std::string input;
    std::string output;
    std::string flavor = "reference";
    std::vector<std::string> only;
};

std::string join(const std::vector<std::string_view>& parts) {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        s += (i == 0 ? "" : ",");
        s += parts[i];
    }
    return s;
}

Status run_list() {
    fmt::print("{:<18} {:<9} {:<10} {:<28} {:<48} {}\n", "name", "flavor", "family", "inputs",
               "params (default [min..max])", "outputs");
    for (const indicators::IndicatorInfo& info : indicators::registry()) {
        std::string params;
        for (const indicators::ParamInfo& p : info.params) {
            params += fmt::format("{}{}={} [{}..{}]", params.empty() ? "" : " ", p.name,
                                  p.default_value, p.min, p.max);
        }
        fmt::print("{:<18} {:<9} {:<10} {:<28} {:<48} {}\n", info.name,
                   indicators::flavor_name(info.flavor), info.family, join(info.inputs),
                   params.empty() ? "-" : params, join(info.outputs));
    }
    return ok_status();
}

Status write_table(const std::filesystem::path& path, std::span<const std::int64_t> ts,
                   const indicators::ColumnTable& table) {
    AITP_TRY_ASSIGN(OutputFile out, OutputFile::open(path));
    CsvWriter w(out);
    w.field(std::string_view("timestamp"));
    for (const std::string& name : table.names) w.field(std::string_view(name));
    w.end_row();
    std::vector<std::span<const double>> columns;
    columns.reserve(table.names.size());
    for (std::size_t k = 0; k < table.names.size(); ++k) columns.push_back(table.column(k));
    for (std::size_t r = 0; r < ts.size(); ++r) {
        w.field(ts[r]);
        for (const auto& column : columns) w.field(column[r]);
        w.end_row();
    }
    AITP_TRY(w.flush());
    return out.commit();
}

Status run_indicators(const IndicatorsOptions& o) {
    if (o.input.empty()) {
        return fail(Error::invalid_argument("indicators: --input is required"));
    }
    if (o.output.empty()) {
        return fail(Error::invalid_argument("indicators: --output is required"));
    }
    AITP_TRY_ASSIGN(const indicators::Flavor flavor, indicators::parse_flavor(o.flavor));
    AITP_TRY_ASSIGN(const model::BarSeries bars, data::read_bar_file(o.input));
    const indicators::SeriesInput in{bars.ts(),  bars.open(),  bars.high(),
                                     bars.low(), bars.close(), bars.volume()};
    auto table = indicators::compute_flavor(flavor, in, o.only);
    if (!table) {
        return fail(table.error().with_context(o.input));
    }
    if (data::is_parquet_path(o.output)) {
        std::vector<std::span<const double>> columns;
        for (std::size_t k = 0; k < table->names.size(); ++k) columns.push_back(table->column(k));
        return data::write_parquet_table(o.output, bars.ts(), table->names, columns);
    }
    return write_table(o.output, bars.ts(), *table);
}

}  // namespace

void add_indicators_command(CLI::App& root, CommandContext& ctx) {
    auto o = std::make_shared<IndicatorsOptions>();
    auto* sub = root.add_subcommand(
        "indicators", "Compute indicator columns for an OHLCV file (or `list` the registry)");
    sub->add_option("--input", o->input, "OHLCV file (.csv or .parquet)");
    sub->add_option("--output", o->output,
                    "Output .csv file, .parquet file (by extension), or - for stdout (CSV)");
    sub->add_option("--flavor", o->flavor, "reference (default), talib or extra");
    sub->add_option("--only", o->only, "Comma-separated indicator or column names")->delimiter(',');
    auto* list = sub->add_subcommand("list", "Print every registered indicator");
    set_command(list, ctx, [] { return run_list(); });
    // CLI11 runs the parent callback after the subcommand's; keep the list result then.
    set_command(sub, ctx, [o, list, &ctx]() -> Status {
        if (list->parsed()) {
            return ctx.result;
        }
        return run_indicators(*o);
    });
}

}  // namespace aitp::cli
