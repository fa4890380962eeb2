// SPDX-License-Identifier: MIT
#include "exchange/binance_venue.hpp"

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "exchange/resilient_client.hpp"
#include "exchange/signing.hpp"
#include "scripted_transport.hpp"
#include "support/test_paths.hpp"

namespace aitp::exchange {
namespace {

using testing::response;
using testing::ScriptedTransport;

// The key and secret of Binance's documented signed-request example.
constexpr const char* kKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr const char* kSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr UnixMillis kNow = 1499827319559;  // the example's timestamp (= time.json)

std::string fixture(const std::string& name) {
    return aitp::testing::read_text(aitp::testing::source_dir() / "tests/data/exchange/binance" /
                                    name);
}

std::string path_of(const std::string& url) {
    auto start = url.find('/', url.find("://") + 3);
    return url.substr(
        start, url.find('?') == std::string::npos ? std::string::npos : url.find('?') - start);
}

std::string query_of(const std::string& url) {
    auto q = url.find('?');
    return q == std::string::npos ? "" : url.substr(q + 1);
}

struct Fixture {
    Fixture() {
        transport = std::make_shared<ScriptedTransport>();
        transport->route = [this](const HttpRequest& r) -> Result<HttpResponse> {
            const std::string key = r.method + " " + path_of(r.url);
            auto it = routes.find(key);
            if (it == routes.end()) return response(404, R"({"code":-1,"msg":"no route"})");
            return response(200, fixture(it->second));
        };
        VenueConfig config;
        config.base_url = "http://sim.local:9000/";
        config.api_key = kKey;
        config.api_secret = kSecret;
        venue = std::make_unique<BinanceVenue>(config, transport, clock);
    }
    ManualClock clock{kNow};
    std::shared_ptr<ScriptedTransport> transport;
    std::unique_ptr<BinanceVenue> venue;
    std::map<std::string, std::string> routes = {
        {"GET /api/v3/time", "time.json"},
        {"GET /api/v3/exchangeInfo", "exchange_info.json"},
        {"GET /api/v3/klines", "klines.json"},
        {"GET /api/v3/ticker/24hr", "ticker_24hr.json"},
        {"GET /api/v3/ticker/bookTicker", "book_ticker.json"},
        {"GET /api/v3/depth", "depth.json"},
        {"GET /api/v3/trades", "trades.json"},
        {"GET /api/v3/account", "account.json"},
        {"POST /api/v3/order", "order_new_result.json"},
        {"GET /api/v3/order", "order_query.json"},
        {"DELETE /api/v3/order", "order_cancel.json"},
        {"GET /api/v3/openOrders", "open_orders.json"},
        {"GET /api/v3/myTrades", "my_trades.json"},
    };
    const HttpRequest& last() const { return transport->requests.back(); }
};

TEST(BinanceVenueTest, ServerTimeSetsTheSkewOffset) {
    Fixture f;
    f.clock.set(kNow - 1500);  // the local clock is 1.5 s behind the server
    auto t = f.venue->server_time();
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(*t, 1499827319559);
    EXPECT_EQ(f.venue->time_offset_ms(), 1500);
    EXPECT_EQ(f.last().url, "http://sim.local:9000/api/v3/time");
    EXPECT_EQ(f.last().weight, 1);
}

TEST(BinanceVenueTest, MarketsMapSymbolsAndFilters) {
    Fixture f;
    auto m = f.venue->markets();
    ASSERT_TRUE(m.has_value()) << m.error().message();
    ASSERT_EQ(m->size(), 3U);
    const MarketInfo& eth = (*m)[0];
    EXPECT_EQ(eth.symbol, "ETH/BTC");
    EXPECT_EQ(eth.venue_symbol, "ETHBTC");
    EXPECT_DOUBLE_EQ(eth.price_tick, 0.000001);
    EXPECT_DOUBLE_EQ(eth.lot_step, 0.0001);
    EXPECT_DOUBLE_EQ(eth.min_qty, 0.0001);
    EXPECT_DOUBLE_EQ(eth.min_notional, 0.0001);  // NOTIONAL filter
    EXPECT_TRUE(eth.active);
    const MarketInfo& btc = (*m)[1];
    EXPECT_EQ(btc.symbol, "BTC/USDT");
    EXPECT_DOUBLE_EQ(btc.price_tick, 0.01);
    EXPECT_DOUBLE_EQ(btc.lot_step, 0.00001);
    EXPECT_DOUBLE_EQ(btc.min_notional, 5.0);  // MIN_NOTIONAL filter
    EXPECT_FALSE((*m)[2].active);             // status BREAK
    EXPECT_EQ(f.last().weight, 20);
    // Cached: a second call sends nothing.
    ASSERT_TRUE(f.venue->markets().has_value());
    EXPECT_EQ(f.transport->requests.size(), 1U);
}

TEST(BinanceVenueTest, OhlcvRequestsAPageAndDecodesTheKlines) {
    Fixture f;
    OhlcvRequest req{.symbol = "ETH/BTC",
                     .timeframe = model::Timeframe::D1,
                     .since = 1499040000000,
                     .until = 1500000000000,
                     .limit = 5000};
    auto bars = f.venue->ohlcv(req);
    ASSERT_TRUE(bars.has_value()) << bars.error().message();
    EXPECT_EQ(query_of(f.last().url),
              "symbol=ETHBTC&interval=1d&startTime=1499040000000&endTime=1499999999999&"
              "limit=1000");
    EXPECT_EQ(f.last().weight, 2);
    EXPECT_EQ(f.last().endpoint, "GET /api/v3/klines");
    ASSERT_EQ(bars->size(), 2U);
    EXPECT_EQ(bars->bar(0), (model::Bar{1499040000000, 0.01634790, 0.80000000, 0.01575800,
                                        0.01577100, 148976.11427815}));
    EXPECT_EQ(bars->bar(1).ts, 1499644800000);
    EXPECT_DOUBLE_EQ(bars->bar(1).volume, 1200.5);
}

TEST(BinanceVenueTest, MalformedKlinesNameTheRowAndField) {
    auto bad =
        decode_binance_klines(R"([[1,"1","2","0.5","1.5","10",2],[3,"1","x","0.5","1","1",4]])");
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message().find("kline row 1: 'high'"), std::string::npos)
        << bad.error().message();
    EXPECT_FALSE(decode_binance_klines(R"([[1,"1","2x","0.5","1","1",2]])").has_value());
    EXPECT_FALSE(decode_binance_klines(R"([[1,"1",2,"0.5","1","1",2]])").has_value());
    EXPECT_FALSE(decode_binance_klines(R"([["1","1","2","0.5","1","1",2]])").has_value());
    EXPECT_FALSE(decode_binance_klines("{}").has_value());
    EXPECT_FALSE(decode_binance_klines("[[1,\"1\"]]").has_value());
    auto empty = decode_binance_klines("[]");
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->is_empty());
}

