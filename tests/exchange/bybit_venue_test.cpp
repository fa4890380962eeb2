// SPDX-License-Identifier: MIT
// The Bybit v5 spot adapter against fixtures written from the response examples of Bybit's v5
// documentation (https://bybit-exchange.github.io/docs/v5/market/time, .../market/instrument,
// .../market/kline, .../market/tickers, .../market/orderbook, .../market/recent-trade,
// .../account/wallet-balance, .../order/create-order, .../order/cancel-order,
// .../order/open-order, .../order/execution); expected values are read off the fixtures by hand.
#include "exchange/bybit_venue.hpp"

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

constexpr const char* kKey = "BYBIT-key-XXXXXXXXXX";
constexpr const char* kSecret = "BYBIT-secret-YYYYYYYYYYYYYYYYYYYY";
constexpr UnixMillis kNow = 1700000000000;

class BybitVenueTest : public ::testing::Test {
  protected:
    BybitVenueTest() : clock_(kNow) {
        transport_ = std::make_shared<FakeTransport>();
        serve("GET", "/v5/market/instruments-info", "instruments_info.json");
        VenueConfig config;
        config.venue = VenueId::Bybit;
        config.base_url = "http://127.0.0.1:9/";
        config.api_key = kKey;
        config.api_secret = kSecret;
        venue_ = make_bybit_venue(config, transport_, clock_);
    }

    void serve(const std::string& method, const std::string& path, const std::string& name) {
        transport_->route(method, path, fixture("bybit", name));
    }

    // Checks the four X-BAPI headers of a signed request against the documented recipe.
    static void expect_signed(const HttpRequest& r, const std::string& ts,
                              const std::string& payload) {
        EXPECT_EQ(header(r, "X-BAPI-API-KEY"), kKey);
        EXPECT_EQ(header(r, "X-BAPI-TIMESTAMP"), ts);
        EXPECT_EQ(header(r, "X-BAPI-RECV-WINDOW"), "5000");
        EXPECT_EQ(header(r, "X-BAPI-SIGN"), hmac_sha256_hex(kSecret, ts + kKey + "5000" + payload));
    }

    ManualClock clock_;
    std::shared_ptr<FakeTransport> transport_;
    std::unique_ptr<Venue> venue_;
};

TEST_F(BybitVenueTest, ServerTimeReadsTheEnvelopeTime) {
    serve("GET", "/v5/market/time", "time.json");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->server_time());
    EXPECT_EQ(t, 1688639403423);
    EXPECT_EQ(transport_->requests.back().url, "http://127.0.0.1:9/v5/market/time");
    EXPECT_TRUE(transport_->requests.back().headers.empty());  // public: unsigned
}

TEST_F(BybitVenueTest, MarketsCarryPrecisionLotAndMinNotional) {
    ASSERT_OK_AND_ASSIGN(const auto markets, venue_->markets());
    EXPECT_EQ(url_query(transport_->requests.back().url), "category=spot");
    ASSERT_EQ(markets.size(), 2U);
    EXPECT_EQ(markets[0].symbol, "BTC/USDT");
    EXPECT_EQ(markets[0].venue_symbol, "BTCUSDT");
    EXPECT_DOUBLE_EQ(markets[0].price_tick, 0.01);
    EXPECT_DOUBLE_EQ(markets[0].lot_step, 0.000001);
    EXPECT_DOUBLE_EQ(markets[0].min_qty, 0.000048);
    EXPECT_DOUBLE_EQ(markets[0].min_notional, 1.0);
    EXPECT_TRUE(markets[0].active);
    EXPECT_EQ(markets[1].symbol, "ETH/USDT");
}

TEST_F(BybitVenueTest, KlinesComeBackAscendingAndTheRequestBoundsThePage) {
    serve("GET", "/v5/market/kline", "kline.json");
    OhlcvRequest req;
    req.symbol = "BTC/USDT";
    req.timeframe = model::Timeframe::H1;
    req.since = 1670601600000;
    req.limit = 3;
    ASSERT_OK_AND_ASSIGN(const auto bars, venue_->ohlcv(req));
    // end = since + 3 bars - 1 ms, so that Bybit's newest-first page starts at `since`.
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "category=spot&symbol=BTCUSDT&interval=60&start=1670601600000&end=1670612399999&"
              "limit=3");
    ASSERT_EQ(bars.size(), 3U);
    EXPECT_EQ(bars.bar(0), (model::Bar{1670601600000, 17086.5, 17088, 16978, 17071.5, 6356}));
    EXPECT_EQ(bars.bar(2), (model::Bar{1670608800000, 17071, 17073, 17027, 17055.5, 268611}));
    ASSERT_OK(bars.check_strictly_increasing());

    req.timeframe = model::Timeframe::D1;
    req.limit = 0;
    req.until = 1670608800000;  // exclusive: drops the newest bar
    ASSERT_OK_AND_ASSIGN(const auto two, venue_->ohlcv(req));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "category=spot&symbol=BTCUSDT&interval=D&start=1670601600000&end=1670608799999&"
              "limit=1000");
    EXPECT_EQ(two.size(), 2U);
}

