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
// of April to last Sunday of October (1987-2006); switches at 02:00 local. `start` and `end`
// are the day numbers of the two Sundays of a year.
struct DstWindow {
    std::int64_t start = 0;
    std::int64_t end = 0;
};

DstWindow dst_window(int year) {
    if (year >= 2007) return {nth_weekday(year, 3, 0, 2), nth_weekday(year, 11, 0, 1)};
    return {nth_weekday(year, 4, 0, 1), nth_weekday(year, 10, 0, -1)};
}

bool is_new_york_dst(UnixMillis utc) {
    const DstWindow w = dst_window(to_civil(utc).year);
    // 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
    const UnixMillis start_utc = w.start * kMillisPerDay + 7 * kMillisPerHour;
    const UnixMillis end_utc = w.end * kMillisPerDay + 6 * kMillisPerHour;
    return utc >= start_utc && utc < end_utc;
}

// A weekday (Monday to Friday) between the two Sundays is on daylight time all day long (the
// switches happen on Sunday nights).
bool is_dst_weekday(std::int64_t days, const DstWindow& w) {
    return w.start < days && days < w.end;
}

// A few day numbers of one year (holidays, early closes), sorted.
class DayList {
  public:
    void add(std::int64_t d) {
        if (size_ < days_.size()) days_[size_++] = d;
    }
    void sort() { std::sort(days_.begin(), days_.begin() + static_cast<std::ptrdiff_t>(size_)); }
    bool contains(std::int64_t d) const { return std::find(begin(), end(), d) != end(); }
    const std::int64_t* begin() const { return days_.data(); }
    const std::int64_t* end() const { return days_.data() + size_; }

  private:
    std::array<std::int64_t, 24> days_{};
    std::size_t size_ = 0;
};

int year_of_day(std::int64_t days) {
    int y = 0, m = 0, d = 0;
    civil_from_days(days, y, m, d);
    return y;
}

// The one list of NYSE full-day closures of a year (some may fall on a weekend).
DayList nyse_holidays(int year) {
    DayList out;
    for (const auto& c : kSpecialClosures) {
        if (c[0] == year) out.add(days_from_civil(c[0], c[1], c[2]));
    }
    // New Year's Day: a Saturday holiday is not moved to the Friday before (NYSE rule 7.2).
    const std::int64_t ny = days_from_civil(year, 1, 1);
    if (weekday_from_days(ny) != 6) out.add(ny);
    if (weekday_from_days(ny) == 0) out.add(ny + 1);
    if (year >= 1998) out.add(nth_weekday(year, 1, 1, 3));  // Martin Luther King Jr.
    out.add(nth_weekday(year, 2, 1, 3));                    // Washington's Birthday
    out.add(easter_sunday(year) - 2);                       // Good Friday
    out.add(nth_weekday(year, 5, 1, -1));                   // Memorial Day
    if (year >= 2022) out.add(observed(year, 6, 19));       // Juneteenth
    out.add(observed(year, 7, 4));                          // Independence Day
    out.add(nth_weekday(year, 9, 1, 1));                    // Labor Day
    out.add(nth_weekday(year, 11, 4, 4));                   // Thanksgiving
    out.add(observed(year, 12, 25));                        // Christmas
    out.sort();
    return out;
}

// The days of a year on which the NYSE closes at 13:00 when it trades: the day after
// Thanksgiving, Christmas Eve and the day before Independence Day.
DayList nyse_early_closes(int year) {
    DayList out;
    out.add(days_from_civil(year, 7, 3));
    out.add(nth_weekday(year, 11, 4, 4) + 1);
    out.add(days_from_civil(year, 12, 24));
    out.sort();
    return out;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }

// Returns how many days of [lo, hi] fall on `weekday` (0 = Sunday).
std::int64_t count_weekday(std::int64_t lo, std::int64_t hi, int weekday) {
    if (hi < lo) return 0;
    const std::int64_t first = lo + (weekday - weekday_from_days(lo) + 7) % 7;
    return first > hi ? 0 : (hi - first) / 7 + 1;
}

// Returns how many days of [lo, hi] are Monday to Friday.
std::int64_t count_weekdays(std::int64_t lo, std::int64_t hi) {
    std::int64_t n = 0;
    for (int w = 1; w <= 5; ++w) n += count_weekday(lo, hi, w);
    return n;
}

bool in_range(std::int64_t d, std::int64_t lo, std::int64_t hi) { return lo <= d && d <= hi; }

// Returns the NYSE trading days of [lo, hi], both inside one year whose holidays are given.
std::int64_t count_trading_days(std::int64_t lo, std::int64_t hi, const DayList& holidays) {
    if (hi < lo) return 0;
    std::int64_t n = count_weekdays(lo, hi);
    for (const std::int64_t h : holidays) {
        const int w = weekday_from_days(h);
        if (w != 0 && w != 6 && in_range(h, lo, hi)) --n;
    }
    return n;
}

