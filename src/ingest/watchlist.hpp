// SPDX-License-Identifier: MIT
// Watchlists: named symbol lists with the venue they come from and the timeframes to keep,
// read from a text file the user edits (config/watchlists.conf is the shipped default, copied
// to <data-dir>/watchlists.conf on first use). Format, one setting a line, '#' comments:
//
//   [crypto]
//   source = kraken
//   timeframes = 1h 4h 1d
//   symbols = BTC/USDT ETH/USDT      # repeatable; names are separated by spaces or commas
//
// refresh() downloads every symbol x timeframe of a list; one series' failure is recorded and
// the others still run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "data/parquet_store.hpp"
#include "exchange/venue.hpp"
#include "ingest/download.hpp"
#include "model/timeframe.hpp"

namespace aitp::ingest {

struct Watchlist {
    std::string name;    ///< "crypto", "equity", "forex", ...
    std::string source;  ///< venue name, "kraken", "yahoo"
    std::vector<model::Timeframe> timeframes;
    std::vector<std::string> symbols;  ///< unified
};

/// Parses watchlist text; errors name `origin`, the line number and the field.
Result<std::vector<Watchlist>> parse_watchlists(std::string_view text, std::string_view origin);
/// Reads and parses a watchlist file.
Result<std::vector<Watchlist>> read_watchlists(const std::filesystem::path& path);
/// The lists shipped with aitp (the text of config/watchlists.conf).
std::string_view default_watchlists_text();
/// Returns <data-dir>/watchlists.conf, writing the shipped lists there first when it is absent.
Result<std::filesystem::path> ensure_watchlist_file(const std::filesystem::path& data_dir);
/// Returns the named lists ("all": every list); NotFound naming the known names otherwise.
Result<std::vector<Watchlist>> select_watchlists(const std::vector<Watchlist>& lists,
                                                 std::string_view name);

/// How one series of a refresh ended.
struct SeriesOutcome {
    std::string source;
    std::string symbol;
    model::Timeframe timeframe = model::Timeframe::H1;
    DownloadStats stats;
    std::optional<std::string> error;  ///< one line; absent when the download succeeded
};

struct RefreshSummary {
    std::vector<SeriesOutcome> series;
    std::int64_t failed() const;
    std::int64_t stored_new() const;
};

/// Downloads every symbol x timeframe of `list` from `venue` (incremental from the store).
/// A failure is recorded in its outcome and the rest go on; a cancellation stops the loop and
/// is returned as the error (the summary so far in `summary`).
Status refresh(const Watchlist& list, exchange::Venue& venue, const data::ParquetStore& store,
               RefreshSummary& summary, const WorkControl& work = {});

}  // namespace aitp::ingest