TEST_F(BybitVenueTest, TickerParsesTheDocumentedFields) {
    serve("GET", "/v5/market/tickers", "tickers.json");
    ASSERT_OK_AND_ASSIGN(const auto t, venue_->ticker("BTC/USDT"));
    EXPECT_EQ(url_query(transport_->requests.back().url), "category=spot&symbol=BTCUSDT");
    EXPECT_EQ(t.symbol, "BTC/USDT");
    EXPECT_EQ(t.ts, 1673859087947);
    EXPECT_DOUBLE_EQ(t.last, 20533.13);
    EXPECT_DOUBLE_EQ(t.bid, 20517.96);
    EXPECT_DOUBLE_EQ(t.bid_qty, 2.0);
    EXPECT_DOUBLE_EQ(t.ask, 20527.77);
    EXPECT_DOUBLE_EQ(t.ask_qty, 1.862172);
    EXPECT_DOUBLE_EQ(t.open_24h, 20393.48);
    EXPECT_DOUBLE_EQ(t.high_24h, 21128.12);
    EXPECT_DOUBLE_EQ(t.low_24h, 20318.89);
    EXPECT_DOUBLE_EQ(t.volume_24h, 11801.27771);
    EXPECT_DOUBLE_EQ(t.change_pct_24h, 0.68);
}

TEST_F(BybitVenueTest, OrderBookParsesSidesAndUpdateId) {
    serve("GET", "/v5/market/orderbook", "orderbook.json");
    ASSERT_OK_AND_ASSIGN(const auto book, venue_->order_book("BTC/USDT", 500));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "category=spot&symbol=BTCUSDT&limit=200");  // spot allows 200 at most
    EXPECT_EQ(book.sequence, 230704);
    EXPECT_EQ(book.ts, 1716863719031);
    ASSERT_EQ(book.bids.size(), 2U);
    EXPECT_EQ(book.bids[0], (BookLevel{65485.47, 47.081829}));
    EXPECT_EQ(book.asks[1], (BookLevel{65558.1, 0.012}));
}

TEST_F(BybitVenueTest, RecentTradesComeOldestFirstWithTakerSide) {
    serve("GET", "/v5/market/recent-trade", "recent_trade.json");
    ASSERT_OK_AND_ASSIGN(const auto trades, venue_->recent_trades("BTC/USDT", 2));
    EXPECT_EQ(url_query(transport_->requests.back().url), "category=spot&symbol=BTCUSDT&limit=2");
    ASSERT_EQ(trades.size(), 2U);
    EXPECT_EQ(trades[0].id, "2100000000007764263");
    EXPECT_EQ(trades[0].ts, 1672052955758);
    EXPECT_DOUBLE_EQ(trades[0].price, 16618.49);
    EXPECT_DOUBLE_EQ(trades[0].qty, 0.00012);
    EXPECT_EQ(trades[0].taker_side, model::OrderSide::Buy);
    EXPECT_EQ(trades[1].taker_side, model::OrderSide::Sell);
}

TEST_F(BybitVenueTest, WalletBalanceIsASignedGet) {
    serve("GET", "/v5/account/wallet-balance", "wallet_balance.json");
    ASSERT_OK_AND_ASSIGN(const auto balances, venue_->balances());
    const auto& r = transport_->requests.back();
    EXPECT_EQ(r.url, "http://127.0.0.1:9/v5/account/wallet-balance?accountType=UNIFIED");
    expect_signed(r, "1700000000000", "accountType=UNIFIED");
    ASSERT_EQ(balances.size(), 2U);
    EXPECT_EQ(balances[0].asset, "BTC");
    EXPECT_DOUBLE_EQ(balances[0].free, 0.4);
    EXPECT_DOUBLE_EQ(balances[0].locked, 0.1);
    EXPECT_EQ(balances[1].asset, "USDT");
    EXPECT_DOUBLE_EQ(balances[1].free, 1000.0);
}

