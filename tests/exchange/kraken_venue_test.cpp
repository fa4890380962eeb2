// SPDX-License-Identifier: MIT
// The Kraken adapter against fixtures written from the response examples of Kraken's spot REST
// documentation (https://docs.kraken.com/api/docs/rest-api/get-server-time, .../get-tradable-
// asset-pairs, .../get-ohlc-data, .../get-ticker-information, .../get-order-book,
// .../get-recent-trades, .../get-account-balance, .../add-order, .../cancel-order,
// .../get-orders-info, .../get-open-orders, .../get-trade-history); expected values are read off
// the fixtures by hand.
#include "exchange/kraken_venue.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "exchange/fake_transport.hpp"
#include "exchange/signing.hpp"
#include "support/result.hpp"

namespace aitp::exchange {
namespace {

using testing::FakeTransport;
using testing::fixture;
using testing::header;
using testing::url_query;

// The secret printed in Kraken's authentication example (valid base64); the key is made up.
constexpr const char* kKey = "KRAKEN-test-key-0123456789";
constexpr const char* kSecret =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
constexpr UnixMillis kNow = 1700000000000;

class KrakenVenueTest : public ::testing::Test {
  protected:
    KrakenVenueTest() : clock_(kNow) {
        transport_ = std::make_shared<FakeTransport>();
        transport_->route("GET", "/0/public/AssetPairs", fixture("kraken", "asset_pairs.json"));
        VenueConfig config;
        config.venue = VenueId::Kraken;
        config.base_url = "http://127.0.0.1:9";
        config.api_key = kKey;
        config.api_secret = kSecret;
        venue_ = make_kraken_venue(config, transport_, clock_);
    }

    void route(const std::string& method, const std::string& name) {
        transport_->route(method, method == "GET" ? "/0/public/" + name : "/0/private/" + name,
                          fixture("kraken", snake(name) + ".json"));
    }
    static std::string snake(const std::string& name) {
        std::string s;
        for (const char c : name) {
            if (std::isupper(static_cast<unsigned char>(c)) && !s.empty()) s += '_';
            s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return s;
    }

    ManualClock clock_;
    std::shared_ptr<FakeTransport> transport_;
    std::unique_ptr<Venue> venue_;
};

TEST_F(KrakenVenueTest, ServerTimeReadsUnixtimeInSeconds) {
    route("GET", "Time");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->server_time());
    EXPECT_EQ(t, 1688669448000);
    EXPECT_EQ(transport_->requests.back().url, "http://127.0.0.1:9/0/public/Time");
}

TEST_F(KrakenVenueTest, MarketsMapKrakenAssetCodesToUnifiedSymbols) {
    ASSERT_OK_AND_ASSIGN(const auto markets, venue_->markets());
    ASSERT_EQ(markets.size(), 2U);
    // Sorted by unified symbol: ETH/BTC (XETHXXBT, wsname ETH/XBT), BTC/USD (XXBTZUSD).
    EXPECT_EQ(markets[0].symbol, "BTC/USD");
    EXPECT_EQ(markets[0].venue_symbol, "XXBTZUSD");
    EXPECT_EQ(markets[0].base, "BTC");
    EXPECT_EQ(markets[0].quote, "USD");
    EXPECT_DOUBLE_EQ(markets[0].price_tick, 0.1);
    EXPECT_DOUBLE_EQ(markets[0].lot_step, 1e-8);
    EXPECT_DOUBLE_EQ(markets[0].min_qty, 0.0001);
    EXPECT_DOUBLE_EQ(markets[0].min_notional, 0.5);
    EXPECT_TRUE(markets[0].active);
    EXPECT_EQ(markets[1].symbol, "ETH/BTC");
    EXPECT_EQ(markets[1].venue_symbol, "XETHXXBT");
    EXPECT_DOUBLE_EQ(markets[1].price_tick, 0.00001);
    EXPECT_DOUBLE_EQ(markets[1].min_qty, 0.01);
}

TEST_F(KrakenVenueTest, OhlcvSendsPairIntervalAndSinceAndParsesRows) {
    transport_->route("GET", "/0/public/OHLC", fixture("kraken", "ohlc.json"));
    OhlcvRequest req;
    req.symbol = "BTC/USD";
    req.timeframe = model::Timeframe::M1;
    req.since = 1688671200000;
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    // since is sent in seconds, one second early so that the bar opening at `since` comes back.
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "pair=XXBTZUSD&interval=1&since=1688671199");
    ASSERT_EQ(bars.size(), 4U);
    EXPECT_EQ(bars.bar(0),
              (model::Bar{1688671200000, 30306.1, 30306.2, 30305.7, 30305.7, 3.39243896}));
    EXPECT_EQ(bars.bar(3),
              (model::Bar{1688671380000, 30291.8, 30295.1, 30291.8, 30295.0, 1.01836275}));
}

TEST_F(KrakenVenueTest, OhlcvKeepsBarsInsideSinceUntilAndLimit) {
    transport_->route("GET", "/0/public/OHLC", fixture("kraken", "ohlc.json"));
    OhlcvRequest req;
    req.symbol = "btc/usd";
    req.timeframe = model::Timeframe::H1;
    req.since = 1688671260000;  // drops the first bar
    req.until = 1688671380000;  // drops the last (exclusive)
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "pair=XXBTZUSD&interval=60&since=1688671259");
    ASSERT_EQ(bars.size(), 2U);
    EXPECT_EQ(bars.ts()[0], 1688671260000);
    EXPECT_EQ(bars.ts()[1], 1688671320000);
    req.until = 0;
    req.limit = 1;
    ASSERT_OK_AND_ASSIGN(const auto one, venue_->ohlcv(req));
    ASSERT_EQ(one.size(), 1U);
    EXPECT_EQ(venue_->max_ohlcv_page(), 720);
}

