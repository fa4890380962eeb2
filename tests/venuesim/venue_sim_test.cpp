// SPDX-License-Identifier: MIT
// `aitp venue-sim` over real sockets: Binance REST shapes and error codes, the simulated clock,
// signed requests, matching and balances, the request-weight limit and the REST faults.
#include <chrono>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "sim_fixture.hpp"

namespace aitp::venuesim {
namespace {

using nlohmann::json;
using testing::bar_close;
using testing::kBars;
using testing::kFirstBar;
using testing::kHour;
using testing::kSimStart;
using testing::SimFixture;

TEST(VenueSimTest, PingTimeAndExchangeInfoHaveBinanceShapes) {
    SimFixture sim;
    EXPECT_EQ(sim.get("/api/v3/ping").body, "{}");
    EXPECT_EQ(SimFixture::json(sim.get("/api/v3/time")).at("serverTime"), kSimStart);
    const json info = SimFixture::json(sim.get("/api/v3/exchangeInfo"));
    ASSERT_EQ(info.at("symbols").size(), 1u);
    const json& s = info.at("symbols").at(0);
    EXPECT_EQ(s.at("symbol"), "BTCUSDT");
    EXPECT_EQ(s.at("baseAsset"), "BTC");
    EXPECT_EQ(s.at("quoteAsset"), "USDT");
    std::set<std::string> filters;
    for (const json& f : s.at("filters")) filters.insert(f.at("filterType").get<std::string>());
    EXPECT_EQ(filters, (std::set<std::string>{"PRICE_FILTER", "LOT_SIZE", "NOTIONAL"}));
    EXPECT_EQ(info.at("rateLimits").at(0).at("limit"), 6000);
}

TEST(VenueSimTest, KlinesAreTheFileBarsAsTwelveFieldArrays) {
    SimFixture sim;
    const auto r = sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.header("x-mbx-used-weight-1m").empty());
    const json k = SimFixture::json(r);
    ASSERT_EQ(k.size(), 3u);
    for (int j = 0; j < 3; ++j) {
        const int i = kBars - 3 + j;
        const json& row = k.at(static_cast<std::size_t>(j));
        ASSERT_EQ(row.size(), 12u);
        EXPECT_EQ(row.at(0), kFirstBar + i * kHour);
        EXPECT_EQ(std::stod(row.at(1).get<std::string>()), bar_close(i) - 0.5);
        EXPECT_EQ(std::stod(row.at(2).get<std::string>()), bar_close(i) + 1);
        EXPECT_EQ(std::stod(row.at(3).get<std::string>()), bar_close(i) - 1);
        EXPECT_EQ(std::stod(row.at(4).get<std::string>()), bar_close(i));
        EXPECT_EQ(std::stod(row.at(5).get<std::string>()), 10 + i);
        EXPECT_EQ(row.at(6), kFirstBar + (i + 1) * kHour - 1);
    }
    // startTime/endTime select by open time; the default limit is 500 (all 100 here).
    const json page = SimFixture::json(
        sim.get(fmt::format("/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime={}&endTime={}",
                            kFirstBar + 1, kFirstBar + 5 * kHour)));
    ASSERT_EQ(page.size(), 5u);
    EXPECT_EQ(page.at(0).at(0), kFirstBar + kHour);
    EXPECT_EQ(SimFixture::json(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h")).size(),
              static_cast<std::size_t>(kBars));
    // 4h bars are built from the 1h file: the last one holds bars 96..99.
    const json h4 = SimFixture::json(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=4h&limit=1"));
    EXPECT_EQ(h4.at(0).at(0), kFirstBar + 96 * kHour);
    EXPECT_EQ(std::stod(h4.at(0).at(4).get<std::string>()), bar_close(99));
}

TEST(VenueSimTest, ClockDecidesWhichBarsAreServedAndAdvances) {
    // --now inside bar 50: bars 0..50 are served, 50 as the forming bar.
    SimFixture sim([](SimConfig& c) { c.now = kFirstBar + 50 * kHour + 1234; });
    auto last = [&] {
        return SimFixture::json(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1")).at(0);
    };
    EXPECT_EQ(last().at(0), kFirstBar + 50 * kHour);
    EXPECT_GT(last().at(6).get<UnixMillis>(), sim.sim_now());  // still forming
    EXPECT_EQ(SimFixture::json(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h")).size(), 51u);
    sim.advance(kHour);
    EXPECT_EQ(sim.sim_now(), kFirstBar + 51 * kHour + 1234);
    EXPECT_EQ(last().at(0), kFirstBar + 51 * kHour);
    ASSERT_EQ(sim.post_json("/sim/v1/clock", fmt::format(R"({{"now":{}}})", kFirstBar)).status,
              200);
    EXPECT_EQ(SimFixture::json(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h")).size(), 1u);
    // The wall clock moves the simulated time too (real time).
    sim.wall().advance(2000);
    EXPECT_EQ(sim.sim_now(), kFirstBar + 2000);
    EXPECT_EQ(sim.post_json("/sim/v1/clock", R"({"advance_ms":-5})").status, 400);
}

TEST(VenueSimTest, TickersFollowTheBarsAndTheBook) {
    SimFixture sim;
    const json price = SimFixture::json(sim.get("/api/v3/ticker/price?symbol=BTCUSDT"));
    EXPECT_EQ(std::stod(price.at("price").get<std::string>()), bar_close(kBars - 1));
    const json t = SimFixture::json(sim.get("/api/v3/ticker/24hr?symbol=BTCUSDT"));
    // The last 24 hourly bars: 76..99.
    EXPECT_EQ(std::stod(t.at("openPrice").get<std::string>()), bar_close(76) - 0.5);
    EXPECT_EQ(std::stod(t.at("highPrice").get<std::string>()), bar_close(99) + 1);
    EXPECT_EQ(std::stod(t.at("lowPrice").get<std::string>()), bar_close(76) - 1);
    double volume = 0;
    for (int i = 76; i < 100; ++i) volume += 10 + i;
    EXPECT_NEAR(std::stod(t.at("volume").get<std::string>()), volume, 1e-6);
    const json bt = SimFixture::json(sim.get("/api/v3/ticker/bookTicker?symbol=BTCUSDT"));
    const json depth = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5"));
    EXPECT_EQ(bt.at("bidPrice"), depth.at("bids").at(0).at(0));
    EXPECT_EQ(bt.at("askPrice"), depth.at("asks").at(0).at(0));
    EXPECT_LT(std::stod(bt.at("bidPrice").get<std::string>()),
              std::stod(bt.at("askPrice").get<std::string>()));
    EXPECT_EQ(depth.at("bids").size(), 5u);
    EXPECT_TRUE(SimFixture::json(sim.get("/api/v3/ticker/price")).is_array());
}

TEST(VenueSimTest, BadParametersGetBinanceErrorCodes) {
    SimFixture sim;
    auto code = [&](const std::string& target) {
        const auto r = sim.get(target);
        EXPECT_EQ(r.status, 400) << target;
        return SimFixture::json(r);
    };
    EXPECT_EQ(code("/api/v3/klines?symbol=NOPE&interval=1h").at("code"), -1121);
    const json missing = code("/api/v3/klines?interval=1h");
    EXPECT_EQ(missing.at("code"), -1102);
    EXPECT_NE(missing.at("msg").get<std::string>().find("'symbol'"), std::string::npos);
    EXPECT_EQ(code("/api/v3/klines?symbol=BTCUSDT&interval=7m").at("code"), -1120);
    const json limit = code("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=abc");
    EXPECT_EQ(limit.at("code"), -1100);
    EXPECT_NE(limit.at("msg").get<std::string>().find("'limit'"), std::string::npos);
    EXPECT_EQ(code("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1001").at("code"), -1100);
    EXPECT_EQ(code("/api/v3/depth?symbol=XRPUSDT").at("code"), -1121);
    EXPECT_EQ(sim.get("/api/v3/nothing").status, 404);
}

TEST(VenueSimTest, SignedRequestsAreChecked) {
    SimFixture sim;
    EXPECT_EQ(sim.signed_request("GET", "/api/v3/account", "").status, 200);
    auto code = [](const testing::HttpReply& r) { return SimFixture::json(r).at("code"); };
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/account", "", "")), -2014);
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/account", "", "other-key")), -2015);
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/account", "", testing::kKey, "wrong")),
              -1022);
    const UnixMillis now = sim.sim_now();
    // recvWindow defaults to 5000 ms; 1000 ms ahead of the server is refused too.
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/account", "", testing::kKey, testing::kSecret,
                                      now - 5001)),
              -1021);
    EXPECT_EQ(sim.signed_request("GET", "/api/v3/account", "recvWindow=10000", testing::kKey,
                                 testing::kSecret, now - 5001)
                  .status,
              200);
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/account", "", testing::kKey, testing::kSecret,
                                      now + 1000)),
              -1021);
    // A parameter changed after signing breaks the signature.
    const std::string payload = fmt::format("timestamp={}", now);
    const auto tampered =
        testing::HttpClient(sim.port())
            .request("GET",
                     "/api/v3/account?" + payload + "&signature=" +
                         exchange::hmac_sha256_hex(testing::kSecret, payload) + "&recvWindow=6000",
                     "", {{"X-MBX-APIKEY", testing::kKey}});
    EXPECT_EQ(code(tampered), -1022);
    // The secret never appears in an answer.
    EXPECT_EQ(sim.signed_request("GET", "/api/v3/account", "").body.find(testing::kSecret),
              std::string::npos);
}

double num(const json& v) { return std::stod(v.get<std::string>()); }

double balance(SimFixture& sim, const std::string& asset, const char* field) {
    const json account = SimFixture::json(sim.signed_request("GET", "/api/v3/account", ""));
    for (const json& b : account.at("balances")) {
        if (b.at("asset") == asset) return num(b.at(field));
    }
    return -1;
}

TEST(VenueSimTest, LimitOrderPartiallyFillsAndRestsWithBalancesAndFee) {
    SimFixture sim;
    const json before = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5"));
    const std::string ask_px = before.at("asks").at(0).at(0);
    const double pa = num(before.at("asks").at(0).at(0));
    const double qa = num(before.at("asks").at(0).at(1));
    const double qty = qa + 1.0;  // more than the best level holds
    const auto r = sim.signed_request(
        "POST", "/api/v3/order",
        fmt::format("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity={:.3f}&price={}"
                    "&newClientOrderId=mine-1",
                    qty, ask_px));
    ASSERT_EQ(r.status, 200) << r.body;
    const json o = SimFixture::json(r);
    EXPECT_EQ(o.at("status"), "PARTIALLY_FILLED");
    EXPECT_EQ(o.at("clientOrderId"), "mine-1");
    EXPECT_NEAR(num(o.at("executedQty")), qa, 1e-9);
    double filled = 0;
    for (const json& f : o.at("fills")) {
        EXPECT_EQ(num(f.at("price")), pa);
        EXPECT_EQ(f.at("commissionAsset"), "BTC");
        filled += num(f.at("qty"));
    }
    EXPECT_NEAR(filled, qa, 1e-9);
    EXPECT_NEAR(balance(sim, "BTC", "free"), 2 + qa * (1 - 0.001), 1e-8);
    EXPECT_NEAR(balance(sim, "USDT", "free"), testing::kUsdt - pa * qty, 1e-6);
    EXPECT_NEAR(balance(sim, "USDT", "locked"), pa * 1.0, 1e-6);
    // The remainder rests as the best bid; the next ask level is now the best.
    const json after = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5"));
    EXPECT_EQ(after.at("bids").at(0).at(0), ask_px);
    EXPECT_NEAR(num(after.at("bids").at(0).at(1)), 1.0, 1e-9);
    EXPECT_EQ(after.at("asks").at(0), before.at("asks").at(1));
    const json open =
        SimFixture::json(sim.signed_request("GET", "/api/v3/openOrders", "symbol=BTCUSDT"));
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open.at(0).at("orderId"), o.at("orderId"));
    const json trades =
        SimFixture::json(sim.signed_request("GET", "/api/v3/myTrades", "symbol=BTCUSDT"));
    EXPECT_EQ(trades.size(), o.at("fills").size());
    // Cancel: the locked quote comes back.
    const auto c =
        sim.signed_request("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=mine-1");
    ASSERT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(SimFixture::json(c).at("status"), "CANCELED");
    EXPECT_NEAR(balance(sim, "USDT", "free"), testing::kUsdt - pa * qa, 1e-6);
    EXPECT_NEAR(balance(sim, "USDT", "locked"), 0, 1e-9);
}

