// SPDX-License-Identifier: MIT
// The Yahoo Finance chart source. Yahoo publishes no API reference: the fixtures follow the
// answer shape yfinance parses (https://github.com/ranaroussi/yfinance,
// yfinance/scrapers/history.py, and the chart answers it documents in its issues), with values
// of AAPL's and EURUSD=X's November 2023 quotes. Expected values are computed by hand here.
#include "exchange/yahoo_venue.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "exchange/fake_transport.hpp"
#include "support/result.hpp"

namespace aitp::exchange {
namespace {

using testing::FakeTransport;
using testing::fixture;
using testing::url_query;

constexpr UnixMillis kNow = 1700300000000;  // 2023-11-18T09:33:20Z
constexpr std::int64_t kDay = 86400000;

class YahooVenueTest : public ::testing::Test {
  protected:
    YahooVenueTest() : clock_(kNow) {
        transport_ = std::make_shared<FakeTransport>();
        VenueConfig config;
        config.venue = VenueId::Yahoo;
        config.base_url = "http://127.0.0.1:9";
        venue_ = make_yahoo_venue(config, transport_, clock_);
    }
    void serve(const std::string& ticker_path, const std::string& name, int status = 200) {
        transport_->route("GET", "/v8/finance/chart/" + ticker_path, fixture("yahoo", name),
                          status);
    }

    ManualClock clock_;
    std::shared_ptr<FakeTransport> transport_;
    std::unique_ptr<Venue> venue_;
};

TEST(YahooSymbolTest, MapsLikeYfinanceBothWays) {
    EXPECT_EQ(yahoo_symbol("EUR/USD").value(), "EURUSD=X");
    EXPECT_EQ(yahoo_symbol("gbp/jpy").value(), "GBPJPY=X");
    EXPECT_EQ(yahoo_symbol("AAPL/USD").value(), "AAPL");
    EXPECT_EQ(yahoo_symbol("^GSPC").value(), "^GSPC");
    EXPECT_EQ(yahoo_symbol("msft").value(), "MSFT");
    EXPECT_EQ(unified_from_yahoo("EURUSD=X"), "EUR/USD");
    EXPECT_EQ(unified_from_yahoo("JPY=X"), "USD/JPY");
    EXPECT_EQ(unified_from_yahoo("AAPL"), "AAPL/USD");
    EXPECT_EQ(unified_from_yahoo("^GSPC"), "^GSPC");
    EXPECT_EQ(unified_from_yahoo("BTC-USD"), "BTC/USD");
    for (const char* bad : {"", "A/B/C", "/USD", "EUR/", "AA PL"}) {
        const auto r = yahoo_symbol(bad);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_TRUE(r.error().is_invalid_argument());
    }
}

TEST_F(YahooVenueTest, DailyChartSkipsNullRowsAdjustsAndStampsTheLocalDate) {
    serve("AAPL", "chart_aapl_1d.json");
    OhlcvRequest req;
    req.symbol = "AAPL/USD";
    req.timeframe = model::Timeframe::D1;
    req.since = 1699833600000;  // 2023-11-13
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    EXPECT_EQ(transport_->requests.back().url,
              "http://127.0.0.1:9/v8/finance/chart/AAPL?period1=1699833600&period2=1700300000&"
              "interval=1d&includePrePost=false");
    // Five rows, the 2023-11-15 one all null; bars stamped 00:00 UTC of their New York date.
    ASSERT_EQ(bars.size(), 4U);
    EXPECT_EQ(bars.ts()[0], 1699833600000);
    EXPECT_EQ(bars.ts()[1], 1699833600000 + kDay);
    EXPECT_EQ(bars.ts()[2], 1699833600000 + 3 * kDay);
    EXPECT_EQ(bars.ts()[3], 1699833600000 + 4 * kDay);
    // auto_adjust: OHLC scaled by adjclose / close, close = adjclose, volume unchanged.
    const double ratio = 184.57 / 184.8000030517578;
    EXPECT_DOUBLE_EQ(bars.open()[0], 185.82000732421875 * ratio);
    EXPECT_DOUBLE_EQ(bars.high()[0], 186.02999877929688 * ratio);
    EXPECT_DOUBLE_EQ(bars.low()[0], 184.2100067138672 * ratio);
    EXPECT_DOUBLE_EQ(bars.close()[0], 184.57);
    EXPECT_DOUBLE_EQ(bars.volume()[0], 43627500);
    EXPECT_DOUBLE_EQ(bars.close()[3], 189.69000244140625);
    EXPECT_DOUBLE_EQ(bars.open()[3], 190.25);
}

TEST_F(YahooVenueTest, DailyBarsTakeTheirExchangeDate) {
    // In July London is UTC+1: Yahoo's daily EURUSD=X bar for 2023-07-03 opens at 23:00 UTC on
    // the 2nd (the shape of chart_eurusd_1h.json, cut to one row).
    transport_->route(
        "GET", "/v8/finance/chart/EURUSD%3DX",
        R"({"chart":{"result":[{"meta":{"symbol":"EURUSD=X","gmtoffset":3600},)"
        R"("timestamp":[1688338800],"indicators":{"quote":[{"open":[1.0910],"high":[1.0935],)"
        R"("low":[1.0890],"close":[1.0915],"volume":[0]}]}}],"error":null}})");
    OhlcvRequest req;
    req.symbol = "EUR/USD";
    req.timeframe = model::Timeframe::D1;
    req.since = 1688256000000;  // 2023-07-02
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    ASSERT_EQ(bars.size(), 1U);
    EXPECT_EQ(bars.ts()[0], 1688342400000);  // 2023-07-03T00:00:00Z

    // New Zealand (UTC+13 in November): the 2023-11-17 session opens 10:00 local, 21:00 UTC on
    // the 16th; only the exchange's offset puts it on the 17th.
    transport_->route(
        "GET", "/v8/finance/chart/%5ENZ50",
        R"({"chart":{"result":[{"meta":{"symbol":"^NZ50","gmtoffset":46800},)"
        R"("timestamp":[1700168400],"indicators":{"quote":[{"open":[11200.5],"high":[11250],)"
        R"("low":[11180],"close":[11230.25],"volume":[0]}]}}],"error":null}})");
    req.symbol = "^NZ50";
    req.since = 1700092800000;  // 2023-11-16
    ASSERT_OK_AND_ASSIGN(const auto nz, venue_->ohlcv(req));
    ASSERT_EQ(nz.size(), 1U);
    EXPECT_EQ(nz.ts()[0], 1700179200000);  // 2023-11-17T00:00:00Z
}

TEST_F(YahooVenueTest, IntradayChartKeepsYahooTimesAndHonoursUntil) {
    serve("EURUSD%3DX", "chart_eurusd_1h.json");
    OhlcvRequest req;
    req.symbol = "EUR/USD";
    req.timeframe = model::Timeframe::H1;
    req.since = 1700215200000;
    req.until = 1700229600000;
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "period1=1700215200&period2=1700229600&interval=1h&includePrePost=false");
    ASSERT_EQ(bars.size(), 3U);
    EXPECT_EQ(bars.bar(0), (model::Bar{1700215200000, 1.0871, 1.0889, 1.0862, 1.0866, 0}));
    EXPECT_EQ(bars.ts()[1], 1700218800000);
    EXPECT_EQ(bars.ts()[2], 1700226000000);  // the null 12:00 row is skipped
    req.limit = 1;
    ASSERT_OK_AND_ASSIGN(const auto one, venue_->ohlcv(req));
    EXPECT_EQ(one.size(), 1U);
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "period1=1700215200&period2=1700218800&interval=1h&includePrePost=false");
}

