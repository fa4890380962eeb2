// SPDX-License-Identifier: MIT
#include "model/calendar.hpp"

#include <chrono>
#include <random>

#include <gtest/gtest.h>

namespace aitp::model {
namespace {

std::int64_t day(int y, int m, int d) { return days_from_civil(y, m, d); }

// Holidays checked against the NYSE's published 2024 and 2025 calendars.
TEST(CalendarTest, NyseHolidays2024And2025) {
    const int holidays[][3] = {
        {2024, 1, 1},  {2024, 1, 15},  {2024, 2, 19},  {2024, 3, 29},  {2024, 5, 27}, {2024, 6, 19},
        {2024, 7, 4},  {2024, 9, 2},   {2024, 11, 28}, {2024, 12, 25}, {2025, 1, 1},  {2025, 1, 9},
        {2025, 1, 20}, {2025, 2, 17},  {2025, 4, 18},  {2025, 5, 26},  {2025, 6, 19}, {2025, 7, 4},
        {2025, 9, 1},  {2025, 11, 27}, {2025, 12, 25}};
    for (const auto& h : holidays) {
        EXPECT_TRUE(is_nyse_holiday(h[0], h[1], h[2])) << h[0] << "-" << h[1] << "-" << h[2];
        EXPECT_FALSE(is_nyse_trading_day(day(h[0], h[1], h[2])));
    }
    int trading = 0;
    for (auto d = day(2024, 1, 1); d < day(2025, 1, 1); ++d) trading += is_nyse_trading_day(d);
    EXPECT_EQ(trading, 252);  // NYSE: 252 trading days in 2024
    // Observed rules: 2021-12-31 open (New Year on Saturday), 2022-12-26 closed (Christmas Sunday),
    // 2026-07-03 closed (Independence Day on Saturday).
    EXPECT_TRUE(is_nyse_trading_day(day(2021, 12, 31)));
    EXPECT_FALSE(is_nyse_trading_day(day(2022, 12, 26)));
    EXPECT_FALSE(is_nyse_trading_day(day(2026, 7, 3)));
}

TEST(CalendarTest, EarlyClosesAndDaylightSaving) {
    EXPECT_EQ(nyse_close_minutes(day(2024, 11, 29)), 13 * 60);  // day after Thanksgiving
    EXPECT_EQ(nyse_close_minutes(day(2024, 12, 24)), 13 * 60);
    EXPECT_EQ(nyse_close_minutes(day(2024, 12, 23)), 16 * 60);
    // DST 2024: 2024-03-10 07:00Z to 2024-11-03 06:00Z.
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2024-03-10T06:59:59Z")), -5 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2024-03-10T07:00:00Z")), -4 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2024-11-03T05:59:59Z")), -4 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2024-11-03T06:00:00Z")), -5 * kMillisPerHour);
}

// New York time before 2007: DST from the first Sunday of April to the last Sunday of October.
TEST(CalendarTest, DaylightSavingBefore2007) {
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-03-20T14:00:00Z")), -5 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-04-02T06:59:59Z")), -5 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-04-02T07:00:00Z")), -4 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-10-29T05:59:59Z")), -4 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-10-29T06:00:00Z")), -5 * kMillisPerHour);
    EXPECT_EQ(new_york_offset_ms(*parse_iso8601("2006-11-01T14:00:00Z")), -5 * kMillisPerHour);
}

// The instant rule the backtest engine uses for equity market hours.
TEST(CalendarTest, NyseOpenAtAnInstant) {
    const auto open = [](const char* iso) { return is_nyse_open(*parse_iso8601(iso)); };
    // 2024-07-01 (Monday, EDT): 13:30Z to 20:00Z, close excluded.
    EXPECT_FALSE(open("2024-07-01T13:29:59Z"));
    EXPECT_TRUE(open("2024-07-01T13:30:00Z"));
    EXPECT_TRUE(open("2024-07-01T19:59:59Z"));
    EXPECT_FALSE(open("2024-07-01T20:00:00Z"));
    // 2006-03-20 (Monday, still EST in 2006): 14:30Z to 21:00Z.
    EXPECT_FALSE(open("2006-03-20T14:00:00Z"));
    EXPECT_TRUE(open("2006-03-20T14:30:00Z"));
    EXPECT_TRUE(open("2006-03-20T20:30:00Z"));
    // 2006-10-30 (Monday, EST again after 2006-10-29): 09:45 New York is 14:45Z.
    EXPECT_FALSE(open("2006-10-30T13:45:00Z"));
    EXPECT_TRUE(open("2006-10-30T14:45:00Z"));
    // Holidays: Independence Day 2024 (Thursday), Good Friday 2005-03-25; weekends.
    EXPECT_FALSE(open("2024-07-04T15:00:00Z"));
    EXPECT_FALSE(open("2005-03-25T15:00:00Z"));
    EXPECT_FALSE(open("2024-07-06T15:00:00Z"));
    // The half day after Thanksgiving 2024 closes at 13:00 New York (18:00Z).
    EXPECT_TRUE(open("2024-11-29T17:59:00Z"));
    EXPECT_FALSE(open("2024-11-29T18:00:00Z"));
}

