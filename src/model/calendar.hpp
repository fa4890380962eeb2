// SPDX-License-Identifier: MIT
// New York time and trading calendars, the one home of these rules (the data module's gap
// detection and synthetic bars, the backtest engine's market hours): crypto trades always; NYSE
// equities trade 09:30-16:00 New York time on weekdays except exchange holidays (13:00 closes
// on the usual half days); forex trades from Sunday 17:00 to Friday 17:00 New York time. New
// York time follows US daylight-saving rules (2007 and later; 1987-2006 before). Pure
// functions; thread-safe.
#pragma once

#include <cstdint>

#include "core/time.hpp"
#include "model/symbol.hpp"
#include "model/timeframe.hpp"

namespace aitp::model {

/// Returns the UTC offset of New York at a UTC instant, in milliseconds (-5h or -4h).
std::int64_t new_york_offset_ms(UnixMillis utc);

/// Returns true when y-m-d (a weekday) is an NYSE full-day holiday or special closure.
bool is_nyse_holiday(int year, int month, int day);

/// Returns true when the NYSE trades on day number `days` (days since 1970-01-01).
bool is_nyse_trading_day(std::int64_t days);

/// Returns the NYSE close on a trading day, in minutes after New York midnight (960 or 780).
int nyse_close_minutes(std::int64_t days);

/// The NYSE open, in minutes after New York midnight (09:30).
inline constexpr int kNyseOpenMinutes = 9 * 60 + 30;

/// Returns true when the NYSE regular session is open at a UTC instant: a trading day, from
/// 09:30 New York time to its close (16:00, or 13:00 on a half day), close excluded.
bool is_nyse_open(UnixMillis utc);

class TradingCalendar {
  public:
    explicit TradingCalendar(AssetClass asset_class) : asset_class_(asset_class) {}

    AssetClass asset_class() const { return asset_class_; }

    /// Returns true when a bar [start, start + tf) should exist: the market is open at some
    /// instant inside it. Daily bars are matched to their session date (see session_day()).
    bool expects_bar(UnixMillis start, Timeframe tf) const;

    /// Returns when the bar starting at `start` is complete: start + tf, except an equity daily
    /// bar, complete at its session's close (16:00 or 13:00 New York time).
    UnixMillis bar_close(UnixMillis start, Timeframe tf) const;

    /// Returns the start of the latest bar the calendar expects that is complete at `now`
    /// (bar_close() <= now). Bars start on multiples of tf since the epoch (daily bars at 00:00
    /// UTC), as synthetic and resampled bars do. Examples: at Monday 10:00 UTC an equity 1d
    /// series ends with the previous Friday's bar, a crypto 1h series with the 09:00 bar.
    UnixMillis last_closed_bar(UnixMillis now, Timeframe tf) const;

    /// Returns the start of the first bar after `after` the calendar expects (on the grid of
    /// last_closed_bar()).
    UnixMillis next_bar(UnixMillis after, Timeframe tf) const;

    /// Returns the number of bars the calendar expects strictly between two bars; 0 when
    /// nothing is missing. Sub-multiples of tf (irregular stamps) are floored, as the original.
    std::int64_t missing_between(UnixMillis prev, UnixMillis next, Timeframe tf) const;

    /// Returns the session date of a daily bar: New York date of (ts + 12 h), so stamps at
    /// 00:00 UTC, 00:00 New York and at the open all map to the same trading day.
    static std::int64_t session_day(UnixMillis ts);

  private:
    bool open_during(UnixMillis begin, UnixMillis end) const;
    bool expects_day(std::int64_t days) const;

    AssetClass asset_class_;
};

}  // namespace aitp::model
