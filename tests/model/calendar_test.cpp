// SPDX-License-Identifier: MIT
#include "model/calendar.hpp"

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

}  // namespace
}  // namespace aitp::model