// Calls fn(year, first, last) for the part [first, last] of [lo, hi] inside each year.
template <typename Fn>
void for_each_year(std::int64_t lo, std::int64_t hi, Fn fn) {
    if (hi < lo) return;
    for (int y = year_of_day(lo), last = year_of_day(hi); y <= last; ++y) {
        fn(y, std::max(lo, days_from_civil(y, 1, 1)), std::min(hi, days_from_civil(y, 12, 31)));
    }
}

// Returns the number of k with lo <= p + k * len <= hi (any integer k).
std::int64_t count_grid(std::int64_t p, std::int64_t len, std::int64_t lo, std::int64_t hi) {
    return std::max<std::int64_t>(0, floor_div(hi - p, len) - ceil_div(lo - p, len) + 1);
}

// The bar slots strictly between two bars: starts prev + k * len for k in [1, count].
struct Slots {
    UnixMillis prev = 0;
    std::int64_t len = 0;
    std::int64_t count = 0;

    // Returns the number of slots starting in [lo, hi].
    std::int64_t within(UnixMillis lo, UnixMillis hi) const {
        const std::int64_t k_lo = std::max<std::int64_t>(1, ceil_div(lo - prev, len));
        const std::int64_t k_hi = std::min(count, floor_div(hi - prev, len));
        return std::max<std::int64_t>(0, k_hi - k_lo + 1);
    }
    // Returns the number of slots a window [lo, hi] shifted by whole days would hold, when no
    // slot bound cuts it (bar lengths divide a day, so only the phase of prev matters).
    std::int64_t per_window(UnixMillis lo, UnixMillis hi) const {
        return count_grid(prev, len, lo, hi);
    }
};

// UTC instant of New York local time `minutes` after midnight on day number `days`.
UnixMillis new_york_to_utc(std::int64_t days, int minutes) {
    const UnixMillis local = days * kMillisPerDay + minutes * kMillisPerMinute;
    const UnixMillis as_edt = local + 4 * kMillisPerHour;
    return is_new_york_dst(as_edt) ? as_edt : local + 5 * kMillisPerHour;
}

std::int64_t new_york_day(UnixMillis utc) {
    return days_from_millis(utc + new_york_offset_ms(utc));
}

constexpr std::int64_t kEdtOffset = 4 * kMillisPerHour;  // UTC minus New York daylight time
constexpr std::int64_t kEstOffset = 5 * kMillisPerHour;  // UTC minus New York standard time

// Equity slots on NYSE day d: a bar [t, t + len) is expected when it overlaps the session
// [open, close), i.e. open - len < t < close.
std::int64_t equity_slots_on_day(const Slots& s, std::int64_t d) {
    if (!is_nyse_trading_day(d)) return 0;
    const UnixMillis open = new_york_to_utc(d, kNyseOpenMinutes);
    const UnixMillis close = new_york_to_utc(d, nyse_close_minutes(d));
    return s.within(open - s.len + 1, close - 1);
}

// Equity slots on the trading days of [lo, hi], each day's session wholly inside the slot
// range: per year, trading days on daylight and standard time times their slots per session,
// corrected for the early closes.
std::int64_t equity_slots_on_days(const Slots& s, std::int64_t lo, std::int64_t hi) {
    const auto per_session = [&s](bool dst, int close_minutes) {
        const std::int64_t off = dst ? kEdtOffset : kEstOffset;
        return s.per_window(kNyseOpenMinutes * kMillisPerMinute + off - s.len + 1,
                            close_minutes * kMillisPerMinute + off - 1);
    };
    const std::int64_t dst_full = per_session(true, 16 * 60);
    const std::int64_t std_full = per_session(false, 16 * 60);
    std::int64_t total = 0;
    for_each_year(lo, hi, [&](int year, std::int64_t a, std::int64_t b) {
        const DayList holidays = nyse_holidays(year);
        const DstWindow w = dst_window(year);
        const std::int64_t all = count_trading_days(a, b, holidays);
        const std::int64_t dst =
            count_trading_days(std::max(a, w.start + 1), std::min(b, w.end - 1), holidays);
        total += dst * dst_full + (all - dst) * std_full;
        for (const std::int64_t d : nyse_early_closes(year)) {
            if (!in_range(d, a, b) || !is_nyse_trading_day(d)) continue;
            const bool on_dst = is_dst_weekday(d, w);
            total += per_session(on_dst, 13 * 60) - (on_dst ? dst_full : std_full);
        }
    });
    return total;
}

// Slots wholly inside the forex weekend closure that starts on Friday f (Friday 17:00 to
// Sunday 17:00 New York time): close <= t and t + len <= reopen.
std::int64_t forex_closed_slots(const Slots& s, std::int64_t f) {
    const UnixMillis close = new_york_to_utc(f, 17 * 60);
    const UnixMillis reopen = new_york_to_utc(f + 2, 17 * 60);
    return s.within(close, reopen - s.len);
}

