// SPDX-License-Identifier: MIT
#include "data/parquet_store.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "core/output_file.hpp"
#include "data/duck.hpp"
#include "data/file_util.hpp"
#include "model/bar_check.hpp"

namespace aitp::data {

namespace fs = std::filesystem;
using detail::Duck;
using detail::sql_string;

namespace {

Status check_source(std::string_view source) {
    if (source.empty()) return fail(Error::invalid_argument("source must not be empty"));
    return model::check_name_part("source", source, source, "-.");
}

// pandas metadata, so that pandas.read_parquet restores the UTC DatetimeIndex named
// "timestamp" exactly as the original's save_ohlcv wrote it.
constexpr std::string_view kPandasMetadata =
    R"({"index_columns": ["timestamp"], "column_indexes": [{"name": null, "field_name": null, )"
    R"("pandas_type": "unicode", "numpy_type": "object", "metadata": {"encoding": "UTF-8"}}], )"
    R"("columns": [{"name": "open", "field_name": "open", "pandas_type": "float64", "numpy_type": "float64", "metadata": null}, )"
    R"({"name": "high", "field_name": "high", "pandas_type": "float64", "numpy_type": "float64", "metadata": null}, )"
    R"({"name": "low", "field_name": "low", "pandas_type": "float64", "numpy_type": "float64", "metadata": null}, )"
    R"({"name": "close", "field_name": "close", "pandas_type": "float64", "numpy_type": "float64", "metadata": null}, )"
    R"({"name": "volume", "field_name": "volume", "pandas_type": "float64", "numpy_type": "float64", "metadata": null}, )"
    R"({"name": "timestamp", "field_name": "timestamp", "pandas_type": "datetimetz", "numpy_type": "datetime64[us]", "metadata": {"timezone": "UTC"}}], )"
    R"("creator": {"library": "aitp", "version": "0.1.0"}, "pandas_version": "2.2.3"})";

// The Parquet key-value metadata entry marking a series written by write_generated.
constexpr std::string_view kGeneratedKey = "aitp_generated";

Status write_parquet_file(const fs::path& path, const model::BarSeries& bars, bool generated);
Result<bool> has_generated_marker(const fs::path& path);

// Timestamps outside years 1-9999 are refused, naming the row: they would wrap when scaled to
// the microseconds Parquet stores.
Status check_times(const model::BarSeries& bars, const fs::path& path) {
    const auto ts = bars.ts();
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (!is_supported_time(ts[i])) {
            return fail(Error::invalid_argument(
                fmt::format("{}: row {}: column timestamp: {} ms is outside years 1-9999",
                            path.string(), i, ts[i])));
        }
    }
    return ok_status();
}

}  // namespace

std::string SeriesKey::file_name() const {
    return fmt::format("{}_{}_{}.parquet", source, symbol.file_stem(),
                       model::timeframe_name(timeframe));
}

Result<SeriesKey> SeriesKey::make(std::string_view source, std::string_view symbol,
                                  std::string_view timeframe) {
    AITP_TRY(check_source(source));
    AITP_TRY_ASSIGN(auto sym, model::Symbol::parse(symbol));
    AITP_TRY_ASSIGN(auto tf, model::parse_timeframe(timeframe));
    return SeriesKey{std::string(source), std::move(sym), tf};
}

Result<SeriesKey> SeriesKey::parse_file_name(std::string_view name) {
    constexpr std::string_view kExt = ".parquet";
    if (name.size() > kExt.size() && name.substr(name.size() - kExt.size()) == kExt) {
        name.remove_suffix(kExt.size());
    }
    const auto first = name.find('_');
    const auto last = name.rfind('_');
    if (first == std::string_view::npos || first == last) {
        return fail(
            Error::invalid_argument(fmt::format("'{}' is not {{source}}_{{SYMBOL}}_{{tf}}", name)));
    }
    const auto source = name.substr(0, first);
    const auto middle = name.substr(first + 1, last - first - 1);
    const auto tf = name.substr(last + 1);
    std::string symbol(middle);
    if (const auto q = middle.rfind('_'); q != std::string_view::npos) symbol[q] = '/';
    return make(source, symbol, tf);
}

ParquetStore::ParquetStore(fs::path data_dir) : data_dir_(std::move(data_dir)) {}

fs::path ParquetStore::path_for(const SeriesKey& key) const {
    return processed_dir() / key.file_name();
}

