// SPDX-License-Identifier: MIT
#include "exchange/resilient_client.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/rng.hpp"
#include "exchange/client_metrics.hpp"
#include "scripted_transport.hpp"

namespace aitp::exchange {
namespace {

using testing::response;
using testing::ScriptedTransport;

struct Harness {
    explicit Harness(ResilientClientConfig config) {
        inner = std::make_shared<ScriptedTransport>();
        client = std::make_unique<ResilientClient>(inner, clock, std::move(config),
                                                   [this](std::int64_t ms) {
                                                       sleeps.push_back(ms);
                                                       clock.advance(ms);
                                                   });
    }
    ManualClock clock{1'700'000'000'000};
    std::shared_ptr<ScriptedTransport> inner;
    std::unique_ptr<ResilientClient> client;
    std::vector<std::int64_t> sleeps;
};

ResilientClientConfig config_for(const std::string& venue) {
    ResilientClientConfig c;
    c.venue = venue;
    return c;
}

HttpRequest get(std::string path = "/api/v3/klines") {
    HttpRequest r;
    r.url = "http://127.0.0.1:1" + path + "?symbol=BTCUSDT&signature=deadbeef";
    r.endpoint = "GET " + path;
    return r;
}

TEST(ResilientClientTest, BackoffIsExponentialWithFullJitterFromTheSeed) {
    auto config = config_for("rc_backoff");
    config.seed = 7;
    Harness h(config);
    for (int i = 0; i < 4; ++i) h.inner->push(response(503, "busy"));
    auto r = h.client->send(get());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(h.inner->requests.size(), 5U);
    // Full jitter: retry k waits uniform in [0, min(30 s, 500 ms * 2^k)], drawn from Rng(7).
    Rng rng(7);
    std::vector<std::int64_t> expected;
    for (int k = 0; k < 4; ++k) expected.push_back(rng.uniform_int(0, 500LL << k));
    EXPECT_EQ(h.sleeps, expected);
    for (int k = 0; k < 4; ++k) EXPECT_LE(h.sleeps[k], 500LL << k);
    EXPECT_EQ(h.client->health().retries, 4U);
    EXPECT_EQ(h.client->health().failures, 4U);
}

TEST(ResilientClientTest, BackoffCeilingIsCapped) {
    auto config = config_for("rc_cap");
    config.max_retries = 10;
    config.breaker_failures = 100;
    config.backoff_cap_ms = 2000;
    Harness h(config);
    for (int i = 0; i < 10; ++i) h.inner->push(response(502));
    ASSERT_TRUE(h.client->send(get()).has_value());
    ASSERT_EQ(h.sleeps.size(), 10U);
    EXPECT_LE(*std::max_element(h.sleeps.begin(), h.sleeps.end()), 2000);
}

TEST(ResilientClientTest, RetryAfterSecondsAreWaitedExactly) {
    Harness h(config_for("rc_retry_after"));
    h.inner->push(
        response(429, R"({"code":-1003,"msg":"Too many requests."})", {{"retry-after", "7"}}));
    h.inner->push(response(418, "{}", {{"retry-after", "0"}}));
    auto r = h.client->send(get());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(h.sleeps, (std::vector<std::int64_t>{7000, 0}));
    EXPECT_EQ(h.client->health().rate_limited, 2U);
}

TEST(ResilientClientTest, TooLongRetryAfterReturnsTheAnswer) {
    Harness h(config_for("rc_long_retry_after"));
    h.inner->push(response(429, "{}", {{"retry-after", "3600"}}));
    auto r = h.client->send(get());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 429);
    EXPECT_TRUE(h.sleeps.empty());
}

TEST(ResilientClientTest, TransportErrorsAreRetriedThenReturned) {
    auto config = config_for("rc_io");
    config.max_retries = 2;
    Harness h(config);
    for (int i = 0; i < 3; ++i) h.inner->push(fail(Error::io_error("rc_io: connection refused")));
    auto r = h.client->send(get());
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().is_io_error());
    EXPECT_EQ(h.inner->requests.size(), 3U);
}

TEST(ResilientClientTest, ClientErrorsAreNotRetried) {
    Harness h(config_for("rc_400"));
    h.inner->push(response(400, R"({"code":-1121,"msg":"Invalid symbol."})"));
    auto r = h.client->send(get());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(h.inner->requests.size(), 1U);
}