// Closed slots of the weekends whose Fridays are in [lo, hi], each wholly inside the slot
// range. Per year: a Friday before the DST start has a daylight Sunday, one before the DST
// end a standard Sunday; Fridays from the week after the start to the week before the end
// are daylight throughout, the rest standard throughout.
std::int64_t forex_closed_slots_on(const Slots& s, std::int64_t lo, std::int64_t hi) {
    const auto per_weekend = [&s](bool friday_dst, bool sunday_dst) {
        const std::int64_t five_pm = 17 * kMillisPerHour;
        return s.per_window(
            five_pm + (friday_dst ? kEdtOffset : kEstOffset),
            2 * kMillisPerDay + five_pm + (sunday_dst ? kEdtOffset : kEstOffset) - s.len);
    };
    std::int64_t total = 0;
    for_each_year(lo, hi, [&](int year, std::int64_t a, std::int64_t b) {
        const DstWindow w = dst_window(year);
        const std::int64_t fridays = count_weekday(a, b, 5);
        const std::int64_t summer =
            count_weekday(std::max(a, w.start + 5), std::min(b, w.end - 9), 5);
        const std::int64_t into_dst = in_range(w.start - 2, a, b) ? 1 : 0;
        const std::int64_t out_of_dst = in_range(w.end - 2, a, b) ? 1 : 0;
        total += summer * per_weekend(true, true) + into_dst * per_weekend(false, true) +
                 out_of_dst * per_weekend(true, false) +
                 (fridays - summer - into_dst - out_of_dst) * per_weekend(false, false);
    });
    return total;
}

}  // namespace

std::int64_t new_york_offset_ms(UnixMillis utc) {
    return is_new_york_dst(utc) ? -4 * kMillisPerHour : -5 * kMillisPerHour;
}

bool is_nyse_holiday(int year, int month, int day) {
    return nyse_holidays(year).contains(days_from_civil(year, month, day));
}

bool is_nyse_trading_day(std::int64_t days) {
    const int w = weekday_from_days(days);
    if (w == 0 || w == 6) return false;
    return !nyse_holidays(year_of_day(days)).contains(days);
}

int nyse_close_minutes(std::int64_t days) {
    return nyse_early_closes(year_of_day(days)).contains(days) ? 13 * 60 : 16 * 60;
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

UnixMillis TradingCalendar::bar_close(UnixMillis start, Timeframe tf) const {
    if (asset_class_ == AssetClass::Equity && tf == Timeframe::D1) {
        const std::int64_t day = session_day(start);
        return new_york_to_utc(day, nyse_close_minutes(day));
    }
    return start + timeframe_millis(tf);
}

// Both searches step over the grid; the longest stretch without an expected bar (a long
// weekend of a 1m equity series) is a few thousand steps.
UnixMillis TradingCalendar::last_closed_bar(UnixMillis now, Timeframe tf) const {
    const std::int64_t len = timeframe_millis(tf);
    UnixMillis t = floor_div(now, len) * len;
    while (!expects_bar(t, tf) || bar_close(t, tf) > now) t -= len;
    return t;
}

UnixMillis TradingCalendar::next_bar(UnixMillis after, Timeframe tf) const {
    const std::int64_t len = timeframe_millis(tf);
    UnixMillis t = (floor_div(after, len) + 1) * len;
    while (!expects_bar(t, tf)) t += len;
    return t;
}

std::int64_t TradingCalendar::missing_between(UnixMillis prev, UnixMillis next,
                                              Timeframe tf) const {
    const std::int64_t len = timeframe_millis(tf);
    if (next - prev <= len) return 0;
    if (asset_class_ == AssetClass::Crypto) return (next - prev) / len - 1;
    if (tf == Timeframe::D1) {
        const std::int64_t lo = session_day(prev) + 1;
        const std::int64_t hi = session_day(next) - 1;
        if (asset_class_ == AssetClass::Forex) return count_weekdays(lo, hi);
        std::int64_t missing = 0;
        for_each_year(lo, hi, [&missing](int year, std::int64_t a, std::int64_t b) {
            missing += count_trading_days(a, b, nyse_holidays(year));
        });
        return missing;
    }
    // Arithmetic over the calendar, so the cost grows with the years spanned, not the bars:
    // the days (or weekends) at both ends are counted one by one, those in between in bulk.
    // A session or weekend of a day strictly inside the span lies wholly inside the slots,
    // since every bar length (<= 4 h) is shorter than the night before the 09:30 open and the
    // 7 h from a 17:00 reopen to midnight.
    const Slots slots{prev, len, (next - prev) / len - 1};
    const std::int64_t first = new_york_day(prev);
    const std::int64_t last = new_york_day(next);
    if (asset_class_ == AssetClass::Equity) {
        std::int64_t missing = equity_slots_on_day(slots, first);
        if (last != first) missing += equity_slots_on_day(slots, last);
        return missing + equity_slots_on_days(slots, first + 1, last - 1);
    }
    // Forex: every slot but those inside a weekend closure (Fridays first - 2 ... last).
    std::int64_t closed = forex_closed_slots_on(slots, first + 1, last - 3);
    for (std::int64_t f = first - 2; f <= last; ++f) {
        if (f == first + 1 && last - 3 >= first + 1) f = last - 2;  // skip the bulk range
        if (weekday_from_days(f) == 5) closed += forex_closed_slots(slots, f);
    }
    return slots.count - closed;
}

}  // namespace aitp::model