TEST_F(YahooVenueTest, HistoryLimitsClampTheStartOrRefuseTheRequest) {
    serve("EURUSD%3DX", "chart_eurusd_1h.json");
    OhlcvRequest req;
    req.symbol = "EUR/USD";
    // 1m: 30 days back at most; a page holds 10,000 bars (the 7-day span never binds then).
    req.timeframe = model::Timeframe::M1;
    req.since = kNow - 40 * kDay;
    ASSERT_OK(venue_->ohlcv(req));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "period1=1697708000&period2=1698308000&interval=1m&includePrePost=false");
    req.until = kNow - 31 * kDay;
    const std::size_t sent = transport_->requests.size();
    const auto refused = venue_->ohlcv(req);
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(refused.error().is_invalid_argument());
    EXPECT_NE(refused.error().message().find("1m bars reach back 30 days"), std::string::npos)
        << refused.error().message();
    EXPECT_EQ(transport_->requests.size(), sent);
    // 5m and 15m: 60 days; 1h: 730 days; 1d: no limit.
    req.until = 0;
    req.timeframe = model::Timeframe::M15;
    req.since = kNow - 90 * kDay;
    ASSERT_OK(venue_->ohlcv(req));
    EXPECT_TRUE(url_query(transport_->requests.back().url).starts_with("period1=1695116000&"));
    req.timeframe = model::Timeframe::H1;
    req.since = kNow - 1000 * kDay;
    ASSERT_OK(venue_->ohlcv(req));
    EXPECT_TRUE(url_query(transport_->requests.back().url).starts_with("period1=1637228000&"));
    req.timeframe = model::Timeframe::D1;
    req.since = 631152000000;  // 1990-01-01
    ASSERT_OK(venue_->ohlcv(req));
    EXPECT_TRUE(url_query(transport_->requests.back().url).starts_with("period1=631152000&"));
}