Result<model::BarSeries> ParquetStore::read(const SeriesKey& key, std::optional<UnixMillis> from,
                                            std::optional<UnixMillis> to) const {
    const fs::path path = path_for(key);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        return fail(Error::not_found(fmt::format(
            "no stored series {} {} {} (expected {})", key.source, key.symbol.to_string(),
            model::timeframe_name(key.timeframe), path.string())));
    }
    AITP_TRY_ASSIGN(auto bars, read_parquet(path));
    if (!from && !to) return bars;
    return bars.slice_time(from.value_or(INT64_MIN), to.value_or(INT64_MAX));
}

Status ParquetStore::write(const SeriesKey& key, const model::BarSeries& bars, WriteStats* stats,
                           const ProgressFn& progress) const {
    std::error_code ec;
    fs::create_directories(processed_dir(), ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("{}: cannot create directory: {}",
                                                processed_dir().string(), ec.message())));
    }
    AITP_TRY(model::check_bars(bars));
    const fs::path path = path_for(key);
    AITP_TRY_ASSIGN(FileLock lock, FileLock::acquire(fs::path(path.string() + ".lock")));
    if (progress) progress(0.0, "merge");
    model::BarSeries merged;
    if (fs::exists(path, ec)) {
        auto existing = read_parquet(path);
        if (!existing) {
            return fail(existing.error().with_context(
                "refusing to overwrite a stored file that cannot be read"));
        }
        merged = std::move(*existing);
    }
    const auto before = static_cast<std::int64_t>(merged.size());
    merged.append(bars);
    merged.sort_dedupe_keep_last();
    if (Status st =
            model::check_spacing(merged, key.timeframe, key.symbol.guess_asset_class(key.source));
        !st) {
        return fail(st.error().with_context(fmt::format("{} {} bars", key.symbol.to_string(),
                                                        model::timeframe_name(key.timeframe))));
    }
    if (progress) progress(0.5, "write");
    AITP_TRY(write_parquet(path, merged));
    if (progress) progress(1.0, "write");
    if (stats != nullptr) {
        *stats = {before, static_cast<std::int64_t>(bars.size()),
                  static_cast<std::int64_t>(merged.size())};
    }
    return ok_status();
}

Status ParquetStore::replace(const SeriesKey& key, const model::BarSeries& bars) const {
    std::error_code ec;
    fs::create_directories(processed_dir(), ec);
    const fs::path path = path_for(key);
    AITP_TRY_ASSIGN(FileLock lock, FileLock::acquire(fs::path(path.string() + ".lock")));
    return write_parquet(path, bars);
}

Status ParquetStore::check_generated_or_absent(const SeriesKey& key) const {
    const fs::path path = path_for(key);
    std::error_code ec;
    if (!fs::exists(path, ec)) return ok_status();
    AITP_TRY_ASSIGN(const bool generated, has_generated_marker(path));
    if (generated) return ok_status();
    return fail(Error::conflict(fmt::format(
        "refusing to replace {}: it holds data that was not generated (imported or merged); "
        "delete the file or generate under another source",
        key.file_name())));
}

Status ParquetStore::write_generated(const SeriesKey& key, const model::BarSeries& bars) const {
    std::error_code ec;
    fs::create_directories(processed_dir(), ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("{}: cannot create directory: {}",
                                                processed_dir().string(), ec.message())));
    }
    const fs::path path = path_for(key);
    AITP_TRY_ASSIGN(FileLock lock, FileLock::acquire(fs::path(path.string() + ".lock")));
    AITP_TRY(check_generated_or_absent(key));  // under the lock: no import can slip in
    return write_parquet_file(path, bars, true);
}

Result<std::vector<fs::path>> ParquetStore::remove_stale_temp_files() const {
    std::vector<fs::path> removed;
    std::error_code ec;
    if (!fs::is_directory(processed_dir(), ec)) return removed;
    std::vector<fs::path> temps;
    for (const auto& de : fs::directory_iterator(processed_dir(), ec)) {
        if (de.is_regular_file(ec) && temp_target_name(de.path().filename().string())) {
            temps.push_back(de.path());
        }
    }
    if (ec)
        return fail(Error::io_error(fmt::format("{}: {}", processed_dir().string(), ec.message())));
    std::sort(temps.begin(), temps.end());
    for (const auto& temp : temps) {
        const fs::path target = processed_dir() / *temp_target_name(temp.filename().string());
        // A writer holds the target's lock from before it creates its temporary file until
        // after the rename: when the lock is free, no live process will ever rename this one.
        AITP_TRY_ASSIGN(std::optional<FileLock> lock,
                        FileLock::try_acquire(fs::path(target.string() + ".lock")));
        if (!lock) continue;
        if (fs::remove(temp, ec)) removed.push_back(temp);
    }
    return removed;
}

