// SPDX-License-Identifier: MIT
#include "model/calendar.hpp"

#include <algorithm>
#include <array>

namespace aitp::model {

namespace {

// Day number of the n-th (1-based) given weekday of a month; n = -1 for the last one.
std::int64_t nth_weekday(int year, int month, int weekday, int n) {
    if (n > 0) {
        const std::int64_t first = days_from_civil(year, month, 1);
        const int w = weekday_from_days(first);
        return first + (weekday - w + 7) % 7 + 7 * (n - 1);
    }
    const std::int64_t next_month =
        month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
    const std::int64_t last = next_month - 1;
    const int w = weekday_from_days(last);
    return last - (w - weekday + 7) % 7;
}

// Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
std::int64_t easter_sunday(int y) {
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return days_from_civil(y, month, day);
}

// A fixed-date holiday moved to Friday when on Saturday and to Monday when on Sunday.
std::int64_t observed(int year, int month, int day) {
    const std::int64_t d = days_from_civil(year, month, day);
    const int w = weekday_from_days(d);
    if (w == 6) return d - 1;
    if (w == 0) return d + 1;
    return d;
}

// Unscheduled closures (national days of mourning, weather, 9/11).
constexpr std::array<std::array<int, 3>, 10> kSpecialClosures = {{{2001, 9, 11},
                                                                  {2001, 9, 12},
                                                                  {2001, 9, 13},
                                                                  {2001, 9, 14},
                                                                  {2004, 6, 11},
                                                                  {2007, 1, 2},
                                                                  {2012, 10, 29},
                                                                  {2012, 10, 30},
                                                                  {2018, 12, 5},
                                                                  {2025, 1, 9}}};

// US daylight saving: second Sunday of March to first Sunday of November (2007+), first Sunday
// of April to last Sunday of October (1987-2006); switches at 02:00 local.
bool is_new_york_dst(UnixMillis utc) {
    const CivilTime t = to_civil(utc);
    std::int64_t start = 0;
    std::int64_t end = 0;
    if (t.year >= 2007) {
        start = nth_weekday(t.year, 3, 0, 2);
        end = nth_weekday(t.year, 11, 0, 1);
    } else {
        start = nth_weekday(t.year, 4, 0, 1);
        end = nth_weekday(t.year, 10, 0, -1);
    }
    // 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
    const UnixMillis start_utc = start * kMillisPerDay + 7 * kMillisPerHour;
    const UnixMillis end_utc = end * kMillisPerDay + 6 * kMillisPerHour;
    return utc >= start_utc && utc < end_utc;
}

// UTC instant of New York local time `minutes` after midnight on day number `days`.
UnixMillis new_york_to_utc(std::int64_t days, int minutes) {
    const UnixMillis local = days * kMillisPerDay + minutes * kMillisPerMinute;
    const UnixMillis as_edt = local + 4 * kMillisPerHour;
    return is_new_york_dst(as_edt) ? as_edt : local + 5 * kMillisPerHour;
}

std::int64_t new_york_day(UnixMillis utc) {
    return days_from_millis(utc + new_york_offset_ms(utc));
}

}  // namespace

std::int64_t new_york_offset_ms(UnixMillis utc) {
    return is_new_york_dst(utc) ? -4 * kMillisPerHour : -5 * kMillisPerHour;
}

bool is_nyse_holiday(int year, int month, int day) {
    const std::int64_t d = days_from_civil(year, month, day);
    for (const auto& c : kSpecialClosures) {
        if (c[0] == year && c[1] == month && c[2] == day) return true;
    }
    // New Year's Day: a Saturday holiday is not moved to the Friday before (NYSE rule 7.2).
    const std::int64_t ny = days_from_civil(year, 1, 1);
    if (d == ny && weekday_from_days(ny) != 6) return true;
    if (weekday_from_days(ny) == 0 && d == ny + 1) return true;
    if (year >= 1998 && d == nth_weekday(year, 1, 1, 3)) return true;  // Martin Luther King Jr.
    if (d == nth_weekday(year, 2, 1, 3)) return true;                  // Washington's Birthday
    if (d == easter_sunday(year) - 2) return true;                     // Good Friday
    if (d == nth_weekday(year, 5, 1, -1)) return true;                 // Memorial Day
    if (year >= 2022 && d == observed(year, 6, 19)) return true;       // Juneteenth
    if (d == observed(year, 7, 4)) return true;                        // Independence Day
    if (d == nth_weekday(year, 9, 1, 1)) return true;                  // Labor Day
    if (d == nth_weekday(year, 11, 4, 4)) return true;                 // Thanksgiving
    if (d == observed(year, 12, 25)) return true;                      // Christmas
    return false;
}

bool is_nyse_trading_day(std::int64_t days) {
    const int w = weekday_from_days(days);
    if (w == 0 || w == 6) return false;
    int y = 0, m = 0, d = 0;
    civil_from_days(days, y, m, d);
    return !is_nyse_holiday(y, m, d);
}

int nyse_close_minutes(std::int64_t days) {
    int y = 0, m = 0, d = 0;
    civil_from_days(days, y, m, d);
    constexpr int kEarly = 13 * 60;
    if (days == nth_weekday(y, 11, 4, 4) + 1) return kEarly;  // day after Thanksgiving
    if ((m == 12 && d == 24) || (m == 7 && d == 3)) {
        // Christmas Eve and the day before Independence Day, when they are trading days.
        return kEarly;
    }
    return 16 * 60;
}

bool is_nyse_open(UnixMillis utc) {
    const UnixMillis local = utc + new_york_offset_ms(utc);
    const std::int64_t days = days_from_millis(local);
    if (!is_nyse_trading_day(days)) return false;
    const std::int64_t minute = (local - days * kMillisPerDay) / kMillisPerMinute;
    return minute >= kNyseOpenMinutes && minute < nyse_close_minutes(days);
}

std::int64_t TradingCalendar::session_day(UnixMillis ts) {
    return new_york_day(ts + 12 * kMillisPerHour);
}

bool TradingCalendar::expects_day(std::int64_t days) const {
    switch (asset_class_) {
        case AssetClass::Crypto:
            return true;
        case AssetClass::Equity:
            return is_nyse_trading_day(days);
        case AssetClass::Forex: {
            const int w = weekday_from_days(days);
            return w != 0 && w != 6;
        }
    }
    return true;
}

bool TradingCalendar::open_during(UnixMillis begin, UnixMillis end) const {
    switch (asset_class_) {
        case AssetClass::Crypto:
            return true;
        case AssetClass::Equity: {
            // Sessions of the New York days that can overlap [begin, end).
            for (std::int64_t d = new_york_day(begin) - 1; d <= new_york_day(end - 1); ++d) {
                if (!is_nyse_trading_day(d)) continue;
                const UnixMillis open = new_york_to_utc(d, kNyseOpenMinutes);
                const UnixMillis close = new_york_to_utc(d, nyse_close_minutes(d));
                if (open < end && begin < close) return true;
            }
            return false;
        }
        case AssetClass::Forex: {
            // Closed from Friday 17:00 to Sunday 17:00 New York time.
            for (std::int64_t d = new_york_day(begin) - 2; d <= new_york_day(end - 1); ++d) {
                if (weekday_from_days(d) != 5) continue;
                const UnixMillis close = new_york_to_utc(d, 17 * 60);
                const UnixMillis reopen = new_york_to_utc(d + 2, 17 * 60);
                if (begin >= close && end <= reopen) return false;
            }
            return true;
        }
    }
    return true;
}

bool TradingCalendar::expects_bar(UnixMillis start, Timeframe tf) const {
    if (tf == Timeframe::D1) return expects_day(session_day(start));
    return open_during(start, start + timeframe_millis(tf));
}

std::int64_t TradingCalendar::missing_between(UnixMillis prev, UnixMillis next,
                                              Timeframe tf) const {
    const std::int64_t len = timeframe_millis(tf);
    if (next - prev <= len) return 0;
    if (asset_class_ == AssetClass::Crypto) return (next - prev) / len - 1;
    std::int64_t missing = 0;
    if (tf == Timeframe::D1) {
        const std::int64_t last = session_day(next);
        for (std::int64_t d = session_day(prev) + 1; d < last; ++d)
            missing += expects_day(d) ? 1 : 0;
        return missing;
    }
    for (UnixMillis t = prev + len; t + len <= next; t += len)
        missing += expects_bar(t, tf) ? 1 : 0;
    return missing;
}

}  // namespace aitp::model