TEST_F(KrakenVenueTest, TickerParsesTheDocumentedFields) {
    route("GET", "Ticker");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->ticker("BTC/USD"));
    EXPECT_EQ(url_query(transport_->requests.back().url), "pair=XXBTZUSD");
    EXPECT_EQ(t.symbol, "BTC/USD");
    EXPECT_EQ(t.ts, kNow);
    EXPECT_DOUBLE_EQ(t.last, 30303.2);
    EXPECT_DOUBLE_EQ(t.ask, 30300.1);
    EXPECT_DOUBLE_EQ(t.bid, 30300.0);
    EXPECT_DOUBLE_EQ(t.bid_qty, 1.0);
    EXPECT_DOUBLE_EQ(t.open_24h, 30502.8);
    EXPECT_DOUBLE_EQ(t.high_24h, 31631.0);
    EXPECT_DOUBLE_EQ(t.low_24h, 29868.3);
    EXPECT_DOUBLE_EQ(t.volume_24h, 4412.73601799);
    EXPECT_NEAR(t.change_pct_24h, (30303.2 - 30502.8) / 30502.8 * 100.0, 1e-12);
}

TEST_F(KrakenVenueTest, OrderBookParsesBothSidesBestFirst) {
    route("GET", "Depth");
    ASSERT_OK_AND_ASSIGN(const auto book, venue_->order_book("BTC/USD", 3));
    EXPECT_EQ(url_query(transport_->requests.back().url), "pair=XXBTZUSD&count=3");
    ASSERT_EQ(book.bids.size(), 3U);
    ASSERT_EQ(book.asks.size(), 3U);
    EXPECT_EQ(book.bids[0], (BookLevel{30297.0, 1.115}));
    EXPECT_EQ(book.asks[0], (BookLevel{30384.1, 2.059}));
    EXPECT_EQ(book.asks[2], (BookLevel{30393.7, 9.871}));
    EXPECT_EQ(book.ts, 1688671674000);  // the newest level's timestamp
}

TEST_F(KrakenVenueTest, RecentTradesParseSideTimeAndId) {
    route("GET", "Trades");
    ASSERT_OK_AND_ASSIGN(const auto trades, venue_->recent_trades("BTC/USD", 3));
    EXPECT_EQ(url_query(transport_->requests.back().url), "pair=XXBTZUSD&count=3");
    ASSERT_EQ(trades.size(), 3U);
    EXPECT_EQ(trades[0].id, "61044952");
    EXPECT_EQ(trades[0].ts, 1688669597828);
    EXPECT_DOUBLE_EQ(trades[0].price, 30243.4);
    EXPECT_DOUBLE_EQ(trades[0].qty, 0.34507674);
    EXPECT_EQ(trades[0].taker_side, model::OrderSide::Buy);
    EXPECT_EQ(trades[1].taker_side, model::OrderSide::Sell);
}