Result<StoreListing> ParquetStore::list_names() const {
    StoreListing listing;
    std::error_code ec;
    if (!fs::is_directory(processed_dir(), ec)) return listing;
    std::vector<fs::path> files;
    for (const auto& de : fs::directory_iterator(processed_dir(), ec)) {
        const std::string name = de.path().filename().string();
        if (!de.is_regular_file() || name.front() == '.' || de.path().extension() != ".parquet")
            continue;
        files.push_back(de.path());
    }
    if (ec)
        return fail(Error::io_error(fmt::format("{}: {}", processed_dir().string(), ec.message())));
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        auto key = SeriesKey::parse_file_name(path.filename().string());
        if (!key) {
            listing.unrecognised.push_back({path, key.error().message()});
            continue;
        }
        listing.entries.push_back(
            {std::move(*key), path, 0, 0, 0, fs::file_size(path, ec), std::nullopt});
    }
    return listing;
}

Result<StoreListing> ParquetStore::list() const {
    AITP_TRY_ASSIGN(StoreListing listing, list_names());
    if (listing.entries.empty()) return listing;
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    for (auto& e : listing.entries) {
        auto row = duck.query_int_row(
            fmt::format("SELECT count(*), epoch_ms(min(\"timestamp\")::TIMESTAMP), "
                        "epoch_ms(max(\"timestamp\")::TIMESTAMP) FROM read_parquet({})",
                        sql_string(e.path.string())));
        if (!row || row->size() != 3) {
            e.error = row ? "unexpected result" : row.error().message();
        } else {
            e.rows = (*row)[0].value_or(0);
            e.first = (*row)[1].value_or(0);
            e.last = (*row)[2].value_or(0);
        }
    }
    return listing;
}

Result<model::BarSeries> read_parquet(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail(Error::not_found(fmt::format("{}: no such file", path.string())));
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    auto bars = duck.query_bars(
        fmt::format("SELECT \"timestamp\", \"open\"::DOUBLE, \"high\"::DOUBLE, "
                    "\"low\"::DOUBLE, \"close\"::DOUBLE, \"volume\"::DOUBLE FROM read_parquet({})",
                    sql_string(path.string())));
    if (!bars) return fail(bars.error().with_context(path.string()));
    AITP_TRY(check_times(*bars, path));
    bars->sort_dedupe_keep_last();
    return bars;
}

Result<std::int64_t> parquet_row_count(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail(Error::not_found(fmt::format("{}: no such file", path.string())));
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    auto row = duck.query_int_row(fmt::format(
        "SELECT sum(num_rows)::BIGINT FROM parquet_file_metadata({})", sql_string(path.string())));
    if (!row) return fail(row.error().with_context(path.string()));
    if (row->size() != 1) return fail(Error::corruption(path.string() + ": no row count"));
    return (*row)[0].value_or(0);
}

Status write_parquet(const fs::path& path, const model::BarSeries& bars) {
    return write_parquet_file(path, bars, false);
}

namespace {

Status write_parquet_file(const fs::path& path, const model::BarSeries& bars, bool generated) {
    AITP_TRY(check_times(bars, path));
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    // Temporary tables belong to their connection, so concurrent writers never collide.
    const std::string table = "aitp_write_bars";
    AITP_TRY(duck.exec(fmt::format(
        "CREATE TEMP TABLE {} (\"timestamp\" TIMESTAMPTZ, \"open\" DOUBLE, \"high\" DOUBLE, "
        "\"low\" DOUBLE, \"close\" DOUBLE, \"volume\" DOUBLE)",
        table)));
    Status st = duck.append_bars(table, bars);
    if (st) {
        st = write_output_via_file(path, [&](const fs::path& file) -> Status {
            Status copied = duck.exec(fmt::format(
                "COPY {} TO {} (FORMAT parquet, COMPRESSION snappy, KV_METADATA {{pandas: {}{}}})",
                table, sql_string(file.string()), sql_string(kPandasMetadata),
                generated ? fmt::format(", {}: 'synthetic'", kGeneratedKey) : std::string()));
            if (!copied) return fail(copied.error().with_context(path.string()));
            return ok_status();
        });
    } else {
        st = fail(st.error().with_context(path.string()));
    }
    (void)duck.exec("DROP TABLE IF EXISTS " + table);
    return st;
}

Result<bool> has_generated_marker(const fs::path& path) {
    AITP_TRY_ASSIGN(Duck duck, Duck::connect());
    auto row = duck.query_int_row(
        fmt::format("SELECT count(*) FROM parquet_kv_metadata({}) WHERE decode(key) = '{}'",
                    sql_string(path.string()), kGeneratedKey));
    if (!row) return fail(row.error().with_context(path.string()));
    return !row->empty() && (*row)[0].value_or(0) > 0;
}

}  // namespace

}  // namespace aitp::data