TEST(BinanceVenueTest, TickerFrom24hrStatistics) {
    Fixture f;
    auto t = f.venue->ticker("BNB/BTC");
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(query_of(f.last().url), "symbol=BNBBTC");
    EXPECT_EQ(f.last().weight, 2);
    EXPECT_EQ(t->symbol, "BNB/BTC");
    EXPECT_DOUBLE_EQ(t->last, 4.000002);
    EXPECT_DOUBLE_EQ(t->bid, 4.0);
    EXPECT_DOUBLE_EQ(t->ask_qty, 100.0);
    EXPECT_DOUBLE_EQ(t->open_24h, 99.0);
    EXPECT_DOUBLE_EQ(t->high_24h, 100.0);
    EXPECT_DOUBLE_EQ(t->low_24h, 0.1);
    EXPECT_DOUBLE_EQ(t->volume_24h, 8913.3);
    EXPECT_DOUBLE_EQ(t->change_pct_24h, -95.96);
    EXPECT_EQ(t->ts, 1499869899040);
}

TEST(BinanceVenueTest, TickersForAListUseTheSymbolsParameterAndItsWeight) {
    Fixture f;
    f.routes["GET /api/v3/ticker/24hr"] = "ticker_24hr_list.json";
    const std::vector<std::string> symbols = {"BNB/BTC", "BTC/USDT"};
    auto t = f.venue->tickers(symbols);
    ASSERT_TRUE(t.has_value()) << t.error().message();
    // symbols=["BNBBTC","BTCUSDT"], percent-encoded
    EXPECT_EQ(query_of(f.last().url), "symbols=%5B%22BNBBTC%22%2C%22BTCUSDT%22%5D");
    EXPECT_EQ(f.last().weight, 2);
    ASSERT_EQ(t->size(), 2U);
    EXPECT_EQ((*t)[1].symbol, "BTC/USDT");
    EXPECT_DOUBLE_EQ((*t)[1].last, 25000.1);
    // All tickers: weight 80, names from the market list.
    auto all = f.venue->tickers({});
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(f.last().weight, 80);
    EXPECT_EQ(query_of(f.last().url), "");
    EXPECT_EQ((*all)[1].symbol, "BTC/USDT");
    EXPECT_EQ((*all)[0].symbol, "BNBBTC");  // not listed in exchangeInfo: the wire name
}

