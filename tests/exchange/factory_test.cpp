// SPDX-License-Identifier: MIT
#include "exchange/factory.hpp"

#include <string>

#include <gtest/gtest.h>

#include "exchange/client_metrics.hpp"
#include "loopback_server.hpp"

namespace aitp::exchange {
namespace {

// make_venue builds the production stack (libcurl, the resilient client, the adapter); the
// base URL override sends it to a local server instead of api.binance.com.
TEST(FactoryTest, BinanceOverTheProductionStackHonoursTheBaseUrl) {
    const std::string body = R"({"serverTime":1499827319559})";
    testing::LoopbackServer server(
        "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    VenueConfig config;
    config.base_url = server.url("");
    auto venue = make_venue(config);
    ASSERT_TRUE(venue.has_value()) << venue.error().message();
    EXPECT_EQ((*venue)->id(), VenueId::Binance);
    const auto before = ClientMetrics::instance().requests("binance", "GET /api/v3/time", "200");
    auto t = (*venue)->server_time();
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(*t, 1499827319559);
    ASSERT_EQ(server.requests().size(), 1U);
    EXPECT_EQ(server.requests()[0].rfind("GET /api/v3/time HTTP/1.1\r\n", 0), 0U);
    EXPECT_EQ(ClientMetrics::instance().requests("binance", "GET /api/v3/time", "200"), before + 1);
    const VenueHealth h = (*venue)->health();
    EXPECT_EQ(h.venue, "binance");
    EXPECT_EQ(h.breaker, BreakerState::Closed);
    EXPECT_EQ(h.requests, 1U);
}

TEST(FactoryTest, BadBaseUrlIsRefused) {
    VenueConfig config;
    config.base_url = "ftp://example.com";
    auto bad = make_venue(config);
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().is_invalid_argument());
    EXPECT_NE(bad.error().message().find("base URL must start with http:// or https://"),
              std::string::npos);
}

// Every venue is wired: the adapter make_venue returns is that venue's, and its server-time
// request goes to that venue's documented path on the overridden host.
TEST(FactoryTest, EveryVenueIsWiredToItsAdapter) {
    const std::string kraken_time =
        R"({"error":[],"result":{"unixtime":1688669448,"rfc1123":"x"}})";
    testing::LoopbackServer server("HTTP/1.1 200 OK\r\nContent-Length: " +
                                   std::to_string(kraken_time.size()) + "\r\n\r\n" + kraken_time);
    for (VenueId v :
         {VenueId::Binance, VenueId::Kraken, VenueId::Bybit, VenueId::Coinbase, VenueId::Yahoo}) {
        VenueConfig config;
        config.venue = v;
        config.base_url = server.url("");
        auto venue = make_venue(config);
        ASSERT_TRUE(venue.has_value()) << venue_name(v) << ": " << venue.error().message();
        EXPECT_EQ((*venue)->id(), v);
        EXPECT_EQ((*venue)->health().venue, venue_name(v));
    }
    VenueConfig config;
    config.venue = VenueId::Kraken;
    config.base_url = server.url("");
    auto kraken = make_venue(config);
    ASSERT_TRUE(kraken.has_value());
    auto t = (*kraken)->server_time();
    ASSERT_TRUE(t.has_value()) << t.error().message();
    EXPECT_EQ(*t, 1688669448000);
    ASSERT_FALSE(server.requests().empty());
    EXPECT_EQ(server.requests().back().rfind("GET /0/public/Time HTTP/1.1\r\n", 0), 0U);
}

}  // namespace
}  // namespace aitp::exchange
