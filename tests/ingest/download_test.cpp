// SPDX-License-Identifier: MIT
// ingest::download against a FakeVenue: pagination, the closed-bar rule, incremental resume,
// interruptions (venue failure, cancellation) with nothing duplicated or lost, pages that do
// not advance, and 4h built from 1h. Expected series are slices of the venue's own bars or
// buckets summed by hand here, never what download() computed.
#include "ingest/download.hpp"

#include <stop_token>

#include <gtest/gtest.h>

#include "data/parquet_store.hpp"
#include "support/fake_venue.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::ingest {
namespace {

using model::Timeframe;
using testing::FakeVenue;

constexpr std::int64_t kHour = 3'600'000;
constexpr UnixMillis kStart = 1'704'067'200'000;  // 2024-01-01T00:00:00Z

model::BarSeries make_bars(UnixMillis start, std::size_t n, std::int64_t step) {
    model::BarSeries b;
    for (std::size_t i = 0; i < n; ++i) {
        const double p = 100.0 + static_cast<double>(i % 97) + 0.25 * static_cast<double>(i % 7);
        b.push_back({start + static_cast<std::int64_t>(i) * step, p, p + 2.0, p - 1.0, p + 0.5,
                     10.0 + static_cast<double>(i % 13)});
    }
    return b;
}

struct DownloadTest : ::testing::Test {
    testing::TempDir dir;
    data::ParquetStore store{dir.path()};
    FakeVenue venue{exchange::VenueId::Binance, 1000};
    model::BarSeries source = make_bars(kStart, 2600, kHour);
    data::SeriesKey key = AITP_UNWRAP(data::SeriesKey::make("binance", "BTC/USDT", "1h"));

    void SetUp() override { venue.set_bars("BTC/USDT", Timeframe::H1, source); }
    DownloadRequest request() const {
        DownloadRequest r;
        r.source = "binance";
        r.symbol = "BTC/USDT";
        r.timeframe = Timeframe::H1;
        r.since = kStart;
        return r;
    }
    model::BarSeries stored() const { return AITP_UNWRAP(store.read(key)); }
};

TEST_F(DownloadTest, PaginatesAndKeepsOnlyClosedBars) {
    // Bar 2500 opened 30 minutes ago: it is still forming and must not be stored.
    venue.set_now(source.ts()[2500] + kHour / 2);
    ASSERT_OK_AND_ASSIGN(const auto stats, download(venue, store, request()));
    EXPECT_EQ(stored(), source.slice_rows(0, 2500));
    EXPECT_EQ(stats.pages, 3);  // 1000 + 1000 + 501 (the last with the forming bar)
    EXPECT_EQ(stats.fetched, 2500);
    EXPECT_EQ(stats.stored_new, 2500);
    EXPECT_EQ(stats.first_ts, source.ts()[0]);
    EXPECT_EQ(stats.last_ts, source.ts()[2499]);
    EXPECT_EQ(stats.gaps, 0);
    for (const auto& r : venue.requests()) EXPECT_EQ(r.limit, 1000);
}

TEST_F(DownloadTest, SecondRunFetchesNothingAndIncrementalFetchesExactlyTheNewBars) {
    venue.set_now(source.ts()[2500] + kHour / 2);
    ASSERT_OK(download(venue, store, request()));
    DownloadRequest incremental = request();
    incremental.since.reset();
    ASSERT_OK_AND_ASSIGN(const auto again, download(venue, store, incremental));
    EXPECT_EQ(again.fetched, 0);
    EXPECT_EQ(again.stored_new, 0);
    EXPECT_EQ(venue.requests().back().since, source.ts()[2500]);  // last stored + 1h
    venue.advance(3 * kHour);  // bars 2500, 2501, 2502 closed; 2503 forming
    ASSERT_OK_AND_ASSIGN(const auto more, download(venue, store, incremental));
    EXPECT_EQ(more.stored_new, 3);
    EXPECT_EQ(more.first_ts, source.ts()[2500]);
    EXPECT_EQ(stored(), source.slice_rows(0, 2503));
}

TEST_F(DownloadTest, SinceAndUntilBoundTheRange) {
    venue.set_now(source.ts()[2599] + kHour);
    DownloadRequest r = request();
    r.since = source.ts()[100];
    r.until = source.ts()[350];  // exclusive
    ASSERT_OK_AND_ASSIGN(const auto stats, download(venue, store, r));
    EXPECT_EQ(stats.stored_new, 250);
    EXPECT_EQ(stored(), source.slice_rows(100, 350));
}

TEST_F(DownloadTest, NothingStoredAndNoSinceStartsHistoryDaysBack) {
    venue.set_now(source.ts()[2599] + kHour);
    DownloadRequest r = request();
    r.since.reset();
    r.history_days = 10;
    ASSERT_OK(download(venue, store, r));
    // 10 days = 240 hourly bars before now, the last of them bar 2599.
    EXPECT_EQ(stored(), source.slice_rows(2360, 2600));
}

TEST_F(DownloadTest, VenueFailureKeepsFlushedBarsAndRerunCompletesWithoutDuplicates) {
    venue.set_now(source.ts()[2599] + kHour);
    venue.fail_ohlcv_call(3, Error::io_error("GET /api/v3/klines: 503 after 5 retries"));
    const auto failed = download(venue, store, request());
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message().find("binance BTC/USDT 1h"), std::string::npos)
        << failed.error().message();
    EXPECT_NE(failed.error().message().find("503"), std::string::npos);
    EXPECT_NE(failed.error().message().find("2000 bars stored"), std::string::npos)
        << failed.error().message();
    EXPECT_EQ(stored(), source.slice_rows(0, 2000));
    DownloadRequest resume = request();
    resume.since.reset();
    ASSERT_OK_AND_ASSIGN(const auto stats, download(venue, store, resume));
    EXPECT_EQ(stats.stored_new, 600);
    EXPECT_EQ(stored(), source);
}

