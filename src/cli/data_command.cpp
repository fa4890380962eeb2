// SPDX-License-Identifier: MIT
// `aitp data gen|import|export|ls|info|validate|resample`: the Parquet store from the shell.
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/progress_bar.hpp"
#include "core/clock.hpp"
#include "core/output_file.hpp"
#include "data/bar_file.hpp"
#include "data/csv.hpp"
#include "data/demo.hpp"
#include "data/parquet_store.hpp"
#include "data/quality.hpp"
#include "data/resample.hpp"
#include "data/synthetic.hpp"

namespace aitp::cli {

namespace fs = std::filesystem;

namespace {

// Options naming one stored series.
struct KeyOptions {
    std::string data_dir = default_data_dir();
    std::string source;
    std::string symbol;
    std::string timeframe;

    void add(CLI::App* sub, bool required) {
        sub->add_option("--data-dir", data_dir, "Data directory (holds processed/)")
            ->capture_default_str();
        auto* s = sub->add_option("--source", source, "Source: exchange id, yfinance, sample, ...");
        auto* y = sub->add_option("--symbol", symbol, "BASE/QUOTE or a ticker such as ^GSPC");
        auto* t = sub->add_option("--timeframe", timeframe, "1m 5m 15m 1h 4h 1d");
        if (required) {
            s->required();
            y->required();
            t->required();
        }
    }
    bool is_set() const { return !source.empty() || !symbol.empty(); }
    Result<data::SeriesKey> key() const { return data::SeriesKey::make(source, symbol, timeframe); }
};

Result<std::optional<UnixMillis>> optional_time(const std::string& text, std::string_view what) {
    if (text.empty()) return std::optional<UnixMillis>{};
    auto t = parse_timestamp(text);
    if (!t) return fail(t.error().with_context(what));
    return std::optional<UnixMillis>{*t};
}

// ---- gen ----

struct GenOptions {
    KeyOptions key;
    std::size_t bars = 1000;
    std::uint64_t seed = 1;
    std::string start;
    double start_price = 100.0;
    bool edge_cases = false;
    std::string asset_class;
    std::string output;
    bool demo = false;
};

Status run_demo(const GenOptions& o) {
    const data::ParquetStore store(o.key.data_dir);
    return data::generate_demo_data(
        store, SystemClock::instance().now_ms(), o.seed,
        [](const std::string& path, std::size_t rows) { fmt::print("{}: {} bars\n", path, rows); });
}

Status run_gen(const GenOptions& o) {
    if (o.demo) return run_demo(o);
    if (o.key.timeframe.empty() || (o.output.empty() && o.key.symbol.empty())) {
        return fail(
            Error::invalid_argument("--timeframe and either --symbol (store) or --output (file) "
                                    "are required, or use --demo"));
    }
    data::SyntheticParams p;
    p.bars = o.bars;
    p.seed = o.seed;
    AITP_TRY_ASSIGN(p.timeframe, model::parse_timeframe(o.key.timeframe));
    if (!o.start.empty()) {
        AITP_TRY_ASSIGN(p.start, parse_timestamp(o.start));
    }
    p.start_price = o.start_price;
    p.edge_cases = o.edge_cases;
    if (!o.asset_class.empty()) {
        AITP_TRY_ASSIGN(p.calendar, model::parse_asset_class(o.asset_class));
    }
    AITP_TRY_ASSIGN(const auto bars, data::generate_bars(p));
    if (!o.output.empty()) {
        AITP_TRY(data::write_bar_file(o.output, bars));
        fmt::print("wrote {} bars to {}\n", bars.size(), o.output);
        return ok_status();
    }
    const std::string source = o.key.source.empty() ? "sample" : o.key.source;
    AITP_TRY_ASSIGN(const auto key, data::SeriesKey::make(source, o.key.symbol, o.key.timeframe));
    const data::ParquetStore store(o.key.data_dir);
    AITP_TRY(store.write_generated(key, bars));
    fmt::print("wrote {} bars to {}\n", bars.size(), store.path_for(key).string());
    return ok_status();
}

void add_gen(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<GenOptions>();
    auto* sub = data->add_subcommand("gen", "Generate synthetic OHLCV (regime-switching GBM)");
    o->key.add(sub, false);
    sub->add_option("--bars", o->bars, "Number of bars")->capture_default_str();
    sub->add_option("--seed", o->seed, "Random seed")->capture_default_str();
    sub->add_option("--start", o->start, "First bar, epoch ms or ISO-8601 (default 2024-01-01)");
    sub->add_option("--start-price", o->start_price, "First price")->capture_default_str();
    sub->add_flag("--edge-cases", o->edge_cases, "Inject a flat run, zero volume and extreme gaps");
    sub->add_option("--asset-class", o->asset_class,
                    "Follow this market's calendar (equity: NYSE sessions; forex: weekdays)");
    sub->add_option("--output", o->output, "Write a loose .csv/.parquet file instead of the store");
    sub->add_flag("--demo", o->demo, "Generate the demo data set into the store");
    set_command(sub, ctx, [o] { return run_gen(*o); });
}

// ---- import ----

struct ImportOptions {
    KeyOptions key;
    std::vector<std::string> files;
};

Status run_import(const ImportOptions& o) {
    AITP_TRY_ASSIGN(const auto key, o.key.key());
    const data::ParquetStore store(o.key.data_dir);
    AITP_TRY_ASSIGN(const auto stale, store.remove_stale_temp_files());
    for (const auto& f : stale) {
        fmt::print(stderr, "removed {} (left by an interrupted write)\n", f.filename().string());
    }
    for (const auto& file : o.files) {
        ProgressBar bar(fmt::format("import {}", fs::path(file).filename().string()));
        data::CsvReadOptions ro;
        ro.progress = [&bar](double f, std::string_view s) { bar.update(0.8 * f, s); };
        Result<model::BarSeries> bars = fs::path(file).extension() == ".csv"
                                            ? data::read_csv(file, ro)
                                            : data::read_bar_file(file);
        if (!bars) return fail(bars.error());
        data::WriteStats stats;
        if (Status st =
                store.write(key, *bars, &stats,
                            [&bar](double f, std::string_view s) { bar.update(0.8 + 0.2 * f, s); });
            !st) {
            return fail(st.error().with_context(file));
        }
        bar.update(1.0, "done");
        bar.finish(stats.rows_written, "rows");
        fmt::print("imported {} rows from {} into {} ({} rows before, {} after)\n",
                   stats.rows_written, file, store.path_for(key).string(), stats.rows_before,
                   stats.rows_after);
    }
    return ok_status();
}

void add_import(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<ImportOptions>();
    auto* sub =
        data->add_subcommand("import", "Import CSV/Parquet files into the store (merge, dedupe)");
    o->key.add(sub, true);
    sub->add_option("files", o->files, "CSV or Parquet files")->required();
    set_command(sub, ctx, [o] { return run_import(*o); });
}

// ---- export ----

struct ExportOptions {
    KeyOptions key;
    std::string output;
    std::string start;
    std::string end;
    bool iso = false;
};

Status run_export(const ExportOptions& o) {
    AITP_TRY_ASSIGN(const auto key, o.key.key());
    AITP_TRY_ASSIGN(const auto from, optional_time(o.start, "--start"));
    AITP_TRY_ASSIGN(const auto to, optional_time(o.end, "--end"));
    const data::ParquetStore store(o.key.data_dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key, from, to));
    // CSV for .csv, stdout, a FIFO or a device (/dev/stdout); otherwise by extension.
    AITP_TRY_ASSIGN(const OutputKind kind, output_kind(o.output));
    if (fs::path(o.output).extension() == ".csv" || kind != OutputKind::Replace) {
        data::CsvWriteOptions wo;
        wo.iso_timestamps = o.iso;
        AITP_TRY(data::write_csv(o.output, bars, wo));
    } else {
        AITP_TRY(data::write_bar_file(o.output, bars));
    }
    if (o.output != "-") fmt::print(stderr, "exported {} rows to {}\n", bars.size(), o.output);
    return ok_status();
}

void add_export(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<ExportOptions>();
    auto* sub = data->add_subcommand("export", "Export a stored series to CSV or Parquet");
    o->key.add(sub, true);
    sub->add_option("--output", o->output, "Output .csv or .parquet file, or - for stdout (CSV)")
        ->required();
    sub->add_option("--start", o->start, "First timestamp (inclusive), epoch ms or ISO-8601");
    sub->add_option("--end", o->end, "Last timestamp (inclusive), epoch ms or ISO-8601");
    sub->add_flag("--iso", o->iso, "Write ISO-8601 timestamps instead of epoch ms");
    set_command(sub, ctx, [o] { return run_export(*o); });
}

// ---- ls ----

struct LsOptions {
    std::string data_dir = default_data_dir();
    bool json = false;
};

Status run_ls(const LsOptions& o) {
    const data::ParquetStore store(o.data_dir);
    AITP_TRY_ASSIGN(const auto listing, store.list());
    if (o.json) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& e : listing.entries) {
            nlohmann::json j{{"source", e.key.source},
                             {"symbol", e.key.symbol.to_string()},
                             {"timeframe", model::timeframe_name(e.key.timeframe)},
                             {"rows", e.rows},
                             {"path", e.path.string()},
                             {"size_bytes", e.size_bytes}};
            j["first"] =
                e.rows > 0 ? nlohmann::json(format_iso8601(e.first)) : nlohmann::json(nullptr);
            j["last"] =
                e.rows > 0 ? nlohmann::json(format_iso8601(e.last)) : nlohmann::json(nullptr);
            if (e.error) j["error"] = *e.error;
            a.push_back(std::move(j));
        }
        fmt::print("{}\n", a.dump(2));
        return ok_status();
    }
    fmt::print("{:<10} {:<14} {:<4} {:>9} {:<20} {:<20} {:>10}\n", "SOURCE", "SYMBOL", "TF", "ROWS",
               "FIRST", "LAST", "BYTES");
    for (const auto& e : listing.entries) {
        if (e.error) {
            fmt::print("{:<10} {:<14} {:<4} unreadable: {}\n", e.key.source,
                       e.key.symbol.to_string(), model::timeframe_name(e.key.timeframe), *e.error);
            continue;
        }
        fmt::print("{:<10} {:<14} {:<4} {:>9} {:<20} {:<20} {:>10}\n", e.key.source,
                   e.key.symbol.to_string(), model::timeframe_name(e.key.timeframe), e.rows,
                   format_iso8601(e.first), format_iso8601(e.last), e.size_bytes);
    }
    for (const auto& u : listing.unrecognised) {
        fmt::print(stderr, "note: ignored {}: {}\n", u.path.filename().string(), u.reason);
    }
    if (listing.entries.empty()) fmt::print(stderr, "no series in {}/processed\n", o.data_dir);
    return ok_status();
}

