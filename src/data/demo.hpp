// SPDX-License-Identifier: MIT
// The demo data set: three crypto pairs (1h, with 4h and 1d resampled from it), two equity
// tickers on the NYSE calendar and one forex pair on the forex calendar, each ending with the
// last bar its calendar expects complete at `now` (model::TradingCalendar::last_closed_bar), so
// none is stale at `now`; source "sample". Deterministic given (seed, now). Used by `aitp data gen
// --demo` and the first start of `aitp serve`.
#pragma once

#include <functional>
#include <string>

#include "core/progress.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "data/parquet_store.hpp"

namespace aitp::data {

/// Writes (replacing) every demo series; `on_series` is told each written file and its rows.
/// Conflict, before anything is written, when a demo series exists and was not generated
/// (ParquetStore::write_generated).
Status generate_demo_data(
    const ParquetStore& store, UnixMillis now, std::uint64_t seed,
    const std::function<void(const std::string& path, std::size_t rows)>& on_series = {},
    const ProgressFn& progress = {});

/// Generates one synthetic series of `days` days (of bars) ending with the last bar complete at
/// `now` into the store (the
/// original's "generate sample data"); crypto 24/7, equity/forex on their calendars. Never
/// replaces a series it did not generate: Conflict when the series exists without the
/// generated mark (imported data, or generated data an import merged into).
Status generate_sample_series(const ParquetStore& store, const SeriesKey& key, int days,
                              UnixMillis now, std::uint64_t seed);

}  // namespace aitp::data
