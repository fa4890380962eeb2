// SPDX-License-Identifier: MIT
// ParquetStore: OHLCV files laid out as the original platform did,
// <data-dir>/processed/{source}_{BASE}_{QUOTE}_{tf}.parquet (tickers: {source}_{TICKER}_{tf}),
// UTC timestamp column and float64 open/high/low/close/volume, snappy-compressed. Writes merge
// with the existing file (dedupe on timestamp keeping the last, sorted) under an exclusive flock
// on `<file>.lock`, and replace the file atomically. Safe to use from several processes; one
// ParquetStore per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "model/timeframe.hpp"

namespace aitp::data {

/// Identifies one stored series.
struct SeriesKey {
    std::string source;  ///< exchange id, "yfinance", "sample", ...; no '_' allowed
    model::Symbol symbol;
    model::Timeframe timeframe;

    /// Returns the file name, e.g. "kraken_BTC_USDT_1h.parquet".
    std::string file_name() const;

    /// Builds and validates a key from CLI-style strings.
    static Result<SeriesKey> make(std::string_view source, std::string_view symbol,
                                  std::string_view timeframe);

    /// Parses a store file name (with or without ".parquet"). The first '_' ends the source,
    /// the last token is the timeframe; between them one token is a ticker (^GSPC) and several
    /// are BASE_QUOTE with the quote last (so bases may contain '_').
    static Result<SeriesKey> parse_file_name(std::string_view name);
};

/// What a listing knows about one file.
struct StoreEntry {
    SeriesKey key;
    std::filesystem::path path;
    std::int64_t rows = 0;
    UnixMillis first = 0;
    UnixMillis last = 0;
    std::uintmax_t size_bytes = 0;
    /// Set when the file could not be read; the other counters are then 0.
    std::optional<std::string> error;
};

/// Files in processed/ whose names do not parse as a series.
struct UnrecognisedFile {
    std::filesystem::path path;
    std::string reason;
};

struct StoreListing {
    std::vector<StoreEntry> entries;  ///< sorted by file name
    std::vector<UnrecognisedFile> unrecognised;
};

struct WriteStats {
    std::int64_t rows_before = 0;
    std::int64_t rows_written = 0;  ///< rows offered by the caller
    std::int64_t rows_after = 0;
};

class ParquetStore {
  public:
    explicit ParquetStore(std::filesystem::path data_dir);

    const std::filesystem::path& data_dir() const { return data_dir_; }
    std::filesystem::path processed_dir() const { return data_dir_ / "processed"; }
    std::filesystem::path path_for(const SeriesKey& key) const;

    /// Reads a series, optionally restricted to from <= ts <= to. NotFound when absent.
    Result<model::BarSeries> read(const SeriesKey& key, std::optional<UnixMillis> from = {},
                                  std::optional<UnixMillis> to = {}) const;

    /// Merges bars into the stored series (creating it when absent). The one gate of imported
    /// data: InvalidArgument, naming the row, for bars model::check_bars refuses (timestamps
    /// outside years 1-9999, prices <= 0 or infinite, high < low, bad volume), and for a merged
    /// series whose spacing does not fit the key's timeframe (model::check_spacing, with the
    /// asset class the key suggests): hourly bars never land in a 4h series.
    Status write(const SeriesKey& key, const model::BarSeries& bars, WriteStats* stats = nullptr,
                 const ProgressFn& progress = {}) const;

    /// Replaces the stored series with bars exactly (no merge, no checks).
    Status replace(const SeriesKey& key, const model::BarSeries& bars) const;

    /// Replaces the stored series with generated (synthetic) bars, marked as generated in the
    /// file's metadata. Conflict when the series exists and is not marked: sample data never
    /// overwrites imported data. A write() into a generated series drops the mark.
    Status write_generated(const SeriesKey& key, const model::BarSeries& bars) const;

    /// Returns OK when the series is absent or was written by write_generated, else Conflict.
    Status check_generated_or_absent(const SeriesKey& key) const;

    /// Removes the temporary files a killed writer left in processed/ and returns them. A
    /// temporary file (`.NAME.tmp-PID-N`, see file_util.hpp) is stale when no process holds the
    /// lock of its target `NAME.lock`: writers hold that lock from before they create the
    /// temporary file until after they rename it, so nobody will ever finish this one.
    Result<std::vector<std::filesystem::path>> remove_stale_temp_files() const;

    /// Lists every series file with rows and time range.
    Result<StoreListing> list() const;

    /// Lists series files by name only (no file is opened); sorted by file name.
    Result<StoreListing> list_names() const;

  private:
    std::filesystem::path data_dir_;
};

/// Reads any Parquet file with a `timestamp` column (TIMESTAMP of any unit, with or without
/// time zone, or integer epoch ms) and float open/high/low/close/volume columns. Rows are
/// sorted and deduplicated (keep last) if the file is not already.
Result<model::BarSeries> read_parquet(const std::filesystem::path& path);

/// Returns the number of rows of a Parquet file from its metadata (no column is read), so a
/// caller can refuse a file too large for it before reading it.
Result<std::int64_t> parquet_row_count(const std::filesystem::path& path);

/// Writes bars to a Parquet file atomically (temporary file + fsync + rename).
Status write_parquet(const std::filesystem::path& path, const model::BarSeries& bars);

}  // namespace aitp::data
