// SPDX-License-Identifier: MIT
#include "model/bar_series.hpp"

#include <gtest/gtest.h>

#include "model/timeframe.hpp"

namespace aitp::model {
namespace {

BarSeries make(std::initializer_list<std::pair<UnixMillis, double>> rows) {
    BarSeries s;
    for (const auto& [ts, close] : rows) s.push_back({ts, close, close, close, close, 1.0});
    return s;
}

TEST(BarSeriesTest, SortDedupeKeepsLastOfEqualStamps) {
    BarSeries s = make({{30, 1}, {10, 2}, {20, 3}, {10, 4}, {30, 5}});
    s.sort_dedupe_keep_last();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(std::vector<UnixMillis>(s.ts().begin(), s.ts().end()),
              (std::vector<UnixMillis>{10, 20, 30}));
    EXPECT_EQ(std::vector<double>(s.close().begin(), s.close().end()),
              (std::vector<double>{4, 3, 5}));
}

TEST(BarSeriesTest, SliceTimeIsInclusive) {
    const BarSeries s = make({{10, 1}, {20, 2}, {30, 3}, {40, 4}});
    EXPECT_EQ(s.slice_time(20, 30).size(), 2u);
    EXPECT_EQ(s.slice_time(21, 29).size(), 0u);
    EXPECT_EQ(s.slice_time(0, 100).size(), 4u);
    EXPECT_EQ(s.slice_rows(1, 3).close()[0], 2.0);
}

TEST(BarSeriesTest, StrictlyIncreasingCheckNamesTheRow) {
    EXPECT_TRUE(make({{10, 1}, {20, 2}}).check_strictly_increasing());
    const auto st = make({{10, 1}, {20, 2}, {20, 3}}).check_strictly_increasing();
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message().find("row 2"), std::string::npos);
    EXPECT_NE(st.error().message().find("duplicates"), std::string::npos);
}

TEST(TimeframeTest, NamesLengthsAndAliases) {
    for (Timeframe tf : kAllTimeframes) EXPECT_EQ(*parse_timeframe(timeframe_name(tf)), tf);
    EXPECT_EQ(timeframe_millis(Timeframe::H4), 4 * 3600 * 1000);
    EXPECT_EQ(*parse_timeframe("15min"), Timeframe::M15);
    EXPECT_EQ(*parse_timeframe("1D"), Timeframe::D1);
    const auto bad = parse_timeframe("2h");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "timeframe must be one of 1m 5m 15m 1h 4h 1d, was '2h'");
}

}  // namespace
}  // namespace aitp::model
