// SPDX-License-Identifier: MIT
// The Coinbase Advanced Trade adapter (public market data) against fixtures written from the
// response schemas and examples of Coinbase's Advanced Trade REST reference
// (https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-server-time,
// .../list-public-products, .../get-public-product, .../get-public-product-candles,
// .../get-public-product-book, .../get-public-market-trades); expected values are read off the
// fixtures by hand.
#include "exchange/coinbase_venue.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "exchange/fake_transport.hpp"
#include "support/result.hpp"

namespace aitp::exchange {
namespace {

using testing::FakeTransport;
using testing::fixture;
using testing::url_query;

constexpr UnixMillis kNow = 1712200000000;  // 2024-04-04T03:06:40Z
constexpr const char* kMarket = "/api/v3/brokerage/market";

class CoinbaseVenueTest : public ::testing::Test {
  protected:
    CoinbaseVenueTest() : clock_(kNow) {
        transport_ = std::make_shared<FakeTransport>();
        VenueConfig config;
        config.venue = VenueId::Coinbase;
        config.base_url = "http://127.0.0.1:9";
        config.api_key = "organizations/x/apiKeys/COINBASE-KEY";
        config.api_secret = "-----BEGIN EC PRIVATE KEY-----COINBASE-SECRET";
        venue_ = make_coinbase_venue(config, transport_, clock_);
    }
    void serve(const std::string& path, const std::string& name) {
        transport_->route("GET", path, fixture("coinbase", name));
    }

    ManualClock clock_;
    std::shared_ptr<FakeTransport> transport_;
    std::unique_ptr<Venue> venue_;
};

TEST_F(CoinbaseVenueTest, ServerTimeReadsEpochMillis) {
    serve("/api/v3/brokerage/time", "time.json");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->server_time());
    EXPECT_EQ(t, 1685557816034);
}

TEST_F(CoinbaseVenueTest, MarketsMapProductsBothWays) {
    serve(std::string(kMarket) + "/products", "products.json");
    ASSERT_OK_AND_ASSIGN(const auto markets, venue_->markets());
    EXPECT_EQ(url_query(transport_->requests.back().url), "product_type=SPOT");
    ASSERT_EQ(markets.size(), 2U);
    EXPECT_EQ(markets[0].symbol, "BTC/USD");
    EXPECT_EQ(markets[0].venue_symbol, "BTC-USD");
    EXPECT_DOUBLE_EQ(markets[0].price_tick, 0.01);
    EXPECT_DOUBLE_EQ(markets[0].lot_step, 1e-8);
    EXPECT_DOUBLE_EQ(markets[0].min_qty, 1e-8);
    EXPECT_DOUBLE_EQ(markets[0].min_notional, 1.0);
    EXPECT_TRUE(markets[0].active);
    EXPECT_EQ(markets[1].symbol, "ETH/EUR");
    EXPECT_DOUBLE_EQ(markets[1].min_qty, 0.00022);
    EXPECT_FALSE(markets[1].active);  // trading_disabled
}

TEST_F(CoinbaseVenueTest, CandlesUseGranularityNamesAndComeBackAscending) {
    serve(std::string(kMarket) + "/products/BTC-USD/candles", "candles.json");
    OhlcvRequest req;
    req.symbol = "BTC/USD";
    req.timeframe = model::Timeframe::H1;
    req.since = 1712185200000;
    req.limit = 3;
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    // start and end are UNIX seconds, both inclusive: three hourly candles from `since`.
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "start=1712185200&end=1712192400&granularity=ONE_HOUR&limit=3");
    ASSERT_EQ(bars.size(), 3U);
    EXPECT_EQ(bars.bar(0), (model::Bar{1712185200000, 65900.01, 66100.5, 65800, 65984.18, 401.5}));
    EXPECT_EQ(bars.bar(2),
              (model::Bar{1712192400000, 66312.4, 66331.99, 66055.14, 66181.6, 355.82896243}));
    EXPECT_EQ(venue_->max_ohlcv_page(), 350);

    req.timeframe = model::Timeframe::M15;
    req.limit = 0;
    ASSERT_OK(venue_->ohlcv(req));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "start=1712185200&end=1712499300&granularity=FIFTEEN_MINUTE&limit=350");
}

TEST_F(CoinbaseVenueTest, CandlesWithoutSinceAskForTheLatestPage) {
    serve(std::string(kMarket) + "/products/BTC-USD/candles", "candles.json");
    OhlcvRequest req;
    req.symbol = "BTC/USD";
    req.timeframe = model::Timeframe::D1;
    req.limit = 2;
    ASSERT_OK(venue_->ohlcv(req));
    // Today (2024-04-04) and yesterday.
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "start=1712102400&end=1712188800&granularity=ONE_DAY&limit=2");
}

TEST_F(CoinbaseVenueTest, FourHourCandlesAreNotNative) {
    EXPECT_FALSE(venue_->has_native_timeframe(model::Timeframe::H4));
    EXPECT_TRUE(venue_->has_native_timeframe(model::Timeframe::H1));
    OhlcvRequest req;
    req.symbol = "BTC/USD";
    req.timeframe = model::Timeframe::H4;
    const auto r = venue_->ohlcv(req);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::NotSupported);
    EXPECT_TRUE(transport_->requests.empty());
}