TEST(VenueSimTest, FokMarketAndUnknownOrders) {
    SimFixture sim;
    const json book = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5"));
    const double pa2 = num(book.at("asks").at(1).at(0));
    const double qa = num(book.at("asks").at(0).at(1));
    const double qa2 = num(book.at("asks").at(1).at(1));
    // FOK for more than the two best levels hold at the second level's price: EXPIRED, no fill.
    const json fok = SimFixture::json(sim.signed_request(
        "POST", "/api/v3/order",
        fmt::format("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity={:.3f}&price={}",
                    qa + qa2 + 0.001, book.at("asks").at(1).at(0).get<std::string>())));
    EXPECT_EQ(fok.at("status"), "EXPIRED");
    EXPECT_EQ(num(fok.at("executedQty")), 0);
    EXPECT_NEAR(balance(sim, "USDT", "free"), testing::kUsdt, 1e-9);
    // MARKET with quoteOrderQty spends at most that much quote.
    const json m = SimFixture::json(sim.signed_request(
        "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=50"));
    EXPECT_EQ(m.at("status"), "FILLED");
    EXPECT_LE(num(m.at("cummulativeQuoteQty")), 50 + 1e-9);
    EXPECT_GT(num(m.at("cummulativeQuoteQty")), 50 - pa2 * 0.001 - 1e-9);  // within one lot
    // Too much: -2010; unknown orders: -2013 (query) and -2011 (cancel).
    auto code = [](const testing::HttpReply& r) { return SimFixture::json(r).at("code"); };
    EXPECT_EQ(code(sim.signed_request("POST", "/api/v3/order",
                                      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&"
                                      "quantity=2000&price=100")),
              -2010);
    EXPECT_EQ(code(sim.signed_request("POST", "/api/v3/order",
                                      "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=3")),
              -2010);
    EXPECT_EQ(code(sim.signed_request("GET", "/api/v3/order", "symbol=BTCUSDT&orderId=999")),
              -2013);
    EXPECT_EQ(code(sim.signed_request("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=999")),
              -2011);
    EXPECT_EQ(code(sim.signed_request("POST", "/api/v3/order",
                                      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&"
                                      "quantity=1&price=100.00001")),
              -1013);
    EXPECT_EQ(code(sim.signed_request("POST", "/api/v3/order",
                                      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&"
                                      "quantity=1x&price=100")),
              -1100);
}