TEST(CalendarTest, EquityIntradaySessions) {
    const TradingCalendar cal(AssetClass::Equity);
    // 2024-07-01 (Monday, EDT): session 13:30Z-20:00Z.
    EXPECT_FALSE(cal.expects_bar(*parse_iso8601("2024-07-01T13:29:00Z"), Timeframe::M1));
    EXPECT_TRUE(cal.expects_bar(*parse_iso8601("2024-07-01T13:30:00Z"), Timeframe::M1));
    EXPECT_TRUE(cal.expects_bar(*parse_iso8601("2024-07-01T19:59:00Z"), Timeframe::M1));
    EXPECT_FALSE(cal.expects_bar(*parse_iso8601("2024-07-01T20:00:00Z"), Timeframe::M1));
    // Friday close to Monday open on 1m bars: nothing missing.
    EXPECT_EQ(cal.missing_between(*parse_iso8601("2024-06-28T19:59:00Z"),
                                  *parse_iso8601("2024-07-01T13:30:00Z"), Timeframe::M1),
              0);
    // A missing 10:00 bar on hourly bars (09:30, 10:30 ... stamps).
    EXPECT_EQ(cal.missing_between(*parse_iso8601("2024-07-01T13:30:00Z"),
                                  *parse_iso8601("2024-07-01T15:30:00Z"), Timeframe::H1),
              1);
}

TEST(CalendarTest, ForexWeekend) {
    const TradingCalendar cal(AssetClass::Forex);
    // Friday 2024-06-28 17:00 New York = 21:00Z; reopens Sunday 21:00Z.
    EXPECT_TRUE(cal.expects_bar(*parse_iso8601("2024-06-28T20:00:00Z"), Timeframe::H1));
    EXPECT_FALSE(cal.expects_bar(*parse_iso8601("2024-06-28T21:00:00Z"), Timeframe::H1));
    EXPECT_FALSE(cal.expects_bar(*parse_iso8601("2024-06-29T12:00:00Z"), Timeframe::H1));
    EXPECT_TRUE(cal.expects_bar(*parse_iso8601("2024-06-30T21:00:00Z"), Timeframe::H1));
    EXPECT_EQ(cal.missing_between(*parse_iso8601("2024-06-28T20:00:00Z"),
                                  *parse_iso8601("2024-06-30T21:00:00Z"), Timeframe::H1),
              0);
    const TradingCalendar crypto(AssetClass::Crypto);
    EXPECT_EQ(crypto.missing_between(*parse_iso8601("2024-06-28T20:00:00Z"),
                                     *parse_iso8601("2024-06-30T21:00:00Z"), Timeframe::H1),
              48);
}

// The count missing_between must give, bar slot by bar slot (daily bars: session day by
// session day), with the calendar's own expects_bar/trading-day rules.
std::int64_t missing_step_by_step(const TradingCalendar& cal, UnixMillis prev, UnixMillis next,
                                  Timeframe tf) {
    std::int64_t n = 0;
    if (tf == Timeframe::D1) {
        for (auto d = TradingCalendar::session_day(prev) + 1;
             d < TradingCalendar::session_day(next); ++d) {
            const int w = weekday_from_days(d);
            const bool weekday = w != 0 && w != 6;
            switch (cal.asset_class()) {
                case AssetClass::Crypto:
                    ++n;
                    break;
                case AssetClass::Equity:
                    n += is_nyse_trading_day(d) ? 1 : 0;
                    break;
                case AssetClass::Forex:
                    n += weekday ? 1 : 0;
                    break;
            }
        }
        return n;
    }
    const std::int64_t len = timeframe_millis(tf);
    for (UnixMillis t = prev + len; t + len <= next; t += len) n += cal.expects_bar(t, tf) ? 1 : 0;
    return n;
}