TEST_F(KrakenVenueTest, BalanceIsASignedFormPostAndMapsAssetCodes) {
    route("POST", "Balance");
    ASSERT_OK_AND_ASSIGN(const auto balances, venue_->balances());
    const auto& r = transport_->requests.back();
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, "http://127.0.0.1:9/0/private/Balance");
    EXPECT_EQ(r.body, "nonce=1700000000000");
    EXPECT_EQ(header(r, "API-Key"), kKey);
    EXPECT_EQ(header(r, "Content-Type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(r.weight, 1);
    EXPECT_EQ(r.endpoint, "POST /0/private/Balance");
    // The signature helper is checked against Kraken's published example in SigningTest.
    ASSERT_OK_AND_ASSIGN(const auto sig, kraken_signature("/0/private/Balance", "1700000000000",
                                                          "nonce=1700000000000", kSecret));
    EXPECT_EQ(header(r, "API-Sign"), sig);
    EXPECT_EQ(r.url.find(kSecret), std::string::npos);
    ASSERT_EQ(balances.size(), 7U);
    std::map<std::string, double> by_asset;
    for (const auto& b : balances) by_asset[b.asset] = b.free;
    EXPECT_DOUBLE_EQ(by_asset.at("BTC"), 1011.19088779);
    EXPECT_DOUBLE_EQ(by_asset.at("ETH"), 818.55);
    EXPECT_DOUBLE_EQ(by_asset.at("USD"), 171288.6158);
    EXPECT_DOUBLE_EQ(by_asset.at("EUR"), 504861.8946);
    EXPECT_DOUBLE_EQ(by_asset.at("DOT"), 2.5);
    EXPECT_TRUE(by_asset.contains("ETH2.S"));
}

TEST_F(KrakenVenueTest, NoncesStrictlyIncreaseWhenTheClockStandsStill) {
    route("POST", "Balance");
    ASSERT_OK(venue_->balances());
    ASSERT_OK(venue_->balances());
    clock_.set(kNow - 5000);  // a clock stepping back must not repeat a nonce either
    ASSERT_OK(venue_->balances());
    ASSERT_EQ(transport_->requests.size(), 3U);
    EXPECT_EQ(transport_->requests[0].body, "nonce=1700000000000");
    EXPECT_EQ(transport_->requests[1].body, "nonce=1700000000001");
    EXPECT_EQ(transport_->requests[2].body, "nonce=1700000000002");
}

TEST_F(KrakenVenueTest, CreateOrderSendsTheDocumentedForm) {
    route("POST", "AddOrder");
    NewOrder o;
    o.symbol = "BTC/USD";
    o.side = model::OrderSide::Buy;
    o.type = model::OrderType::Limit;
    o.qty = 1.25;
    o.price = 27500;
    o.client_order_id = "my-1";
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->create_order(o));
    const auto& r = transport_->last("/0/private/AddOrder");
    EXPECT_EQ(r.body,
              "nonce=1700000000000&ordertype=limit&type=buy&volume=1.25&pair=XXBTZUSD&"
              "price=27500&timeinforce=GTC&cl_ord_id=my-1");
    ASSERT_OK_AND_ASSIGN(const auto sig,
                         kraken_signature("/0/private/AddOrder", "1700000000000", r.body, kSecret));
    EXPECT_EQ(header(r, "API-Sign"), sig);
    EXPECT_EQ(v.id, "OU22CG-KLAF2-FWUDD7");
    EXPECT_EQ(v.status, model::OrderStatus::Open);
    EXPECT_EQ(v.symbol, "BTC/USD");
    EXPECT_DOUBLE_EQ(v.qty, 1.25);

    o.type = model::OrderType::Market;
    o.side = model::OrderSide::Sell;
    o.qty = 0.00001;
    o.client_order_id.clear();
    ASSERT_OK(venue_->create_order(o));
    EXPECT_EQ(transport_->last("/0/private/AddOrder").body,
              "nonce=1700000000001&ordertype=market&type=sell&volume=0.00001&pair=XXBTZUSD");
    o.type = model::OrderType::Stop;
    const auto bad = venue_->create_order(o);
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().is_invalid_argument());
}

