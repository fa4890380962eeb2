// SPDX-License-Identifier: MIT
#include "data/csv.hpp"

#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

using testing::reference_file;

TEST(CsvTest, ReadsReferenceFileExactly) {
    const auto bars = read_csv(reference_file("ohlcv_a.csv"));
    ASSERT_TRUE(bars) << bars.error().message();
    ASSERT_EQ(bars->size(), 5000u);
    // First and last rows as printed in tests/data/reference/ohlcv_a.csv.
    EXPECT_EQ(bars->bar(0), (model::Bar{1704067200000, 100.0, 100.33, 99.93, 100.21, 3421.8815}));
    EXPECT_EQ(bars->ts()[4999], 1704067200000 + 4999LL * 3600000);
}

TEST(CsvTest, FormatRoundTripsBitForBit) {
    const std::string text = testing::read_text(reference_file("ohlcv_b.csv"));
    const auto bars = parse_csv(text, "b");
    ASSERT_TRUE(bars);
    EXPECT_EQ(format_csv(*bars), text);  // the reference is written with Python's repr
    const auto again = parse_csv(format_csv(*bars), "again");
    ASSERT_TRUE(again);
    ASSERT_EQ(again->size(), bars->size());
    EXPECT_EQ(
        std::memcmp(again->close().data(), bars->close().data(), bars->size() * sizeof(double)), 0);
}

TEST(CsvTest, AcceptsIsoTimestampsReorderedColumnsAndCrlf) {
    const auto bars = parse_csv(
        "close,timestamp,open,high,low,volume,extra\r\n"
        "1.5,2024-01-01T00:00:00Z,1,2,0.5,10,x\r\n"
        "2.5,2024-01-01 01:00:00+00:00,1.5,3,1,,y\r\n",
        "t.csv");
    ASSERT_TRUE(bars) << bars.error().message();
    ASSERT_EQ(bars->size(), 2u);
    EXPECT_EQ(bars->ts()[1], 1704067200000 + 3600000);
    EXPECT_EQ(bars->close()[0], 1.5);
    EXPECT_TRUE(std::isnan(bars->volume()[1]));  // empty field is NaN
}

struct BadCase {
    const char* text;
    const char* expected;  // substring of the one-line message
};

TEST(CsvTest, RejectsBadInputWithFileLineAndColumn) {
    const BadCase cases[] = {
        {"", "t.csv: empty file"},
        {"timestamp,open,high,low,close\n1,1,1,1,1\n", "t.csv:1: missing column 'volume'"},
        {"timestamp,open,high,low,close,volume\n", "t.csv: no data rows"},
        {"timestamp,open,high,low,close,volume\n1,1,1,1,abc,1\n",
         "t.csv:2: column 5 (close): 'abc' is not a number"},
        {"timestamp,open,high,low,close,volume\n1,1,1,1,1,1\nyesterday,1,1,1,1,1\n",
         "t.csv:3: column 1 (timestamp): 'yesterday' is not a timestamp"},
        {"timestamp,open,high,low,close,volume\n2,1,1,1,1,1\n1,1,1,1,1,1\n",
         "t.csv:3: timestamp 1970-01-01T00:00:00.001Z is earlier than"},
        {"timestamp,open,high,low,close,volume\n1,1,1,1,1,1\n1,1,1,1,1,1\n", "t.csv:3: timestamp "},
        {"timestamp,open,high,low,close,volume\n1,1,1,1,1\n",
         "t.csv:2: expected 6 fields, found 5"},
        {"timestamp,open,high,low,close,volume\n1,1,1,1,1,1,1\n",
         "t.csv:2: expected 6 fields, found more"},
    };
    for (const auto& c : cases) {
        const auto r = parse_csv(c.text, "t.csv");
        ASSERT_FALSE(r) << c.text;
        EXPECT_NE(r.error().message().find(c.expected), std::string::npos)
            << "message: " << r.error().message() << "\nexpected: " << c.expected;
        EXPECT_EQ(r.error().message().find('\n'), std::string::npos);
    }
    const auto dup =
        parse_csv("timestamp,open,high,low,close,volume\n1,1,1,1,1,1\n1,1,1,1,1,1\n", "t.csv");
    EXPECT_NE(dup.error().message().find("duplicates"), std::string::npos);
}

// Issue 16 items 7 and 9: timestamps that would wrap and bars no consumer accepts are refused
// with the file, line and (for timestamps) column named.
TEST(CsvTest, RejectsOutOfRangeTimestampsAndDefectiveBarsNamingTheLine) {
    const std::string header = "timestamp,open,high,low,close,volume\n1,10,11,9,10,1\n";
    const BadCase cases[] = {
        {"9223372036854775807,10,11,9,10,1",
         "t.csv:3: column 1 (timestamp): '9223372036854775807' is not a timestamp in years "
         "1-9999"},
        {"1e16,10,11,9,10,1", "t.csv:3: column 1 (timestamp): '1e16' is not a timestamp in years"},
        {"253402300800000,10,11,9,10,1", "t.csv:3: column 1 (timestamp): '253402300800000'"},
        {"-9223372036854775808,10,11,9,10,1", "t.csv:3: column 1 (timestamp)"},
        {"2,10,9,11,10,1", "t.csv:3: high 9 is below low 11"},
        {"2,-10,11,9,10,1", "t.csv:3: open is -10 (prices must be > 0)"},
        {"2,10,11,0,10,1", "t.csv:3: low is 0 (prices must be > 0)"},
        {"2,10,inf,9,10,1", "t.csv:3: high is inf (prices must be finite)"},
        {"2,10,11,9,10,-1", "t.csv:3: volume is -1 (must be >= 0)"},
    };
    for (const auto& c : cases) {
        const auto r = parse_csv(header + c.text + "\n", "t.csv");
        ASSERT_FALSE(r) << c.text;
        EXPECT_NE(r.error().message().find(c.expected), std::string::npos)
            << "message: " << r.error().message() << "\nexpected: " << c.expected;
    }
    // The first and last supported milliseconds are accepted.
    const auto edges = parse_csv(
        "timestamp,open,high,low,close,volume\n0001-01-01T00:00:00Z,1,1,1,1,1\n"
        "253402300799999,1,1,1,1,1\n",
        "t.csv");
    ASSERT_TRUE(edges) << edges.error().message();
    EXPECT_EQ(edges->ts()[0], -62135596800000);  // Python: datetime(1, 1, 1, tzinfo=utc)
    // The quality report reads such bars to list them.
    CsvReadOptions o;
    o.check_bars = false;
    EXPECT_TRUE(parse_csv(header + "2,10,9,11,10,-1\n", "t.csv", o));
}

TEST(CsvTest, UnsortedAllowedWhenAsked) {
    CsvReadOptions o;
    o.require_sorted = false;
    const auto r =
        parse_csv("timestamp,open,high,low,close,volume\n2,1,1,1,1,1\n1,1,1,1,1,1\n", "t", o);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->size(), 2u);
}

TEST(CsvTest, MissingFileIsNotFound) {
    const auto r = read_csv("/nonexistent/dir/x.csv");
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_not_found());
    EXPECT_NE(r.error().message().find("/nonexistent/dir/x.csv"), std::string::npos);
}

}  // namespace
}  // namespace aitp::data