// Issue 16 item 5: the count is arithmetic now; it must agree with the slot-by-slot count on
// spans that cross holidays, early closes, daylight-saving switches (both rule sets), year ends
// and odd bar phases.
TEST(CalendarTest, MissingBarsMatchCountingSlotBySlot) {
    std::mt19937_64 rng(20240716);
    const UnixMillis lo = *parse_iso8601("1999-12-01");
    const UnixMillis hi = *parse_iso8601("2026-12-31");
    int checked = 0;
    for (const AssetClass ac : {AssetClass::Equity, AssetClass::Forex}) {
        const TradingCalendar cal(ac);
        for (const Timeframe tf : kAllTimeframes) {
            const std::int64_t len = timeframe_millis(tf);
            // Spans of up to ~8 days of 1m bars, ~5 years of 4h bars, ~2 years of daily bars.
            const std::int64_t max_slots = tf == Timeframe::D1 ? 800 : 12000;
            for (int i = 0; i < 25; ++i) {
                const UnixMillis prev =
                    lo + static_cast<std::int64_t>(
                             rng() % static_cast<std::uint64_t>((hi - lo) / kMillisPerMinute)) *
                             kMillisPerMinute;
                const auto slots =
                    static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(max_slots));
                const auto extra = static_cast<std::int64_t>(
                    rng() % 3 == 0 ? rng() % static_cast<std::uint64_t>(len) : 0);
                const UnixMillis next = prev + slots * len + extra;
                EXPECT_EQ(cal.missing_between(prev, next, tf),
                          missing_step_by_step(cal, prev, next, tf))
                    << asset_class_name(ac) << " " << timeframe_name(tf) << " "
                    << format_iso8601(prev) << " .. " << format_iso8601(next);
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 2 * 6 * 25);
}

// Hand-checked counts.
TEST(CalendarTest, MissingBarsHandChecked) {
    const auto at = [](const char* iso) { return *parse_iso8601(iso); };
    const TradingCalendar equity(AssetClass::Equity);
    // Daily: Friday 2024-12-20 to Thursday 2025-01-02 lacks 23, 24, 26, 27, 30 and 31 December
    // (25 December and 1 January are holidays, the rest weekends).
    EXPECT_EQ(equity.missing_between(at("2024-12-20"), at("2025-01-02"), Timeframe::D1), 6);
    // Hourly bars stamped 09:30, 10:30 ... New York time (EDT: 13:30Z ...): after the 15:30
    // bar of 2 July 2024 the next bar is the 5 July open. 3 July closes at 13:00, so its 09:30,
    // 10:30, 11:30 and 12:30 bars are missing; 4 July is a holiday.
    EXPECT_EQ(equity.missing_between(at("2024-07-02T19:30:00Z"), at("2024-07-05T13:30:00Z"),
                                     Timeframe::H1),
              4);
    // Forex closes Friday 17:00 EST (22:00Z on 8 March 2024) and reopens Sunday 17:00 EDT
    // (21:00Z on 10 March, the first day of daylight time). From a 20:00Z Friday bar to the
    // 00:00Z Monday bar, the 21:00Z Friday bar and the 21:00, 22:00, 23:00Z Sunday bars are
    // missing: 4.
    const TradingCalendar forex(AssetClass::Forex);
    EXPECT_EQ(forex.missing_between(at("2024-03-08T20:00:00Z"), at("2024-03-11T00:00:00Z"),
                                    Timeframe::H1),
              4);
}

// Two bars two thousand years apart: counted in milliseconds, not by walking every slot (which
// took minutes for hourly equity bars).
TEST(CalendarTest, MissingBarsOverTwoThousandYearsAreCountedInstantly) {
    const UnixMillis from = *parse_iso8601("0001-01-01");
    const UnixMillis to = *parse_iso8601("2024-01-01");
    const auto start = std::chrono::steady_clock::now();
    const TradingCalendar forex(AssetClass::Forex);
    const TradingCalendar equity(AssetClass::Equity);
    // Weekdays strictly between 0001-01-01 and 2024-01-01 (Python's proleptic Gregorian date:
    // sum(1 for each day between if weekday() < 5) = 527774).
    EXPECT_EQ(forex.missing_between(from, to, Timeframe::D1), 527774);
    std::int64_t n = 0;
    for (const Timeframe tf : kAllTimeframes) {
        n += forex.missing_between(from, to, tf);
        n += equity.missing_between(from, to, tf);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 1.0);
    EXPECT_GT(n, 0);
    // The daily equity count against a day-by-day walk of the trading-day rule.
    std::int64_t trading = 0;
    for (auto d = days_from_civil(1, 1, 2); d < days_from_civil(2024, 1, 1); ++d)
        trading += is_nyse_trading_day(d) ? 1 : 0;
    EXPECT_EQ(equity.missing_between(from, to, Timeframe::D1), trading);
    // Hourly and 4-hourly bars over 2001-2012 (both daylight-saving rule sets) against the
    // slot-by-slot count.
    for (const Timeframe tf : {Timeframe::H1, Timeframe::H4}) {
        const UnixMillis a = *parse_iso8601("2001-01-02T14:30:00Z");
        const UnixMillis b = *parse_iso8601("2012-01-02T14:30:00Z");
        EXPECT_EQ(equity.missing_between(a, b, tf), missing_step_by_step(equity, a, b, tf));
        EXPECT_EQ(forex.missing_between(a, b, tf), missing_step_by_step(forex, a, b, tf));
    }
}

// Issue 18 item 8: the last bar complete at an instant, hand-worked for January 2026 (New York
// on standard time: the NYSE closes at 21:00 UTC, forex at Friday 22:00 UTC, reopening Sunday
// 22:00 UTC). 2026-01-12 and 2026-01-19 are Mondays, the 19th Martin Luther King Jr. Day.
TEST(CalendarTest, LastClosedBarFollowsTheSessions) {
    const auto at = [](const char* iso) { return *parse_iso8601(iso); };
    const auto iso = [](UnixMillis t) { return format_iso8601(t); };
    const TradingCalendar equity(AssetClass::Equity);
    const TradingCalendar forex(AssetClass::Forex);
    const TradingCalendar crypto(AssetClass::Crypto);
    EXPECT_EQ(iso(equity.last_closed_bar(at("2026-01-12T10:00:00Z"), Timeframe::D1)),
              "2026-01-09T00:00:00Z");  // Monday morning: Friday's session
    EXPECT_EQ(iso(equity.last_closed_bar(at("2026-01-12T20:59:59Z"), Timeframe::D1)),
              "2026-01-09T00:00:00Z");  // Monday's session still open
    EXPECT_EQ(iso(equity.last_closed_bar(at("2026-01-12T21:00:00Z"), Timeframe::D1)),
              "2026-01-12T00:00:00Z");  // ... and closed
    EXPECT_EQ(iso(equity.last_closed_bar(at("2026-01-19T22:00:00Z"), Timeframe::D1)),
              "2026-01-16T00:00:00Z");  // a holiday Monday: still Friday's
    EXPECT_EQ(iso(equity.last_closed_bar(at("2026-01-12T10:00:00Z"), Timeframe::H1)),
              "2026-01-09T20:00:00Z");  // the 20:00-21:00 UTC bar before Friday's close
    EXPECT_EQ(iso(forex.last_closed_bar(at("2026-01-10T12:00:00Z"), Timeframe::H1)),
              "2026-01-09T21:00:00Z");
    EXPECT_EQ(iso(forex.next_bar(at("2026-01-09T21:00:00Z"), Timeframe::H1)),
              "2026-01-11T22:00:00Z");  // Sunday's reopen
    EXPECT_EQ(iso(crypto.last_closed_bar(at("2026-01-12T10:30:00Z"), Timeframe::H4)),
              "2026-01-12T04:00:00Z");
    EXPECT_EQ(iso(crypto.last_closed_bar(at("2026-01-12T12:00:00Z"), Timeframe::H4)),
              "2026-01-12T08:00:00Z");
    EXPECT_EQ(equity.bar_close(at("2026-01-09T00:00:00Z"), Timeframe::D1),
              at("2026-01-09T21:00:00Z"));
    EXPECT_EQ(equity.bar_close(at("2025-11-28T00:00:00Z"), Timeframe::D1),
              at("2025-11-28T18:00:00Z"));  // the half day after Thanksgiving: 13:00 New York
}

}  // namespace
}  // namespace aitp::model
