// SPDX-License-Identifier: MIT
// The demo set (issue 18 item 8): every series ends with the last bar its calendar expects
// complete at "now", so the quality check flags none of them stale; the expected last bars are
// worked out by hand below for fixed instants (January 2026: New York on standard time, UTC-5).
#include "data/demo.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "data/quality.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

UnixMillis at(const char* iso) { return AITP_UNWRAP(parse_iso8601(iso)); }

// The demo set generated at `now` into a fresh store: file name -> last bar, and whether the
// quality check (at `now`) flags it stale.
struct DemoEnd {
    std::string last;
    bool stale = false;
};

std::map<std::string, DemoEnd> demo_ends(UnixMillis now) {
    testing::TempDir dir;
    const ParquetStore store(dir.path());
    EXPECT_OK(generate_demo_data(store, now, 1));
    std::map<std::string, DemoEnd> out;
    for (const auto& e : AITP_UNWRAP(store.list_names()).entries) {
        const auto bars = AITP_UNWRAP(store.read(e.key));
        QualityOptions o;
        o.timeframe = e.key.timeframe;
        o.asset_class = e.key.symbol.guess_asset_class(e.key.source);
        const ManualClock clock(now);
        const QualityReport r = check_quality(bars, o, clock);
        out[e.key.file_name()] = {format_iso8601(bars.ts().back()), r.is_stale};
    }
    return out;
}

// Hand-computed expectations: crypto 1h ends with the bar that closed at the last whole hour;
// 4h and 1d with the last 4h / UTC day that is over; equities (bars stamped 00:00 UTC of the
// session date) with the last session that closed (16:00 New York = 21:00 UTC); EUR/USD 1h
// with the last hour before now while the market is open, else the 16:00-17:00 New York
// (21:00-22:00 UTC) bar before the Friday close.
void expect_ends(UnixMillis now, const std::map<std::string, std::string>& expected) {
    const auto ends = demo_ends(now);
    ASSERT_EQ(ends.size(), expected.size());
    for (const auto& [file, last] : expected) {
        const auto it = ends.find(file);
        ASSERT_NE(it, ends.end()) << file;
        EXPECT_EQ(it->second.last, last) << file << " at " << format_iso8601(now);
        EXPECT_FALSE(it->second.stale) << file << " at " << format_iso8601(now);
    }
}

// 2026-01-12 is a Monday; markets are closed until the forex reopen on Sunday 22:00 UTC and
// the NYSE open at 14:30 UTC.
TEST(DemoDataTest, MondayMorningEndsWithFridaysSession) {
    expect_ends(at("2026-01-12T10:00:00Z"),
                {{"sample_BTC_USDT_1h.parquet", "2026-01-12T09:00:00Z"},
                 {"sample_ETH_USDT_1h.parquet", "2026-01-12T09:00:00Z"},
                 {"sample_SOL_USDT_1h.parquet", "2026-01-12T09:00:00Z"},
                 {"sample_BTC_USDT_4h.parquet", "2026-01-12T04:00:00Z"},
                 {"sample_ETH_USDT_4h.parquet", "2026-01-12T04:00:00Z"},
                 {"sample_SOL_USDT_4h.parquet", "2026-01-12T04:00:00Z"},
                 {"sample_BTC_USDT_1d.parquet", "2026-01-11T00:00:00Z"},
                 {"sample_ETH_USDT_1d.parquet", "2026-01-11T00:00:00Z"},
                 {"sample_SOL_USDT_1d.parquet", "2026-01-11T00:00:00Z"},
                 {"sample_AAPL_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_^GSPC_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_EUR_USD_1h.parquet", "2026-01-12T09:00:00Z"}});
}

// Saturday noon: the forex week ended Friday 17:00 New York (22:00 UTC).
TEST(DemoDataTest, SaturdayEndsWithTheFridayCloseForForex) {
    expect_ends(at("2026-01-10T12:00:00Z"),
                {{"sample_BTC_USDT_1h.parquet", "2026-01-10T11:00:00Z"},
                 {"sample_ETH_USDT_1h.parquet", "2026-01-10T11:00:00Z"},
                 {"sample_SOL_USDT_1h.parquet", "2026-01-10T11:00:00Z"},
                 {"sample_BTC_USDT_4h.parquet", "2026-01-10T08:00:00Z"},
                 {"sample_ETH_USDT_4h.parquet", "2026-01-10T08:00:00Z"},
                 {"sample_SOL_USDT_4h.parquet", "2026-01-10T08:00:00Z"},
                 {"sample_BTC_USDT_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_ETH_USDT_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_SOL_USDT_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_AAPL_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_^GSPC_1d.parquet", "2026-01-09T00:00:00Z"},
                 {"sample_EUR_USD_1h.parquet", "2026-01-09T21:00:00Z"}});
}