TEST(ResilientClientTest, PostAndDeleteAreRetriedOnlyWhenTheVenueRejectedBeforeProcessing) {
    for (const char* method : {"POST", "DELETE"}) {
        Harness h(config_for(std::string("rc_post_") + method));
        HttpRequest req = get("/api/v3/order");
        req.method = method;
        h.inner->push(response(503));
        auto r = h.client->send(req);
        ASSERT_TRUE(r.has_value());
        EXPECT_EQ(r->status, 503) << method;
        EXPECT_EQ(h.inner->requests.size(), 1U) << method;

        h.inner->push(fail(Error::io_error("timeout")));
        EXPECT_FALSE(h.client->send(req).has_value());
        EXPECT_EQ(h.inner->requests.size(), 2U) << method;

        h.inner->push(response(429, "{}", {{"retry-after", "1"}}));
        auto ok = h.client->send(req);
        ASSERT_TRUE(ok.has_value());
        EXPECT_EQ(ok->status, 200) << method;
        EXPECT_EQ(h.inner->requests.size(), 4U) << method;
    }
}

TEST(ResilientClientTest, BreakerOpensAtTheFifthConsecutiveFailureAndProbesAfterSixtySeconds) {
    auto config = config_for("rc_breaker");
    config.max_retries = 0;
    Harness h(config);
    h.inner->route = [](const HttpRequest&) -> Result<HttpResponse> { return response(500); };
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(h.client->send(get()).has_value());
        EXPECT_EQ(h.client->breaker_state(), BreakerState::Closed) << "after failure " << i + 1;
    }
    ASSERT_TRUE(h.client->send(get()).has_value());
    EXPECT_EQ(h.client->breaker_state(), BreakerState::Open);
    EXPECT_EQ(h.client->health().breaker, BreakerState::Open);
    const UnixMillis opened = h.clock.now_ms();

    // Open: fails fast, nothing reaches the venue.
    auto fast = h.client->send(get());
    ASSERT_FALSE(fast.has_value());
    EXPECT_EQ(fast.error().message(),
              "rc_breaker: circuit open after 5 consecutive failures, next probe in 60 s");
    h.clock.set(opened + 18'000);
    fast = h.client->send(get());
    ASSERT_FALSE(fast.has_value());
    EXPECT_EQ(fast.error().message(),
              "rc_breaker: circuit open after 5 consecutive failures, next probe in 42 s");
    h.clock.set(opened + 59'999);
    EXPECT_FALSE(h.client->send(get()).has_value());
    EXPECT_EQ(h.inner->requests.size(), 5U);
    EXPECT_EQ(
        ClientMetrics::instance().requests("rc_breaker", "GET /api/v3/klines", "circuit_open"), 3U);
    // Refused requests are counted but are no latency samples: 5 sent, 5 timed.
    EXPECT_NE(ClientMetrics::instance().render().find(
                  "aitp_exchange_request_seconds_count{venue=\"rc_breaker\",endpoint=\"GET "
                  "/api/v3/klines\"} 5\n"),
              std::string::npos);

    // 60 s: half-open, one probe; it fails and the breaker re-opens for another 60 s.
    h.clock.set(opened + 60'000);
    EXPECT_EQ(h.client->breaker_state(), BreakerState::HalfOpen);
    ASSERT_TRUE(h.client->send(get()).has_value());
    EXPECT_EQ(h.inner->requests.size(), 6U);
    EXPECT_EQ(h.client->breaker_state(), BreakerState::Open);
    h.clock.set(opened + 119'999);
    EXPECT_FALSE(h.client->send(get()).has_value());
    EXPECT_EQ(h.inner->requests.size(), 6U);

    // The next probe succeeds: closed, requests flow again.
    h.inner->route = [](const HttpRequest&) -> Result<HttpResponse> { return response(200); };
    h.clock.set(opened + 120'000);
    ASSERT_TRUE(h.client->send(get()).has_value());
    EXPECT_EQ(h.client->breaker_state(), BreakerState::Closed);
    ASSERT_TRUE(h.client->send(get()).has_value());
    EXPECT_EQ(h.inner->requests.size(), 8U);
    const std::string text = ClientMetrics::instance().render();
    EXPECT_NE(text.find("aitp_exchange_breaker_state{venue=\"rc_breaker\"} 0"), std::string::npos);
}

TEST(ResilientClientTest, ASuccessResetsTheFailureCount) {
    auto config = config_for("rc_reset");
    config.max_retries = 0;
    Harness h(config);
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 4; ++i) h.inner->push(response(503));
        h.inner->push(response(200));
        for (int i = 0; i < 5; ++i) ASSERT_TRUE(h.client->send(get()).has_value());
        EXPECT_EQ(h.client->breaker_state(), BreakerState::Closed);
    }
}

TEST(ResilientClientTest, RetriesStopWhenTheBreakerOpens) {
    Harness h(config_for("rc_retry_breaker"));  // 4 retries: 5 attempts open the breaker
    h.inner->route = [](const HttpRequest&) -> Result<HttpResponse> { return response(503); };
    auto r = h.client->send(get());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 503);
    EXPECT_EQ(h.inner->requests.size(), 5U);
    EXPECT_EQ(h.client->breaker_state(), BreakerState::Open);
    EXPECT_EQ(h.client->health().last_error, "HTTP 503 on GET /api/v3/klines");
}

// Over a long run of random weights and gaps, no 60 s window (the venue may align its
// window anywhere) carries more than the configured weight, and the limiter still uses most
// of it.
TEST(ResilientClientTest, LimiterNeverExceedsTheWeightInAnySixtySecondWindow) {
    auto config = config_for("rc_limiter");
    config.weight_per_minute = 100;
    Harness h(config);
    std::vector<std::pair<UnixMillis, int>> sent;
    h.inner->route = [&](const HttpRequest& r) -> Result<HttpResponse> {
        sent.emplace_back(h.clock.now_ms(), r.weight);
        return response(200);
    };
    Rng rng(2026);
    const UnixMillis start = h.clock.now_ms();
    for (int i = 0; i < 3000; ++i) {
        HttpRequest r = get();
        r.weight = static_cast<int>(rng.uniform_int(1, 10));
        ASSERT_TRUE(h.client->send(r).has_value());
        h.clock.advance(rng.uniform_int(0, 300));
    }
    ASSERT_EQ(sent.size(), 3000U);
    std::size_t lo = 0;
    long window = 0;
    long worst = 0;
    for (std::size_t hi = 0; hi < sent.size(); ++hi) {
        window += sent[hi].second;
        while (sent[lo].first <= sent[hi].first - 60'000) window -= sent[lo++].second;
        worst = std::max(worst, window);
        ASSERT_LE(window, 100) << "window ending at request " << hi;
    }
    const double minutes = static_cast<double>(h.clock.now_ms() - start) / 60'000.0;
    long total = 0;
    for (const auto& s : sent) total += s.second;
    EXPECT_GE(worst, 90);
    EXPECT_GT(static_cast<double>(total) / minutes, 90.0);
}

TEST(ResilientClientTest, EveryAttemptIsCountedByVenueEndpointAndStatus) {
    auto config = config_for("rc_metrics");
    Harness h(config);
    h.inner->push(response(503));
    h.inner->push(fail(Error::io_error("reset")));
    ASSERT_TRUE(h.client->send(get()).has_value());
    auto& m = ClientMetrics::instance();
    EXPECT_EQ(m.requests("rc_metrics", "GET /api/v3/klines", "503"), 1U);
    EXPECT_EQ(m.requests("rc_metrics", "GET /api/v3/klines", "io_error"), 1U);
    EXPECT_EQ(m.requests("rc_metrics", "GET /api/v3/klines", "200"), 1U);
    const std::string text = m.render();
    EXPECT_NE(text.find("aitp_exchange_requests_total{venue=\"rc_metrics\",endpoint=\"GET "
                        "/api/v3/klines\",status=\"503\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("aitp_exchange_request_seconds_count{venue=\"rc_metrics\",endpoint=\"GET "
                        "/api/v3/klines\"} 3"),
              std::string::npos);
    EXPECT_NE(text.find("# TYPE aitp_exchange_request_seconds histogram"), std::string::npos);
    EXPECT_EQ(text.find("deadbeef"), std::string::npos);  // never the query
    const VenueHealth health = h.client->health();
    EXPECT_EQ(health.venue, "rc_metrics");
    EXPECT_EQ(health.requests, 3U);
    EXPECT_EQ(health.failures, 2U);
    EXPECT_GT(health.last_success_ms, 0);
}

}  // namespace
}  // namespace aitp::exchange