TEST(BinanceVenueTest, BookTicker) {
    Fixture f;
    auto t = f.venue->book_ticker("LTC/BTC");
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(f.last().endpoint, "GET /api/v3/ticker/bookTicker");
    EXPECT_DOUBLE_EQ(t->bid, 4.0);
    EXPECT_DOUBLE_EQ(t->bid_qty, 431.0);
    EXPECT_DOUBLE_EQ(t->ask, 4.000002);
    EXPECT_DOUBLE_EQ(t->ask_qty, 9.0);
}

TEST(BinanceVenueTest, OrderBookSnapshotAndDepthWeights) {
    Fixture f;
    auto b = f.venue->order_book("LTC/BTC", 100);
    ASSERT_TRUE(b.has_value()) << b.error().message();
    EXPECT_EQ(query_of(f.last().url), "symbol=LTCBTC&limit=100");
    EXPECT_EQ(b->sequence, 1027024);
    ASSERT_EQ(b->bids.size(), 2U);
    EXPECT_EQ(b->bids[1], (BookLevel{3.99, 12.5}));
    ASSERT_EQ(b->asks.size(), 1U);
    EXPECT_EQ(b->asks[0], (BookLevel{4.000002, 12.0}));
    EXPECT_EQ(f.last().weight, 5);
    const std::vector<std::pair<int, int>> weights = {
        {1, 5}, {101, 25}, {500, 25}, {501, 50}, {1000, 50}, {1001, 250}, {5000, 250}};
    for (const auto& [limit, weight] : weights) {
        ASSERT_TRUE(f.venue->order_book("LTC/BTC", limit).has_value());
        EXPECT_EQ(f.last().weight, weight) << "limit " << limit;
    }
}

TEST(BinanceVenueTest, RecentTradesTakerSideFromIsBuyerMaker) {
    Fixture f;
    auto t = f.venue->recent_trades("BNB/BTC", 2);
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(query_of(f.last().url), "symbol=BNBBTC&limit=2");
    EXPECT_EQ(f.last().weight, 25);
    ASSERT_EQ(t->size(), 2U);
    EXPECT_EQ((*t)[0].id, "28457");
    EXPECT_EQ((*t)[0].taker_side, model::OrderSide::Sell);  // the buyer was the maker
    EXPECT_EQ((*t)[1].taker_side, model::OrderSide::Buy);
    EXPECT_DOUBLE_EQ((*t)[0].price, 4.000001);
    EXPECT_EQ((*t)[0].ts, 1499865549590);
}

