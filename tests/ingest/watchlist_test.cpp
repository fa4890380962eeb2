// SPDX-License-Identifier: MIT
// Watchlist files (the shipped lists, parse errors naming the line) and refresh (one symbol's
// failure is recorded, the rest complete).
#include "ingest/watchlist.hpp"

#include <gtest/gtest.h>

#include "support/fake_venue.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::ingest {
namespace {

using model::Timeframe;

TEST(WatchlistTest, ShippedListsAreTheOriginals) {
    // The repository's config file, read directly: what the library compiled in must be it.
    ASSERT_OK_AND_ASSIGN(const auto lists,
                         read_watchlists(testing::source_dir() / "config" / "watchlists.conf"));
    ASSERT_OK_AND_ASSIGN(const auto built_in,
                         parse_watchlists(default_watchlists_text(), "built-in"));
    ASSERT_EQ(lists.size(), 3U);
    ASSERT_EQ(built_in.size(), 3U);
    EXPECT_EQ(lists[0].name, "crypto");
    EXPECT_EQ(lists[0].source, "kraken");
    EXPECT_EQ(lists[0].symbols.size(), 36U);  // ORIGINAL.md 1.6
    EXPECT_EQ(lists[0].symbols.front(), "BTC/USDT");
    EXPECT_EQ(lists[0].symbols.back(), "VIRTUAL/USDT");
    EXPECT_EQ(lists[0].timeframes,
              (std::vector<Timeframe>{Timeframe::H1, Timeframe::H4, Timeframe::D1}));
    EXPECT_EQ(lists[1].name, "equity");
    EXPECT_EQ(lists[1].source, "yfinance");
    EXPECT_EQ(lists[1].symbols.size(), 105U);
    EXPECT_EQ(lists[1].timeframes, (std::vector<Timeframe>{Timeframe::D1}));
    EXPECT_EQ(lists[2].name, "forex");
    EXPECT_EQ(lists[2].symbols.size(), 44U);
    for (std::size_t i = 0; i < lists.size(); ++i) {
        EXPECT_EQ(lists[i].symbols, built_in[i].symbols);
        EXPECT_EQ(lists[i].source, built_in[i].source);
    }
}

TEST(WatchlistTest, ErrorsNameTheLineAndField) {
    const auto bad_tf = parse_watchlists("[a]\nsource = kraken\ntimeframes = 1h 2h\n", "f.conf");
    ASSERT_FALSE(bad_tf);
    EXPECT_NE(bad_tf.error().message().find("f.conf:3: timeframes"), std::string::npos)
        << bad_tf.error().message();
    const auto bad_src = parse_watchlists("[a]\nsource = nasdaq\n", "f.conf");
    ASSERT_FALSE(bad_src);
    EXPECT_NE(bad_src.error().message().find("f.conf:2: source"), std::string::npos);
    const auto bad_key = parse_watchlists("[a]\nsymbol = BTC/USDT\n", "f.conf");
    ASSERT_FALSE(bad_key);
    EXPECT_NE(bad_key.error().message().find("f.conf:2: unknown key 'symbol'"), std::string::npos);
    const auto bad_sym = parse_watchlists("[a]\nsymbols = BTC/USDT B$D/USDT\n", "f.conf");
    ASSERT_FALSE(bad_sym);
    EXPECT_NE(bad_sym.error().message().find("f.conf:2: symbols"), std::string::npos);
    const auto missing = parse_watchlists("[a]\nsource = kraken\nsymbols = X/Y\n", "f.conf");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message().find("'a' has no timeframes"), std::string::npos);
    EXPECT_FALSE(parse_watchlists("source = kraken\n", "f.conf"));
    EXPECT_FALSE(parse_watchlists("# nothing\n", "f.conf"));
}

TEST(WatchlistTest, FileIsCopiedOnFirstUseAndUserEditsAreKept) {
    testing::TempDir dir;
    ASSERT_OK_AND_ASSIGN(const auto path, ensure_watchlist_file(dir.path()));
    EXPECT_EQ(testing::read_text(path), std::string(default_watchlists_text()));
    testing::write_text(path, "[mine]\nsource = binance\ntimeframes = 1d\nsymbols = BTC/USDT\n");
    ASSERT_OK_AND_ASSIGN(const auto again, ensure_watchlist_file(dir.path()));
    ASSERT_OK_AND_ASSIGN(const auto lists, read_watchlists(again));
    ASSERT_OK_AND_ASSIGN(const auto mine, select_watchlists(lists, "mine"));
    EXPECT_EQ(mine.at(0).symbols, (std::vector<std::string>{"BTC/USDT"}));
    const auto unknown = select_watchlists(lists, "crypto");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message().find("known: mine, all"), std::string::npos);
}

TEST(RefreshTest, OneFailingSymbolIsRecordedAndTheOthersComplete) {
    testing::TempDir dir;
    const data::ParquetStore store(dir.path());
    testing::FakeVenue venue(exchange::VenueId::Kraken, 720);
    constexpr UnixMillis kStart = 1'704'067'200'000;
    model::BarSeries bars;
    for (int i = 0; i < 96; ++i) {
        const double p = 50.0 + i;
        bars.push_back({kStart + i * 3'600'000LL, p, p + 1, p - 1, p, 1.0});
    }
    for (const char* s : {"BTC/USDT", "ETH/USDT", "SOL/USDT"}) {
        venue.set_bars(s, Timeframe::H1, bars);
    }
    venue.fail_symbol("ETH/USDT", Error::io_error("HTTP 503 after 5 retries"));
    venue.set_now(kStart + 96 * 3'600'000LL);
    const Watchlist list{"crypto", "kraken", {Timeframe::H1}, {"BTC/USDT", "ETH/USDT", "SOL/USDT"}};
    RefreshSummary summary;
    ASSERT_OK(refresh(list, venue, store, summary));
    ASSERT_EQ(summary.series.size(), 3U);
    EXPECT_EQ(summary.failed(), 1);
    EXPECT_FALSE(summary.series[0].error);
    ASSERT_TRUE(summary.series[1].error);
    EXPECT_NE(summary.series[1].error->find("kraken ETH/USDT 1h"), std::string::npos);
    EXPECT_FALSE(summary.series[2].error);
    // history_days (365) reaches before the first bar: all 96 bars of both good symbols.
    EXPECT_EQ(summary.stored_new(), 192);
    const auto sol = AITP_UNWRAP(data::SeriesKey::make("kraken", "SOL/USDT", "1h"));
    EXPECT_EQ(AITP_UNWRAP(store.read(sol)), bars);
}

}  // namespace
}  // namespace aitp::ingest