TEST_F(KrakenVenueTest, CancelOrderSendsTheTxid) {
    route("POST", "CancelOrder");
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->cancel_order("BTC/USD", "OYVGEW-VYV5B-UUEXSK"));
    EXPECT_EQ(transport_->last("/0/private/CancelOrder").body,
              "nonce=1700000000000&txid=OYVGEW-VYV5B-UUEXSK");
    EXPECT_EQ(v.status, model::OrderStatus::Cancelled);
    EXPECT_EQ(v.id, "OYVGEW-VYV5B-UUEXSK");
}

TEST_F(KrakenVenueTest, FetchOrderMapsStatusAndAveragePrice) {
    route("POST", "QueryOrders");
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->fetch_order("BTC/USD", "OBCMZD-JIEE7-77TH3F"));
    EXPECT_EQ(transport_->last("/0/private/QueryOrders").body,
              "nonce=1700000000000&txid=OBCMZD-JIEE7-77TH3F");
    EXPECT_EQ(v.symbol, "BTC/USD");  // descr.pair is the altname XBTUSD
    EXPECT_EQ(v.status, model::OrderStatus::Filled);
    EXPECT_EQ(v.side, model::OrderSide::Buy);
    EXPECT_EQ(v.type, model::OrderType::Limit);
    EXPECT_DOUBLE_EQ(v.qty, 1.25);
    EXPECT_DOUBLE_EQ(v.filled_qty, 1.25);
    EXPECT_DOUBLE_EQ(v.price, 27500.0);
    EXPECT_DOUBLE_EQ(v.avg_price, 34375.0 / 1.25);
    EXPECT_EQ(v.created_ts, 1688665496781);
    EXPECT_EQ(v.updated_ts, 1688665499192);
    const auto missing = venue_->fetch_order("BTC/USD", "NOPE");
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().is_not_found());
}

TEST_F(KrakenVenueTest, OpenOrdersMapPairsAndFilterBySymbol) {
    route("POST", "OpenOrders");
    ASSERT_OK_AND_ASSIGN(const auto all, venue_->open_orders(""));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].symbol, "ETH/BTC");  // opened first
    EXPECT_EQ(all[0].side, model::OrderSide::Sell);
    EXPECT_EQ(all[0].status, model::OrderStatus::Open);
    EXPECT_EQ(all[1].id, "OQCLML-BW3P3-BUCMWZ");
    EXPECT_EQ(all[1].status, model::OrderStatus::PartialFill);
    EXPECT_DOUBLE_EQ(all[1].filled_qty, 0.375);
    ASSERT_OK_AND_ASSIGN(const auto btc, venue_->open_orders("BTC/USD"));
    ASSERT_EQ(btc.size(), 1U);
    EXPECT_EQ(btc[0].id, "OQCLML-BW3P3-BUCMWZ");
}

TEST_F(KrakenVenueTest, OwnTradesComeOldestFirstWithFeeInQuote) {
    route("POST", "TradesHistory");
    ASSERT_OK_AND_ASSIGN(const auto trades, venue_->own_trades("BTC/USD", 1688667700000));
    EXPECT_EQ(transport_->last("/0/private/TradesHistory").body,
              "nonce=1700000000000&start=1688667699");
    EXPECT_EQ(transport_->last("/0/private/TradesHistory").weight, 2);  // history costs 2
    ASSERT_EQ(trades.size(), 2U);
    EXPECT_EQ(trades[0].id, "TCWJEG-FL4SZ-3FKGH6");
    EXPECT_EQ(trades[0].order_id, "OQCLML-BW3P3-BUCMWZ");
    EXPECT_EQ(trades[0].symbol, "BTC/USD");
    EXPECT_DOUBLE_EQ(trades[0].qty, 0.01);
    EXPECT_DOUBLE_EQ(trades[0].fee, 0.78026);
    EXPECT_EQ(trades[0].fee_asset, "USD");
    EXPECT_FALSE(trades[0].maker);
    EXPECT_TRUE(trades[1].maker);
    EXPECT_EQ(trades[1].ts, 1688667796880);
}

