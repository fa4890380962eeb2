// SPDX-License-Identifier: MIT
#include "exchange/curl_transport.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "loopback_server.hpp"
namespace aitp::exchange {
namespace {

using testing::LoopbackServer;

const std::string kBody = "{\"serverTime\":1499827319559}";
const std::string kReply =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-MBX-USED-WEIGHT-1M: 12\r\n"
    "Content-Length: " +
    std::to_string(kBody.size()) + "\r\n\r\n" + kBody;

TEST(CurlTransportTest, GetReturnsStatusBodyAndLowerCasedHeaders) {
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance"});
    HttpRequest r;
    r.url = server.url("/api/v3/time");
    auto resp = t.send(r);
    ASSERT_TRUE(resp.has_value()) << resp.error().message();
    EXPECT_EQ(resp->status, 200);
    EXPECT_EQ(resp->body, kBody);
    EXPECT_EQ(resp->header("x-mbx-used-weight-1m"), "12");
    EXPECT_EQ(resp->header("content-type"), "application/json");
}

TEST(CurlTransportTest, RequestsReuseOneConnection) {
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance"});
    for (int i = 0; i < 5; ++i) {
        HttpRequest r;
        r.url = server.url("/api/v3/time");
        ASSERT_TRUE(t.send(r).has_value());
    }
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.requests().size(), 5U);
}

TEST(CurlTransportTest, MethodsHeadersAndBodyReachTheServer) {
    LoopbackServer server("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
    CurlTransport t({.venue = "binance"});
    HttpRequest post;
    post.method = "POST";
    post.url = server.url("/api/v3/order?symbol=BTCUSDT");
    post.headers = {{"X-MBX-APIKEY", "k"}};
    post.body = "a=1&b=2";
    auto r = t.send(post);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->status, 201);
    HttpRequest del;
    del.method = "DELETE";
    del.url = server.url("/api/v3/order?orderId=4");
    ASSERT_TRUE(t.send(del).has_value());
    const auto reqs = server.requests();
    ASSERT_EQ(reqs.size(), 2U);
    EXPECT_EQ(reqs[0].rfind("POST /api/v3/order?symbol=BTCUSDT HTTP/1.1\r\n", 0), 0U) << reqs[0];
    EXPECT_NE(reqs[0].find("X-MBX-APIKEY: k\r\n"), std::string::npos);
    EXPECT_EQ(reqs[0].substr(reqs[0].size() - 7), "a=1&b=2");
    EXPECT_EQ(reqs[1].rfind("DELETE /api/v3/order?orderId=4 HTTP/1.1\r\n", 0), 0U) << reqs[1];
}

TEST(CurlTransportTest, ConnectionRefusedNamesTheEndpointNotTheQuery) {
    int port = 0;
    {
        LoopbackServer probe("");
        port = std::stoi(probe.url("").substr(17));
    }
    CurlTransport t({.venue = "binance"});
    HttpRequest r;
    r.url =
        "http://127.0.0.1:" + std::to_string(port) + "/api/v3/account?timestamp=1&signature=abc";
    auto resp = t.send(r);
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
    EXPECT_EQ(resp.error().message().rfind("binance: GET /api/v3/account: ", 0), 0U)
        << resp.error().message();
    EXPECT_EQ(resp.error().message().find("signature"), std::string::npos);
}

TEST(CurlTransportTest, TotalTimeoutIsAnIOError) {
    LoopbackServer server("", /*silent=*/true);
    CurlTransport t({.venue = "binance", .connect_timeout_ms = 1000, .total_timeout_ms = 300});
    HttpRequest r;
    r.url = server.url("/api/v3/klines?symbol=X");
    r.endpoint = "GET /api/v3/klines";
    const auto t0 = std::chrono::steady_clock::now();
    auto resp = t.send(r);
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
    EXPECT_NE(resp.error().message().find("binance: GET /api/v3/klines: Timeout"),
              std::string::npos)
        << resp.error().message();
    EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(CurlTransportTest, TlsIsVerified) {
    // A plain HTTP server answering a TLS handshake: the handshake fails, nothing is sent in
    // the clear and no "insecure" fallback happens.
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance", .total_timeout_ms = 2000});
    HttpRequest r;
    r.url = "https" + server.url("/api/v3/time").substr(4);
    auto resp = t.send(r);
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
}

TEST(CurlTransportTest, EndpointLabelDropsSchemeHostAndQuery) {
    HttpRequest r;
    r.method = "DELETE";
    r.url = "https://api.binance.com/api/v3/order?symbol=BTCUSDT&signature=ff";
    EXPECT_EQ(endpoint_label(r), "DELETE /api/v3/order");
    r.endpoint = "DELETE /api/v3/order (cancel)";
    EXPECT_EQ(endpoint_label(r), "DELETE /api/v3/order (cancel)");
}

}  // namespace
}  // namespace aitp::exchange