TEST_F(CoinbaseVenueTest, TickerCombinesProductAndBestBidAsk) {
    serve(std::string(kMarket) + "/products/BTC-USD", "product.json");
    serve(std::string(kMarket) + "/products/BTC-USD/ticker", "ticker.json");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->ticker("BTC/USD"));
    EXPECT_EQ(t.symbol, "BTC/USD");
    EXPECT_DOUBLE_EQ(t.last, 68923.665);
    EXPECT_DOUBLE_EQ(t.bid, 68923.66);
    EXPECT_DOUBLE_EQ(t.ask, 68923.67);
    EXPECT_DOUBLE_EQ(t.volume_24h, 8043.41617466);
    EXPECT_DOUBLE_EQ(t.change_pct_24h, -1.25);
    EXPECT_NEAR(t.open_24h * (1 - 0.0125), 68923.665, 1e-6);
    EXPECT_EQ(t.ts, 1712449740120);  // the newest trade: 2024-04-07T00:29:00.120Z
}

TEST_F(CoinbaseVenueTest, TickersListRequestedProducts) {
    serve(std::string(kMarket) + "/products", "products.json");
    const std::vector<std::string> symbols = {"BTC/USD", "ETH/EUR"};
    ASSERT_OK_AND_ASSIGN(const auto all, venue_->tickers(symbols));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "product_type=SPOT&product_ids=BTC-USD&product_ids=ETH-EUR");
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[1].symbol, "ETH/EUR");
    EXPECT_DOUBLE_EQ(all[1].change_pct_24h, 2.5);
}

TEST_F(CoinbaseVenueTest, ProductBookParsesPriceLevels) {
    serve(std::string(kMarket) + "/product_book", "product_book.json");
    ASSERT_OK_AND_ASSIGN(const auto book, venue_->order_book("BTC/USD", 3));
    EXPECT_EQ(url_query(transport_->requests.back().url), "product_id=BTC-USD&limit=3");
    EXPECT_EQ(book.symbol, "BTC/USD");
    EXPECT_EQ(book.ts, 1712449739662);
    ASSERT_EQ(book.bids.size(), 3U);
    EXPECT_EQ(book.bids[0], (BookLevel{68923.66, 0.17189468}));
    EXPECT_EQ(book.asks[1], (BookLevel{68926.0, 0.058}));
}

TEST_F(CoinbaseVenueTest, RecentTradesComeOldestFirst) {
    serve(std::string(kMarket) + "/products/BTC-USD/ticker", "ticker.json");
    ASSERT_OK_AND_ASSIGN(const auto trades, venue_->recent_trades("BTC/USD", 2));
    EXPECT_EQ(url_query(transport_->requests.back().url), "limit=2");
    ASSERT_EQ(trades.size(), 2U);
    EXPECT_EQ(trades[0].id, "34b080bf-fcfd-445a-832b-46b5ddc65601");
    EXPECT_EQ(trades[0].ts, 1712449739500);
    EXPECT_DOUBLE_EQ(trades[0].qty, 0.25);
    EXPECT_EQ(trades[0].taker_side, model::OrderSide::Buy);
    EXPECT_EQ(trades[1].taker_side, model::OrderSide::Sell);
}

TEST_F(CoinbaseVenueTest, PrivateCallsAreNotSupported) {
    NewOrder o;
    o.symbol = "BTC/USD";
    const std::vector<Error> errors = {venue_->balances().error(),
                                       venue_->create_order(o).error(),
                                       venue_->cancel_order("BTC/USD", "1").error(),
                                       venue_->fetch_order("BTC/USD", "1").error(),
                                       venue_->open_orders("").error(),
                                       venue_->own_trades("", 0).error()};
    for (const auto& e : errors) {
        EXPECT_EQ(e.code(), ErrorCode::NotSupported);
        EXPECT_NE(e.message().find("coinbase"), std::string::npos);
        EXPECT_EQ(e.message().find("COINBASE-KEY"), std::string::npos);
        EXPECT_EQ(e.message().find("COINBASE-SECRET"), std::string::npos);
    }
    EXPECT_TRUE(transport_->requests.empty());
}

TEST_F(CoinbaseVenueTest, ErrorBodyBecomesOneClearError) {
    transport_->route("GET", std::string(kMarket) + "/products/BTC-XYZ/candles",
                      fixture("coinbase", "error_not_found.json"), 404);
    OhlcvRequest req;
    req.symbol = "BTC/XYZ";
    req.since = 1712185200000;
    const auto r = venue_->ohlcv(req);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_not_found());
    EXPECT_EQ(r.error().message(),
              "coinbase /market/products/{product_id}/candles: HTTP 404: NOT_FOUND: ProductID "
              "BTC-XYZ could not be found");
    const auto bad = venue_->ticker("BTC-USD");
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().is_invalid_argument());
}

}  // namespace
}  // namespace aitp::exchange