TEST_F(KrakenVenueTest, ErrorArrayBecomesOneClearError) {
    transport_->route("POST", "/0/private/AddOrder",
                      fixture("kraken", "error_invalid_arguments.json"));
    NewOrder o;
    o.symbol = "BTC/USD";
    o.qty = 1;
    o.price = 1;
    const auto r = venue_->create_order(o);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_invalid_argument());
    EXPECT_EQ(r.error().message(), "kraken AddOrder: EGeneral:Invalid arguments");

    transport_->route("GET", "/0/public/Ticker", R"({"error":["EQuery:Unknown asset pair"]})", 400);
    const auto t = venue_->ticker("BTC/USD");
    ASSERT_FALSE(t.has_value());
    EXPECT_TRUE(t.error().is_not_found());

    const auto unknown = venue_->ticker("DOGE/JPY");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_TRUE(unknown.error().is_not_found());
    EXPECT_NE(unknown.error().message().find("DOGE/JPY"), std::string::npos);

    transport_->route("GET", "/0/public/Time", "<html>bad gateway</html>", 502);
    const auto time = venue_->server_time();
    ASSERT_FALSE(time.has_value());
    EXPECT_TRUE(time.error().is_io_error());
    EXPECT_NE(time.error().message().find("HTTP 502"), std::string::npos);
    transport_->route("GET", "/0/public/Time", "<html>ok?</html>");
    const auto html = venue_->server_time();
    ASSERT_FALSE(html.has_value());
    EXPECT_TRUE(html.error().is_corruption());
    transport_->route("GET", "/0/public/Time", R"({"error":[],"result":{"unixtime":"x"}})");
    const auto shape = venue_->server_time();
    ASSERT_FALSE(shape.has_value());
    EXPECT_NE(shape.error().message().find("unixtime"), std::string::npos);
}

TEST_F(KrakenVenueTest, NoKeyOrSecretInAnyErrorMessage) {
    // The venue echoes the key and secret back (as a hostile or broken server might).
    const std::string echo =
        std::string(R"({"error":["EAPI:Invalid key )") + kKey + " " + kSecret + R"("]})";
    for (const char* path :
         {"/0/private/Balance", "/0/private/AddOrder", "/0/private/CancelOrder",
          "/0/private/QueryOrders", "/0/private/OpenOrders", "/0/private/TradesHistory"}) {
        transport_->route("POST", path, echo, 403);
    }
    NewOrder o;
    o.symbol = "BTC/USD";
    o.qty = 1;
    o.price = 1;
    std::vector<Error> errors;
    auto collect = [&](const auto& r) {
        ASSERT_FALSE(r.has_value());
        errors.push_back(r.error());
    };
    collect(venue_->balances());
    collect(venue_->create_order(o));
    collect(venue_->cancel_order("BTC/USD", "X"));
    collect(venue_->fetch_order("BTC/USD", "X"));
    collect(venue_->open_orders(""));
    collect(venue_->own_trades("", 0));
    transport_->fail_with = Error::io_error(std::string("connect failed for ") + kKey);
    collect(venue_->balances());
    VenueConfig bad;
    bad.api_key = kKey;
    bad.api_secret = "not*base64*secret";
    auto venue = make_kraken_venue(bad, transport_, clock_);
    collect(venue->balances());
    ASSERT_EQ(errors.size(), 8U);
    for (const auto& e : errors) {
        EXPECT_EQ(e.message().find(kKey), std::string::npos) << e.message();
        EXPECT_EQ(e.message().find(kSecret), std::string::npos) << e.message();
        EXPECT_EQ(e.message().find("not*base64"), std::string::npos) << e.message();
    }
    EXPECT_NE(errors[0].message().find("EAPI:Invalid key <redacted>"), std::string::npos)
        << errors[0].message();
}

TEST_F(KrakenVenueTest, PrivateCallsNeedAKeyAndSecret) {
    auto venue = make_kraken_venue(VenueConfig{}, transport_, clock_);
    const auto r = venue->balances();
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_invalid_argument());
    EXPECT_TRUE(transport_->requests.empty());
}

}  // namespace
}  // namespace aitp::exchange
