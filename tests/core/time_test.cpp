// SPDX-License-Identifier: MIT
#include "core/time.hpp"

#include <gtest/gtest.h>

namespace aitp {
namespace {

// Epoch values below are the first bars of tests/data/reference/ohlcv_{a,b}.csv, whose README
// gives both the ISO date and the epoch milliseconds.
TEST(TimeTest, ParsesReferenceDates) {
    EXPECT_EQ(*parse_iso8601("2024-01-01T00:00Z"), 1704067200000);
    EXPECT_EQ(*parse_iso8601("2024-01-01T00:00:00Z"), 1704067200000);
    EXPECT_EQ(*parse_iso8601("2024-01-01"), 1704067200000);
    EXPECT_EQ(*parse_iso8601("2024-06-01 00:00:00+00:00"), 1717200000000);
    EXPECT_EQ(*parse_iso8601("1970-01-01T00:00:00Z"), 0);
}

TEST(TimeTest, AppliesOffsetsAndFractions) {
    // 2024-01-01T05:00:00+05:00 is midnight UTC.
    EXPECT_EQ(*parse_iso8601("2024-01-01T05:00:00+05:00"), 1704067200000);
    EXPECT_EQ(*parse_iso8601("2023-12-31T19:00:00-0500"), 1704067200000);
    EXPECT_EQ(*parse_iso8601("2024-01-01T00:00:00.250Z"), 1704067200250);
    EXPECT_EQ(*parse_iso8601("2024-01-01T00:00:00.123456Z"), 1704067200123);
}

TEST(TimeTest, RejectsMalformedText) {
    for (const char* bad : {"", "2024", "2024-13-01", "2023-02-29", "2024-01-01T25:00",
                            "2024-01-01T00:00:00Q", "01/02/2024", "2024-01-01T00:00:00+5"}) {
        const auto r = parse_iso8601(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_NE(r.error().message().find("ISO-8601"), std::string::npos);
        }
    }
    EXPECT_TRUE(parse_iso8601("2024-02-29"));
}

TEST(TimeTest, FormatsRoundTrip) {
    EXPECT_EQ(format_iso8601(1704067200000), "2024-01-01T00:00:00Z");
    EXPECT_EQ(format_iso8601(1704067200250), "2024-01-01T00:00:00.250Z");
    EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
    for (UnixMillis t :
         {0LL, 951782400000LL, 1704067200123LL, -86400000LL * 365 * 30, 4102444800000LL}) {
        EXPECT_EQ(*parse_iso8601(format_iso8601(t)), t);
    }
}

TEST(TimeTest, WeekdaysAndCivilDays) {
    // 1970-01-01 was a Thursday, 2024-01-01 a Monday, 1969-12-28 a Sunday.
    EXPECT_EQ(weekday_from_days(0), 4);
    EXPECT_EQ(weekday_from_days(days_from_civil(2024, 1, 1)), 1);
    EXPECT_EQ(weekday_from_days(days_from_civil(1969, 12, 28)), 0);
    EXPECT_EQ(weekday_from_days(days_from_civil(1969, 12, 27)), 6);
    for (std::int64_t d = -800000; d < 800000; d += 997) {
        int y = 0, m = 0, dd = 0;
        civil_from_days(d, y, m, dd);
        ASSERT_EQ(days_from_civil(y, m, dd), d);
    }
}

TEST(TimeTest, ParseTimestampAcceptsEpochOrIso) {
    EXPECT_EQ(*parse_timestamp("1704067200000"), 1704067200000);
    EXPECT_EQ(*parse_timestamp("2024-01-01T00:00:00Z"), 1704067200000);
    EXPECT_FALSE(parse_timestamp("12abc"));
}

}  // namespace
}  // namespace aitp