TEST(VenueSimTest, WeightOverTheLimitGets429WithRetryAfter) {
    SimFixture sim([](SimConfig& c) { c.weight_limit = 30; });
    EXPECT_EQ(sim.get("/api/v3/exchangeInfo").header("x-mbx-used-weight-1m"), "20");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(sim.get("/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1").status, 200);
    }
    const auto r = sim.get("/api/v3/ping");  // weight 31 > 30
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(SimFixture::json(r).at("code"), -1003);
    // The wall clock is at 5,000,000 ms: the minute ends 40 s later.
    EXPECT_EQ(r.header("retry-after"), std::to_string((60000 - 5'000'000 % 60000) / 1000));
    sim.wall().advance(60'000);
    const auto ok = sim.get("/api/v3/ping");
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.header("x-mbx-used-weight-1m"), "1");
    const json stats = SimFixture::json(sim.get("/sim/v1/stats"));
    EXPECT_EQ(stats.at("max_weight_per_minute"), 31);
    EXPECT_EQ(stats.at("rejected_429"), 1);
    EXPECT_EQ(stats.at("requests").at("/api/v3/klines"), 5);
}

TEST(VenueSimTest, HttpStatusFaultsFollowTheirWindow) {
    SimFixture sim;
    ASSERT_EQ(sim.post_json("/sim/v1/faults", R"({"faults":[
        {"kind":"http_status","path":"/api/v3/klines","from":2,"to":3,"status":429,"retry_after":7},
        {"kind":"http_status","path":"/api/v3/time","every":2,"status":503}]})")
                  .status,
              200);
    const std::string k = "/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1";
    EXPECT_EQ(sim.get(k).status, 200);
    const auto second = sim.get(k);
    EXPECT_EQ(second.status, 429);
    EXPECT_EQ(second.header("retry-after"), "7");
    EXPECT_EQ(SimFixture::json(second).at("code"), -1003);
    EXPECT_EQ(sim.get(k).status, 429);
    EXPECT_EQ(sim.get(k).status, 200);
    EXPECT_EQ(sim.get("/api/v3/time").status, 200);
    EXPECT_EQ(sim.get("/api/v3/time").status, 503);
    EXPECT_EQ(sim.get("/api/v3/time").status, 200);
    EXPECT_EQ(sim.get("/api/v3/time").status, 503);
}