TEST_F(YahooVenueTest, FourHourBarsAreNotNative) {
    EXPECT_FALSE(venue_->has_native_timeframe(model::Timeframe::H4));
    EXPECT_TRUE(venue_->has_native_timeframe(model::Timeframe::H1));
    OhlcvRequest req;
    req.symbol = "AAPL/USD";
    req.timeframe = model::Timeframe::H4;
    const auto r = venue_->ohlcv(req);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::NotSupported);
    EXPECT_TRUE(transport_->requests.empty());
}

TEST_F(YahooVenueTest, TickerReadsTheChartMeta) {
    serve("EURUSD%3DX", "chart_eurusd_1h.json");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->ticker("EUR/USD"));
    EXPECT_EQ(url_query(transport_->requests.back().url), "range=1d&interval=1d");
    EXPECT_EQ(t.symbol, "EUR/USD");
    EXPECT_EQ(t.ts, 1700226000000);
    EXPECT_DOUBLE_EQ(t.last, 1.0872);
    EXPECT_DOUBLE_EQ(t.high_24h, 1.0889);
    EXPECT_DOUBLE_EQ(t.low_24h, 1.0846);
    EXPECT_NEAR(t.change_pct_24h, (1.0872 - 1.0851) / 1.0851 * 100.0, 1e-12);
    const auto all = venue_->tickers({});
    ASSERT_FALSE(all.has_value());
    EXPECT_EQ(all.error().code(), ErrorCode::NotSupported);
}

TEST_F(YahooVenueTest, MarketsListTheRequestedSymbolsOnly) {
    ASSERT_OK_AND_ASSIGN(const auto none, venue_->markets());
    EXPECT_TRUE(none.empty());
    serve("AAPL", "chart_aapl_1d.json");
    serve("EURUSD%3DX", "chart_eurusd_1h.json");
    OhlcvRequest req;
    req.symbol = "AAPL/USD";
    req.timeframe = model::Timeframe::D1;
    req.since = 1699833600000;
    ASSERT_OK(venue_->ohlcv(req));
    ASSERT_OK(venue_->ticker("EUR/USD"));
    ASSERT_OK_AND_ASSIGN(const auto markets, venue_->markets());
    ASSERT_EQ(markets.size(), 2U);
    EXPECT_EQ(markets[0].symbol, "AAPL/USD");
    EXPECT_EQ(markets[0].venue_symbol, "AAPL");
    EXPECT_DOUBLE_EQ(markets[0].price_tick, 0.01);
    EXPECT_EQ(markets[1].symbol, "EUR/USD");
    EXPECT_EQ(markets[1].venue_symbol, "EURUSD=X");
    EXPECT_DOUBLE_EQ(markets[1].price_tick, 0.0001);
}

TEST_F(YahooVenueTest, EmptyRangeGivesNoBarsAndIndexTickersAreEncoded) {
    serve("%5EGSPC", "chart_empty.json");
    OhlcvRequest req;
    req.symbol = "^GSPC";
    req.timeframe = model::Timeframe::D1;
    req.since = kNow - 2 * kDay;
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    EXPECT_TRUE(bars.is_empty());
}

TEST_F(YahooVenueTest, ChartErrorBecomesOneClearError) {
    serve("ZZZZ", "chart_not_found.json", 404);
    OhlcvRequest req;
    req.symbol = "ZZZZ/USD";
    req.timeframe = model::Timeframe::D1;
    const auto r = venue_->ohlcv(req);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_not_found());
    EXPECT_EQ(r.error().message(),
              "yahoo chart ZZZZ: Not Found: No data found, symbol may be delisted");
    transport_->route("GET", "/v8/finance/chart/ZZZZ", "Too Many Requests", 429);
    const auto limited = venue_->ohlcv(req);
    ASSERT_FALSE(limited.has_value());
    EXPECT_TRUE(limited.error().is_io_error());
    EXPECT_NE(limited.error().message().find("HTTP 429"), std::string::npos);
}

TEST_F(YahooVenueTest, TradingCallsAreNotSupported) {
    NewOrder o;
    o.symbol = "AAPL/USD";
    EXPECT_EQ(venue_->order_book("AAPL/USD", 5).error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->recent_trades("AAPL/USD", 5).error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->balances().error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->create_order(o).error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->cancel_order("AAPL/USD", "1").error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->fetch_order("AAPL/USD", "1").error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->open_orders("").error().code(), ErrorCode::NotSupported);
    EXPECT_EQ(venue_->own_trades("", 0).error().code(), ErrorCode::NotSupported);
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->server_time());
    EXPECT_EQ(t, kNow);
}

}  // namespace
}  // namespace aitp::exchange