// The documentation's signed example: POST /api/v3/order with these parameters, this key,
// secret and timestamp signs to c8db5682...6b71.
TEST(BinanceVenueTest, CreateOrderSendsTheDocumentedSignedRequest) {
    Fixture f;
    NewOrder o{.symbol = "LTC/BTC",
               .side = model::OrderSide::Buy,
               .qty = 1.0,
               .price = 0.1,
               .client_order_id = ""};
    auto r = f.venue->create_order(o);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const HttpRequest& req = f.last();
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(path_of(req.url), "/api/v3/order");
    EXPECT_EQ(query_of(req.url),
              "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
              "recvWindow=5000&timestamp=1499827319559&"
              "signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    ASSERT_EQ(req.headers.size(), 1U);
    EXPECT_EQ(req.headers[0].first, "X-MBX-APIKEY");
    EXPECT_EQ(req.headers[0].second, kKey);
    EXPECT_EQ(req.weight, 1);
    // The FULL answer of the market-order example.
    EXPECT_EQ(r->id, "28");
    EXPECT_EQ(r->client_order_id, "6gCrw2kRUAF9CvJDGP16IP");
    EXPECT_EQ(r->symbol, "BTC/USDT");
    EXPECT_EQ(r->status, model::OrderStatus::Filled);
    EXPECT_EQ(r->type, model::OrderType::Market);
    EXPECT_EQ(r->side, model::OrderSide::Sell);
    EXPECT_DOUBLE_EQ(r->filled_qty, 10.0);
    EXPECT_DOUBLE_EQ(r->avg_price, 1.0);
    EXPECT_EQ(r->created_ts, 1507725176595);
}

TEST(BinanceVenueTest, SignedTimestampsCarryTheServerOffset) {
    Fixture f;
    f.clock.set(kNow - 2000);  // server 2 s ahead
    NewOrder o{.symbol = "BTC/USDT",
               .side = model::OrderSide::Sell,
               .type = model::OrderType::Market,
               .qty = 0.00125,
               .client_order_id = "abc-1"};
    ASSERT_TRUE(f.venue->create_order(o).has_value());
    const std::string q = query_of(f.last().url);
    const std::string unsigned_part =
        "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.00125&newClientOrderId=abc-1&"
        "recvWindow=5000&timestamp=1499827319559";
    EXPECT_EQ(q, unsigned_part + "&signature=" + hmac_sha256_hex(kSecret, unsigned_part));
}

TEST(BinanceVenueTest, SignedGetsCancelAndQueries) {
    Fixture f;
    auto sig = [](const std::string& q) { return q + "&signature=" + hmac_sha256_hex(kSecret, q); };

    auto bal = f.venue->balances();
    ASSERT_TRUE(bal.has_value()) << bal.error().message();
    EXPECT_EQ(f.last().method, "GET");
    EXPECT_EQ(query_of(f.last().url), sig("recvWindow=5000&timestamp=1499827319559"));
    EXPECT_EQ(f.last().weight, 20);
    ASSERT_EQ(bal->size(), 2U);  // ETH holds nothing
    EXPECT_EQ((*bal)[0].asset, "BTC");
    EXPECT_DOUBLE_EQ((*bal)[0].free, 4723846.89208129);

    auto q = f.venue->fetch_order("LTC/BTC", "1");
    ASSERT_TRUE(q.has_value()) << q.error().message();
    EXPECT_EQ(query_of(f.last().url),
              sig("symbol=LTCBTC&orderId=1&recvWindow=5000&timestamp=1499827319559"));
    EXPECT_EQ(f.last().weight, 4);
    EXPECT_EQ(q->status, model::OrderStatus::Open);
    EXPECT_EQ(q->client_order_id, "myOrder1");
    EXPECT_EQ(q->symbol, "LTC/BTC");
    EXPECT_DOUBLE_EQ(q->price, 0.1);
    EXPECT_EQ(q->created_ts, 1499827319559);

    auto c = f.venue->cancel_order("LTC/BTC", "4");
    ASSERT_TRUE(c.has_value()) << c.error().message();
    EXPECT_EQ(f.last().method, "DELETE");
    EXPECT_EQ(query_of(f.last().url),
              sig("symbol=LTCBTC&orderId=4&recvWindow=5000&timestamp=1499827319559"));
    EXPECT_EQ(c->status, model::OrderStatus::Cancelled);
    EXPECT_EQ(c->client_order_id, "myOrder1");  // the order's id, not the cancel's

    auto open = f.venue->open_orders("");
    ASSERT_TRUE(open.has_value()) << open.error().message();
    EXPECT_EQ(query_of(f.last().url), sig("recvWindow=5000&timestamp=1499827319559"));
    EXPECT_EQ(f.last().weight, 80);
    ASSERT_EQ(open->size(), 2U);
    EXPECT_EQ((*open)[1].symbol, "ETH/BTC");
    EXPECT_EQ((*open)[1].status, model::OrderStatus::PartialFill);
    EXPECT_DOUBLE_EQ((*open)[1].avg_price, 0.1);
    ASSERT_TRUE(f.venue->open_orders("ETH/BTC").has_value());
    EXPECT_EQ(f.last().weight, 6);

    auto mine = f.venue->own_trades("BNB/BTC", 1499865549000);
    ASSERT_TRUE(mine.has_value()) << mine.error().message();
    EXPECT_EQ(query_of(f.last().url), sig("symbol=BNBBTC&startTime=1499865549000&recvWindow=5000&"
                                          "timestamp=1499827319559"));
    EXPECT_EQ(f.last().weight, 20);
    ASSERT_EQ(mine->size(), 1U);
    EXPECT_EQ((*mine)[0].order_id, "100234");
    EXPECT_EQ((*mine)[0].side, model::OrderSide::Buy);
    EXPECT_FALSE((*mine)[0].maker);
    EXPECT_DOUBLE_EQ((*mine)[0].fee, 10.1);
    EXPECT_EQ((*mine)[0].fee_asset, "BNB");
    for (const auto& r : f.transport->requests) {
        const bool is_signed = r.url.find("signature=") != std::string::npos;
        const bool has_key = !r.headers.empty();
        EXPECT_EQ(is_signed, has_key) << r.endpoint;
    }
}

TEST(BinanceVenueTest, VenueErrorsNameVenueEndpointCodeAndMessage) {
    Fixture f;
    f.transport->route = [](const HttpRequest&) -> Result<HttpResponse> {
        return response(400, fixture("error_invalid_symbol.json"));
    };
    auto bars = f.venue->ohlcv({.symbol = "NOPE/USDT"});
    ASSERT_FALSE(bars.has_value());
    EXPECT_TRUE(bars.error().is_invalid_argument());
    EXPECT_EQ(bars.error().message(),
              "binance: GET /api/v3/klines: HTTP 400, code -1121: Invalid symbol.");
    f.transport->route = [](const HttpRequest&) -> Result<HttpResponse> {
        return response(400, R"({"code":-2013,"msg":"Order does not exist."})");
    };
    auto missing = f.venue->fetch_order("BTC/USDT", "9");
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().is_not_found());
    f.transport->route = [](const HttpRequest&) -> Result<HttpResponse> {
        return response(502, "<html>Bad Gateway</html>");
    };
    auto gw = f.venue->ticker("BTC/USDT");
    ASSERT_FALSE(gw.has_value());
    EXPECT_TRUE(gw.error().is_io_error());
    EXPECT_EQ(gw.error().message(),
              "binance: GET /api/v3/ticker/24hr: HTTP 502: <html>Bad Gateway</html>");
}