void add_ls(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<LsOptions>();
    auto* sub = data->add_subcommand("ls", "List stored series with rows and time range");
    sub->add_option("--data-dir", o->data_dir, "Data directory")->capture_default_str();
    sub->add_flag("--json", o->json, "Print JSON");
    set_command(sub, ctx, [o] { return run_ls(*o); });
}

// ---- info ----

struct InfoOptions {
    KeyOptions key;
    std::string file;
};

Status run_info(const InfoOptions& o) {
    model::BarSeries bars;
    std::string name = o.file;
    if (!o.file.empty()) {
        AITP_TRY_ASSIGN(bars, data::read_bar_file(o.file));
    } else {
        AITP_TRY_ASSIGN(const auto key, o.key.key());
        const data::ParquetStore store(o.key.data_dir);
        name = store.path_for(key).string();
        AITP_TRY_ASSIGN(bars, store.read(key));
    }
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    double vol = 0.0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        lo = std::min(lo, bars.low()[i]);
        hi = std::max(hi, bars.high()[i]);
        vol += bars.volume()[i];
    }
    nlohmann::json j{{"file", name}, {"rows", bars.size()}};
    if (!bars.is_empty()) {
        j["first"] = format_iso8601(bars.ts().front());
        j["last"] = format_iso8601(bars.ts().back());
        j["first_close"] = bars.close().front();
        j["last_close"] = bars.close().back();
        j["lowest_low"] = lo;
        j["highest_high"] = hi;
        j["total_volume"] = vol;
    }
    fmt::print("{}\n", j.dump(2));
    return ok_status();
}