TEST_F(DownloadTest, ChunkedFlushesAndCancellationLoseAtMostTheUnflushedPart) {
    venue.set_now(source.ts()[2599] + kHour);
    DownloadRequest r = request();
    r.flush_bars = 1500;
    std::stop_source stop;
    int reports = 0;
    // Stop after the second page arrived (the progress report that follows it).
    const WorkControl work{[&](double, std::string_view) {
                               if (++reports == 2) stop.request_stop();
                           },
                           stop.get_token()};
    DownloadStats partial;
    const auto cancelled = download(venue, store, r, work, &partial);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code(), ErrorCode::Cancelled);
    // Flushed at 2000 buffered bars (>= 1500) and nothing was left unflushed.
    EXPECT_EQ(partial.flushes, 1);
    EXPECT_EQ(stored(), source.slice_rows(0, 2000));
    r.since.reset();
    ASSERT_OK(download(venue, store, r));
    EXPECT_EQ(stored(), source);
}

TEST_F(DownloadTest, RepeatingPageStopsWithAnError) {
    venue.set_now(source.ts()[2599] + kHour);
    venue.set_page_fault(FakeVenue::PageFault::Repeat, 2);
    const auto r = download(venue, store, request());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("does not move forward"), std::string::npos)
        << r.error().message();
    EXPECT_EQ(venue.ohlcv_calls(), 2);
    EXPECT_EQ(stored(), source.slice_rows(0, 1000));
}

TEST_F(DownloadTest, PageStartingBeforeSinceIsTrimmedNotDuplicated) {
    venue.set_now(source.ts()[2599] + kHour);
    venue.set_page_fault(FakeVenue::PageFault::Backwards, 2);
    ASSERT_OK_AND_ASSIGN(const auto stats, download(venue, store, request()));
    EXPECT_EQ(stored(), source);
    EXPECT_EQ(stats.fetched, 2600);
}

TEST_F(DownloadTest, GapsAreCounted) {
    model::BarSeries holes = source.slice_rows(0, 10);
    holes.append(source.slice_rows(15, 20));  // 5 bars missing: one gap
    venue.set_bars("BTC/USDT", Timeframe::H1, holes);
    venue.set_now(source.ts()[19] + kHour);
    ASSERT_OK_AND_ASSIGN(const auto stats, download(venue, store, request()));
    EXPECT_EQ(stats.gaps, 1);
    EXPECT_EQ(stats.fetched, 15);
}

TEST_F(DownloadTest, FourHoursFromOneHourWhenTheVenueHasNoFourHourBars) {
    FakeVenue yahoo(exchange::VenueId::Yahoo, 100);
    yahoo.lack_timeframe(Timeframe::H4);
    yahoo.set_bars("EUR/USD", Timeframe::H1, source.slice_rows(0, 50));
    // Bars 0..49 exist; now is 2 h into bucket 12 (hours 48..51): buckets 0..11 are complete.
    yahoo.set_now(kStart + 50 * kHour);
    DownloadRequest r;
    r.source = "yfinance";
    r.symbol = "EUR/USD";
    r.timeframe = Timeframe::H4;
    r.since = kStart + kHour;  // inside bucket 0: the bucket's first hour is fetched too
    ASSERT_OK_AND_ASSIGN(const auto stats, download(yahoo, store, r));
    for (const auto& req : yahoo.requests()) EXPECT_EQ(req.timeframe, Timeframe::H1);
    // Buckets summed by hand from the source hours.
    model::BarSeries expected;
    for (std::size_t b = 0; b < 12; ++b) {
        model::Bar bar{kStart + static_cast<std::int64_t>(b) * 4 * kHour,
                       source.open()[4 * b],
                       0.0,
                       1e300,
                       source.close()[4 * b + 3],
                       0.0};
        for (std::size_t h = 4 * b; h < 4 * b + 4; ++h) {
            bar.high = std::max(bar.high, source.high()[h]);
            bar.low = std::min(bar.low, source.low()[h]);
            bar.volume += source.volume()[h];
        }
        expected.push_back(bar);
    }
    const auto key4 = AITP_UNWRAP(data::SeriesKey::make("yfinance", "EUR/USD", "4h"));
    EXPECT_EQ(AITP_UNWRAP(store.read(key4)), expected);
    EXPECT_EQ(stats.stored_new, 12);
    // Once bucket 12 has closed, an incremental run adds exactly it.
    yahoo.set_bars("EUR/USD", Timeframe::H1, source.slice_rows(0, 60));
    yahoo.set_now(kStart + 52 * kHour);
    r.since.reset();
    ASSERT_OK_AND_ASSIGN(const auto more, download(yahoo, store, r));
    EXPECT_EQ(more.stored_new, 1);
    EXPECT_EQ(AITP_UNWRAP(store.read(key4)).ts().back(), kStart + 48 * kHour);
}

TEST_F(DownloadTest, BadRequestAndServerTimeFailureAreClearErrors) {
    DownloadRequest r = request();
    r.source = "bad_source";
    const auto bad = download(venue, store, r);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
    venue.fail_server_time(Error::io_error("connection refused"));
    const auto down = download(venue, store, request());
    ASSERT_FALSE(down);
    EXPECT_NE(down.error().message().find("binance BTC/USDT 1h: connection refused"),
              std::string::npos)
        << down.error().message();
}

}  // namespace
}  // namespace aitp::ingest
