// SPDX-License-Identifier: MIT
// download: pages OHLCV bars from a Venue into the Parquet store. From `since`, or when absent
// incrementally from the last stored bar (open + timeframe), or with nothing stored from
// `history_days` back (365, the original's history_days); up to `until` (exclusive) or the
// venue's server time. Only closed bars (open + timeframe <= server time) are kept. Bars are
// merged into the store (ParquetStore::write, the store's one merge rule) every `flush_bars`
// bars and at the end, and also before returning an error or a cancellation, so an
// interruption loses at most the unflushed part and a rerun resumes where the store ends with
// nothing duplicated or lost. A page must move the cursor forward, else the download stops with
// an error (a venue that repeats a page or goes backwards cannot loop it). When the venue has
// no such interval (Yahoo 4h) 1h bars are fetched and resampled with data::resample, and only
// complete buckets (bucket open + timeframe <= server time, all its hours fetched) are stored.
// Not thread-safe per venue (adapters are not); one download per venue at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "data/parquet_store.hpp"
#include "exchange/venue.hpp"
#include "model/timeframe.hpp"

namespace aitp::ingest {

/// How far back a first download without `since` reaches (the original's history_days).
inline constexpr int kDefaultHistoryDays = 365;
/// Bars held in memory before they are merged into the store.
inline constexpr std::size_t kDefaultFlushBars = 50'000;

struct DownloadRequest {
    std::string source;  ///< the store's source name, e.g. "binance" (usually the venue's name)
    std::string symbol;  ///< unified, "BTC/USDT", "^GSPC", "EUR/USD"
    model::Timeframe timeframe = model::Timeframe::H1;
    std::optional<UnixMillis> since;  ///< first bar open time (inclusive)
    std::optional<UnixMillis> until;  ///< bar open times before this (exclusive)
    int history_days = kDefaultHistoryDays;
    std::size_t flush_bars = kDefaultFlushBars;
};

struct DownloadStats {
    std::int64_t pages = 0;       ///< OHLCV requests answered
    std::int64_t fetched = 0;     ///< closed bars received in range (after resampling for 4h)
    std::int64_t stored_new = 0;  ///< rows the store did not have before
    std::int64_t flushes = 0;     ///< merges into the store
    UnixMillis first_ts = 0;      ///< first and last bar fetched (0 when none)
    UnixMillis last_ts = 0;
    std::int64_t gaps = 0;  ///< holes between consecutive fetched bars (missing intervals)
    UnixMillis start = 0;   ///< the range asked of the venue [start, end)
    UnixMillis end = 0;
};

/// Runs one download. Errors name the source, symbol and timeframe and say how many bars were
/// stored before the failure; `partial` (optional) receives the stats in every case.
Result<DownloadStats> download(exchange::Venue& venue, const data::ParquetStore& store,
                               const DownloadRequest& request, const WorkControl& work = {},
                               DownloadStats* partial = nullptr);

/// "1,234 new bars (1,300 fetched in 2 pages) 2024-01-01T00:00:00Z .. 2024-02-24T11:00:00Z".
std::string describe(const DownloadStats& stats);

}  // namespace aitp::ingest