// Monday 21:30 UTC: Monday's session closed at 21:00 UTC, so its daily bar is there.
TEST(DemoDataTest, AfterTheCloseTheDaysSessionIsIn) {
    const auto ends = demo_ends(at("2026-01-12T21:30:00Z"));
    EXPECT_EQ(ends.at("sample_AAPL_1d.parquet").last, "2026-01-12T00:00:00Z");
    EXPECT_EQ(ends.at("sample_EUR_USD_1h.parquet").last, "2026-01-12T20:00:00Z");
    for (const auto& [file, end] : ends) EXPECT_FALSE(end.stale) << file;
}

TEST(DemoDataTest, SameSeedAndNowGiveTheSameData) {
    testing::TempDir a;
    testing::TempDir b;
    const UnixMillis now = at("2026-01-12T10:00:00Z");
    ASSERT_OK(generate_demo_data(ParquetStore(a.path()), now, 1));
    ASSERT_OK(generate_demo_data(ParquetStore(b.path()), now, 1));
    const auto key = AITP_UNWRAP(SeriesKey::make("sample", "AAPL", "1d"));
    const auto x = AITP_UNWRAP(ParquetStore(a.path()).read(key));
    const auto y = AITP_UNWRAP(ParquetStore(b.path()).read(key));
    ASSERT_EQ(x.size(), 500u);
    ASSERT_EQ(y.size(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(x.ts()[i], y.ts()[i]);
        EXPECT_EQ(x.close()[i], y.close()[i]);
    }
}

// The staleness rule itself: an equity daily series that ends on Thursday is stale by Monday
// (Friday's session closed at 21:00 UTC, 61 h before Monday 10:00 UTC), one that ends on
// Friday is not; a crypto 1h series one bar short is not stale, three bars short is.
TEST(DemoDataTest, StalenessCountsOnlyTheHoursAfterAMissingBarClosed) {
    const auto report = [](std::initializer_list<const char*> stamps, model::AssetClass ac,
                           model::Timeframe tf, const char* now) {
        model::BarSeries b;
        for (const char* s : stamps) b.push_back({at(s), 10, 11, 9, 10, 1});
        QualityOptions o;
        o.asset_class = ac;
        o.timeframe = tf;
        const ManualClock clock(at(now));
        return check_quality(b, o, clock);
    };
    const auto eq = model::AssetClass::Equity;
    const auto thursday = report({"2026-01-07T00:00:00Z", "2026-01-08T00:00:00Z"}, eq,
                                 model::Timeframe::D1, "2026-01-12T10:00:00Z");
    EXPECT_TRUE(thursday.is_stale);
    EXPECT_DOUBLE_EQ(thursday.stale_hours, 61.0);
    const auto friday = report({"2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z"}, eq,
                               model::Timeframe::D1, "2026-01-12T10:00:00Z");
    EXPECT_FALSE(friday.is_stale);
    EXPECT_DOUBLE_EQ(friday.stale_hours, 0.0);
    const auto crypto = model::AssetClass::Crypto;
    const auto one_short = report({"2026-01-12T07:00:00Z", "2026-01-12T08:00:00Z"}, crypto,
                                  model::Timeframe::H1, "2026-01-12T10:30:00Z");
    EXPECT_FALSE(one_short.is_stale);  // the 09:00 bar closed at 10:00, 0.5 h ago
    EXPECT_DOUBLE_EQ(one_short.stale_hours, 0.5);
    const auto three_short = report({"2026-01-12T05:00:00Z", "2026-01-12T06:00:00Z"}, crypto,
                                    model::Timeframe::H1, "2026-01-12T10:30:00Z");
    EXPECT_TRUE(three_short.is_stale);  // the 07:00 bar closed at 08:00, 2.5 h ago
    EXPECT_DOUBLE_EQ(three_short.stale_hours, 2.5);
}

}  // namespace
}  // namespace aitp::data