TEST_F(BybitVenueTest, SignedTimestampsAreCorrectedByTheServerTimeSkew) {
    serve("GET", "/v5/market/time", "time.json");
    serve("GET", "/v5/account/wallet-balance", "wallet_balance.json");
    ASSERT_OK(venue_->server_time());  // venue 1688639403423, local 1700000000000
    clock_.advance(1000);
    ASSERT_OK(venue_->balances());
    expect_signed(transport_->requests.back(), "1688639404423", "accountType=UNIFIED");
}

TEST_F(BybitVenueTest, CreateOrderPostsTheSignedJsonBody) {
    serve("POST", "/v5/order/create", "order_create.json");
    NewOrder o;
    o.symbol = "BTC/USDT";
    o.side = model::OrderSide::Buy;
    o.type = model::OrderType::Limit;
    o.qty = 0.1;
    o.price = 15600;
    o.client_order_id = "spot-test-postonly";
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->create_order(o));
    const auto& r = transport_->last("/v5/order/create");
    EXPECT_EQ(r.method, "POST");
    const std::string body =
        R"({"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.1",)"
        R"("price":"15600","timeInForce":"GTC","orderLinkId":"spot-test-postonly"})";
    EXPECT_EQ(r.body, body);
    EXPECT_EQ(url_query(r.url), "");
    EXPECT_EQ(header(r, "Content-Type"), "application/json");
    expect_signed(r, "1700000000000", body);
    EXPECT_EQ(v.id, "1321003749386327552");
    EXPECT_EQ(v.client_order_id, "spot-test-postonly");
    EXPECT_EQ(v.status, model::OrderStatus::Open);

    o.type = model::OrderType::Market;
    o.side = model::OrderSide::Sell;
    o.client_order_id.clear();
    ASSERT_OK(venue_->create_order(o));
    EXPECT_EQ(transport_->last("/v5/order/create").body,
              R"({"category":"spot","symbol":"BTCUSDT","side":"Sell","orderType":"Market",)"
              R"("qty":"0.1","marketUnit":"baseCoin"})");
}

TEST_F(BybitVenueTest, CancelOrderPostsTheOrderId) {
    serve("POST", "/v5/order/cancel", "order_cancel.json");
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->cancel_order("BTC/USDT", "1321003749386327552"));
    const std::string body =
        R"({"category":"spot","symbol":"BTCUSDT","orderId":"1321003749386327552"})";
    EXPECT_EQ(transport_->last("/v5/order/cancel").body, body);
    expect_signed(transport_->last("/v5/order/cancel"), "1700000000000", body);
    EXPECT_EQ(v.status, model::OrderStatus::Cancelled);
}

TEST_F(BybitVenueTest, FetchOrderParsesStatusFillsAndTimes) {
    serve("GET", "/v5/order/realtime", "order_realtime.json");
    ASSERT_OK_AND_ASSIGN(const auto v, venue_->fetch_order("BTC/USDT", "1321003749386327552"));
    const auto& r = transport_->last("/v5/order/realtime");
    EXPECT_EQ(url_query(r.url), "category=spot&symbol=BTCUSDT&orderId=1321003749386327552");
    expect_signed(r, "1700000000000", url_query(r.url));
    EXPECT_EQ(v.symbol, "BTC/USDT");
    EXPECT_EQ(v.side, model::OrderSide::Sell);
    EXPECT_EQ(v.status, model::OrderStatus::PartialFill);
    EXPECT_DOUBLE_EQ(v.qty, 0.002);
    EXPECT_DOUBLE_EQ(v.filled_qty, 0.0005);
    EXPECT_DOUBLE_EQ(v.avg_price, 16800.0);
    EXPECT_EQ(v.created_ts, 1684738600000);
    EXPECT_EQ(v.updated_ts, 1684738610000);
    const auto missing = venue_->fetch_order("BTC/USDT", "404");
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().is_not_found());
}