void add_info(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<InfoOptions>();
    auto* sub = data->add_subcommand("info", "Summarise a stored series or a loose file");
    o->key.add(sub, false);
    sub->add_option("file", o->file, "A loose .csv/.parquet file (instead of a stored series)");
    set_command(sub, ctx, [o] { return run_info(*o); });
}

// ---- validate ----

struct ValidateOptions {
    KeyOptions key;
    std::string file;
    std::string asset_class;
    double max_stale_hours = -1.0;
    double spike = 0.20;
    bool all = false;
    bool fail_on_issues = false;
};

Result<data::QualityOptions> quality_options(const ValidateOptions& o, const data::SeriesKey* key,
                                             model::Timeframe tf) {
    data::QualityOptions q;
    q.timeframe = tf;
    q.spike_threshold = o.spike;
    if (o.max_stale_hours >= 0.0) q.max_stale_hours = o.max_stale_hours;
    if (key != nullptr) {
        q.source = key->source;
        q.symbol = key->symbol.to_string();
        q.asset_class = key->symbol.guess_asset_class(key->source);
    }
    if (!o.asset_class.empty()) {
        AITP_TRY_ASSIGN(q.asset_class, model::parse_asset_class(o.asset_class));
    }
    return q;
}

Status run_validate(const ValidateOptions& o, CommandContext& ctx) {
    std::vector<data::QualityReport> reports;
    const Clock& clock = SystemClock::instance();
    if (!o.file.empty()) {
        if (o.key.timeframe.empty()) {
            return fail(
                Error::invalid_argument("--timeframe is required to validate a loose file"));
        }
        AITP_TRY_ASSIGN(const auto tf, model::parse_timeframe(o.key.timeframe));
        data::CsvReadOptions ro;
        ro.require_sorted = false;  // unsorted rows and bad bars are reported, not rejected
        ro.check_bars = false;
        Result<model::BarSeries> bars = fs::path(o.file).extension() == ".csv"
                                            ? data::read_csv(o.file, ro)
                                            : data::read_bar_file(o.file);
        if (!bars) return fail(bars.error());
        AITP_TRY_ASSIGN(auto q, quality_options(o, nullptr, tf));
        q.symbol = fs::path(o.file).filename().string();
        reports.push_back(data::check_quality(*bars, q, clock));
    } else {
        const data::ParquetStore store(o.key.data_dir);
        std::vector<data::SeriesKey> keys;
        if (o.all || !o.key.is_set()) {
            AITP_TRY_ASSIGN(const auto listing, store.list_names());
            for (const auto& e : listing.entries) keys.push_back(e.key);
        } else {
            AITP_TRY_ASSIGN(auto key, o.key.key());
            keys.push_back(std::move(key));
        }
        const bool one_named = keys.size() == 1 && !o.all && o.key.is_set();
        for (const auto& key : keys) {
            AITP_TRY_ASSIGN(const auto q, quality_options(o, &key, key.timeframe));
            auto bars = store.read(key);
            if (!bars && one_named) return fail(bars.error());
            // One unreadable file is reported in its place; the others are still validated.
            reports.push_back(bars ? data::check_quality(*bars, q, clock)
                                   : data::unreadable_report(q, bars.error().message()));
        }
    }
    bool passed = true;
    std::string out = reports.size() == 1 ? "" : "[\n";
    for (std::size_t i = 0; i < reports.size(); ++i) {
        passed = passed && reports[i].passed;
        out += data::quality_report_json(reports[i]);
        if (reports.size() != 1) out += i + 1 < reports.size() ? ",\n" : "\n";
    }
    if (reports.size() != 1) out += "]";
    fmt::print("{}\n", out);
    if (o.fail_on_issues && !passed) ctx.success_exit_code = 5;
    return ok_status();
}