TEST(BinanceVenueTest, SignedCallsWithoutCredentialsFailClearly) {
    auto transport = std::make_shared<ScriptedTransport>();
    ManualClock clock(kNow);
    BinanceVenue venue(VenueConfig{}, transport, clock);
    auto b = venue.balances();
    ASSERT_FALSE(b.has_value());
    EXPECT_EQ(b.error().message(), "binance: GET /api/v3/account needs an API key and secret");
    EXPECT_TRUE(transport->requests.empty());
}

// Nothing the adapter or its client says (errors, health, stderr) carries the key or the
// secret, even when the venue echoes them back.
TEST(BinanceVenueTest, KeyAndSecretNeverAppearInErrorsHealthOrLogs) {
    ManualClock clock(kNow);
    auto inner = std::make_shared<ScriptedTransport>();
    inner->route = [](const HttpRequest& r) -> Result<HttpResponse> {
        if (r.url.find("/api/v3/time") != std::string::npos) {
            return response(200, fixture("time.json"));
        }
        if (r.url.find("/api/v3/depth") != std::string::npos) {
            return fail(Error::io_error("binance: GET /api/v3/depth: Connection refused"));
        }
        if (r.url.find("/api/v3/exchangeInfo") != std::string::npos) {
            return response(200, fixture("exchange_info.json"));
        }
        std::string echoed = r.url;
        for (const auto& [k, v] : r.headers) echoed += " " + k + ": " + v;
        return response(
            r.url.find("ticker") != std::string::npos ? 503 : 401,
            R"({"code":-2015,"msg":"Invalid API-key, IP, or permissions: )" + echoed + R"("})");
    };
    ResilientClientConfig rc;
    rc.venue = "binance_secret_test";
    rc.max_retries = 1;
    auto client = std::make_shared<ResilientClient>(inner, clock, rc,
                                                    [&](std::int64_t ms) { clock.advance(ms); });
    VenueConfig config;
    config.api_key = kKey;
    config.api_secret = kSecret;
    BinanceVenue venue(config, client, clock);
    std::vector<std::string> said;
    ::testing::internal::CaptureStderr();
    ::testing::internal::CaptureStdout();
    auto keep = [&](const auto& r) {
        if (!r.has_value()) said.push_back(r.error().to_string());
    };
    keep(venue.balances());
    keep(venue.create_order(
        {.symbol = "BTC/USDT", .qty = 1.0, .price = 2.0, .client_order_id = ""}));
    keep(venue.fetch_order("BTC/USDT", "1"));
    keep(venue.open_orders(""));
    keep(venue.own_trades("BTC/USDT", 0));
    keep(venue.order_book("BTC/USDT", 10));
    keep(venue.ticker("BTC/USDT"));
    said.push_back(::testing::internal::GetCapturedStderr());
    said.push_back(::testing::internal::GetCapturedStdout());
    const VenueHealth h = venue.health();
    said.push_back(h.last_error);
    said.push_back(h.venue);
    EXPECT_GE(said.size(), 10U);
    EXPECT_NE(said[0].find("code -2015"), std::string::npos) << said[0];
    std::vector<std::string> signatures;
    for (const auto& r : inner->requests) {
        if (auto at = r.url.find("signature="); at != std::string::npos) {
            signatures.push_back(r.url.substr(at + 10, 64));
        }
    }
    EXPECT_GE(signatures.size(), 5U);
    for (const auto& text : said) {
        EXPECT_EQ(text.find(kKey), std::string::npos) << text;
        EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
        for (const auto& s : signatures) EXPECT_EQ(text.find(s), std::string::npos) << text;
    }
}

}  // namespace
}  // namespace aitp::exchange