TEST_F(BybitVenueTest, OpenOrdersLeaveOutFinishedOnes) {
    serve("GET", "/v5/order/realtime", "order_realtime.json");
    ASSERT_OK_AND_ASSIGN(const auto open, venue_->open_orders(""));
    EXPECT_EQ(url_query(transport_->requests.back().url), "category=spot&openOnly=0");
    ASSERT_EQ(open.size(), 2U);  // the Filled market order is left out
    EXPECT_EQ(open[0].symbol, "ETH/USDT");
    EXPECT_EQ(open[0].status, model::OrderStatus::Open);
    EXPECT_EQ(open[1].status, model::OrderStatus::PartialFill);
}

TEST_F(BybitVenueTest, OwnTradesComeOldestFirstWithFees) {
    serve("GET", "/v5/execution/list", "execution_list.json");
    ASSERT_OK_AND_ASSIGN(const auto trades, venue_->own_trades("BTC/USDT", 1684738000000));
    EXPECT_EQ(url_query(transport_->requests.back().url),
              "category=spot&symbol=BTCUSDT&startTime=1684738000000");
    ASSERT_EQ(trades.size(), 2U);
    EXPECT_EQ(trades[0].id, "2100000000032905700");
    EXPECT_EQ(trades[0].side, model::OrderSide::Buy);
    EXPECT_DOUBLE_EQ(trades[0].fee, 0.000001);
    EXPECT_EQ(trades[0].fee_asset, "BTC");
    EXPECT_FALSE(trades[0].maker);
    EXPECT_EQ(trades[1].order_id, "1321003749386327552");
    EXPECT_DOUBLE_EQ(trades[1].price, 16800.0);
    EXPECT_DOUBLE_EQ(trades[1].qty, 0.0005);
    EXPECT_TRUE(trades[1].maker);
    EXPECT_EQ(trades[1].ts, 1684738610000);
}

TEST_F(BybitVenueTest, NonZeroRetCodeBecomesAnErrorNamingCodeAndMessage) {
    serve("GET", "/v5/market/tickers", "error_params.json");
    const auto r = venue_->ticker("BTC/USDT");
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_invalid_argument());
    EXPECT_EQ(r.error().message(),
              "bybit /v5/market/tickers: retCode 10001: params error: symbol invalid");
    transport_->route("GET", "/v5/market/tickers",
                      R"({"retCode":10006,"retMsg":"Too many visits!","result":{}})", 403);
    const auto limited = venue_->ticker("BTC/USDT");
    ASSERT_FALSE(limited.has_value());
    EXPECT_TRUE(limited.error().is_io_error());
    transport_->route("GET", "/v5/market/tickers", "Service Unavailable", 503);
    const auto down = venue_->ticker("BTC/USDT");
    ASSERT_FALSE(down.has_value());
    EXPECT_NE(down.error().message().find("HTTP 503"), std::string::npos);
    const auto bad = venue_->ticker("BTCUSDT");
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().is_invalid_argument());
}

TEST_F(BybitVenueTest, NoKeyOrSecretInAnyErrorMessage) {
    const std::string echo = std::string(R"({"retCode":10003,"retMsg":"API key is invalid. )") +
                             kKey + " " + kSecret + R"(","result":{}})";
    for (const char* path :
         {"/v5/account/wallet-balance", "/v5/order/realtime", "/v5/execution/list"}) {
        transport_->route("GET", path, echo, 401);
    }
    for (const char* path : {"/v5/order/create", "/v5/order/cancel"}) {
        transport_->route("POST", path, echo, 401);
    }
    NewOrder o;
    o.symbol = "BTC/USDT";
    o.qty = 1;
    o.price = 1;
    std::vector<Error> errors;
    auto collect = [&](const auto& r) {
        ASSERT_FALSE(r.has_value());
        errors.push_back(r.error());
    };
    collect(venue_->balances());
    collect(venue_->create_order(o));
    collect(venue_->cancel_order("BTC/USDT", "1"));
    collect(venue_->fetch_order("BTC/USDT", "1"));
    collect(venue_->open_orders("BTC/USDT"));
    collect(venue_->own_trades("", 0));
    transport_->route("GET", "/v5/account/wallet-balance", std::string("oops ") + kSecret, 500);
    collect(venue_->balances());
    ASSERT_EQ(errors.size(), 7U);
    for (const auto& e : errors) {
        EXPECT_EQ(e.message().find(kKey), std::string::npos) << e.message();
        EXPECT_EQ(e.message().find(kSecret), std::string::npos) << e.message();
    }
    EXPECT_NE(errors[0].message().find("retCode 10003"), std::string::npos);
}

}  // namespace
}  // namespace aitp::exchange