void add_validate(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<ValidateOptions>();
    auto* sub = data->add_subcommand("validate",
                                     "Data-quality report (JSON): gaps, spikes, zero volume, ...");
    o->key.add(sub, false);
    sub->add_option("file", o->file, "A loose .csv/.parquet file (needs --timeframe)");
    sub->add_option("--asset-class", o->asset_class, "crypto, equity or forex (calendar for gaps)");
    sub->add_option("--max-stale-hours", o->max_stale_hours,
                    "Stale threshold (default per asset class)");
    sub->add_option("--spike", o->spike, "Flag single-bar moves above this fraction")
        ->capture_default_str();
    sub->add_flag("--all", o->all, "Validate every stored series");
    sub->add_flag("--fail-on-issues", o->fail_on_issues, "Exit with 5 when any report has issues");
    set_command(sub, ctx, [o, &ctx] { return run_validate(*o, ctx); });
}

// ---- resample ----

struct ResampleOptions {
    KeyOptions key;
    std::string to;
    std::string input;
    std::string output;
};

Status run_resample(const ResampleOptions& o) {
    AITP_TRY_ASSIGN(const auto target, model::parse_timeframe(o.to));
    if (!o.input.empty()) {
        if (o.output.empty())
            return fail(Error::invalid_argument("--output is required with --input"));
        AITP_TRY_ASSIGN(const auto bars, data::read_bar_file(o.input));
        AITP_TRY_ASSIGN(const auto out, data::resample(bars, target));
        AITP_TRY(data::write_bar_file(o.output, out));
        fmt::print("resampled {} bars to {} {} bars in {}\n", bars.size(), out.size(), o.to,
                   o.output);
        return ok_status();
    }
    AITP_TRY_ASSIGN(auto key, o.key.key());
    const data::ParquetStore store(o.key.data_dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key));
    AITP_TRY_ASSIGN(const auto out, data::resample(bars, target));
    key.timeframe = target;
    data::WriteStats stats;
    AITP_TRY(store.write(key, out, &stats));
    fmt::print("resampled {} bars to {} bars in {}\n", bars.size(), stats.rows_after,
               store.path_for(key).string());
    return ok_status();
}

void add_resample(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<ResampleOptions>();
    auto* sub = data->add_subcommand("resample", "Resample to a coarser timeframe (UTC buckets)");
    o->key.add(sub, false);
    sub->add_option("--to", o->to, "Target timeframe")->required();
    sub->add_option("--input", o->input, "A loose input file instead of a stored series");
    sub->add_option("--output", o->output, "Output file (with --input)");
    set_command(sub, ctx, [o] { return run_resample(*o); });
}

}  // namespace

void add_data_command(CLI::App& root, CommandContext& ctx) {
    auto* data = root.add_subcommand(
        "data", "Market data: generate, import, export, list, validate, download, refresh");
    data->require_subcommand(1);
    add_gen(data, ctx);
    add_import(data, ctx);
    add_export(data, ctx);
    add_ls(data, ctx);
    add_info(data, ctx);
    add_validate(data, ctx);
    add_resample(data, ctx);
#ifdef AITP_HAVE_DOWNLOAD
    add_download_commands(data, ctx);
#endif
}

}  // namespace aitp::cli