TEST(VenueSimTest, LatencyFaultDelaysTheAnswer) {
    SimFixture sim;
    ASSERT_EQ(
        sim.post_json("/sim/v1/faults", R"([{"kind":"latency_ms","path":"/api/v3/time","ms":400}])")
            .status,
        200);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(sim.get("/api/v3/time").status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(400));
}

TEST(VenueSimTest, StuckOrderStaysNewAndNeverFills) {
    SimFixture sim([](SimConfig& c) {
        c.faults = AITP_UNWRAP(parse_faults_json(
            R"([{"kind":"order_stuck_new","path":"/api/v3/order","from":1,"to":1}])"));
    });
    const json book = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=1"));
    const std::string ask = book.at("asks").at(0).at(0);
    const std::string params = fmt::format(
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price={}", ask);
    const json stuck = SimFixture::json(sim.signed_request("POST", "/api/v3/order", params));
    EXPECT_EQ(stuck.at("status"), "NEW");  // marketable, but stuck
    sim.advance(5000);
    const json later = SimFixture::json(sim.signed_request(
        "GET", "/api/v3/order",
        fmt::format("symbol=BTCUSDT&orderId={}", stuck.at("orderId").get<std::int64_t>())));
    EXPECT_EQ(later.at("status"), "NEW");
    EXPECT_EQ(num(later.at("executedQty")), 0);
    // The second order is outside the window and fills at once.
    EXPECT_EQ(SimFixture::json(sim.signed_request("POST", "/api/v3/order",
                                                  "symbol=BTCUSDT&side=BUY&type=MARKET&"
                                                  "quantity=0.1"))
                  .at("status"),
              "FILLED");
}

TEST(VenueSimTest, BadFaultScriptIsRefusedNamingTheField) {
    SimFixture sim;
    const auto r = sim.post_json("/sim/v1/faults", R"({"faults":[{"kind":"slow"}]})");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("faults[0].kind"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace aitp::venuesim
