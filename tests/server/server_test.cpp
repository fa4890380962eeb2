// SPDX-License-Identifier: MIT
// API tests against a real server on a loopback port: auth, CSRF, lockout, rate limits, every
// endpoint, job progress over WebSocket, cancellation.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "exchange/client_metrics.hpp"
#include "job_wait.hpp"
#include "server_fixture.hpp"

namespace aitp::testing {
namespace {

using nlohmann::json;

json body_of(const HttpReply& r) { return json::parse(r.body); }

TEST(ServerAuthTest, HealthIsPublicAndApiNeedsASession) {
    LiveServer s;
    HttpClient c(s.port());
    auto h = c.get("/api/health/");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(body_of(h)["status"], "ok");
    auto d = body_of(c.get("/api/health/?detailed=true"));
    EXPECT_EQ(d["checks"]["database"]["status"], "ok");
    EXPECT_TRUE(d["checks"]["job_queue"].contains("pending"));
    auto denied = c.get("/api/data/");
    EXPECT_EQ(denied.status, 401);
    EXPECT_TRUE(body_of(denied).contains("error"));
    EXPECT_EQ(body_of(c.get("/api/auth/status/"))["authenticated"], false);
}

TEST(ServerAuthTest, LoginSetsHttpOnlyCookieAndCsrfToken) {
    LiveServer s;
    HttpClient c(s.port());
    EXPECT_EQ(c.login("admin", "wrong-password-123").status, 401);
    EXPECT_EQ(c.login("nobody", kAdminPassword).status, 401);
    EXPECT_EQ(c.request("POST", "/api/auth/login/", "{not json", {{"Origin", c.origin()}}).status,
              400);
    EXPECT_EQ(
        c.request("POST", "/api/auth/login/", R"({"username":"admin"})", {{"Origin", c.origin()}})
            .status,
        400);
    auto ok = c.login("admin", kAdminPassword);
    ASSERT_EQ(ok.status, 200);
    const std::string cookie = ok.header("set-cookie");
    EXPECT_NE(cookie.find("aitp_session="), std::string::npos);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(c.csrf().size(), 32u);
    auto st = body_of(c.get("/api/auth/status/"));
    EXPECT_EQ(st["authenticated"], true);
    EXPECT_EQ(st["csrf_token"], c.csrf());
    EXPECT_EQ(c.get("/api/data/").status, 200);
}

TEST(ServerAuthTest, UnsafeMethodsNeedTheCsrfHeader) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    auto no_header =
        c.request("POST", "/api/data/generate-sample/", R"({"symbols":["ETH/USDT"],"days":2})");
    EXPECT_EQ(no_header.status, 403);
    auto wrong = c.request("POST", "/api/data/generate-sample/", "{}",
                           {{"X-CSRFToken", "00000000000000000000000000000000"}});
    EXPECT_EQ(wrong.status, 403);
    auto ok = c.post("/api/data/generate-sample/", R"({"symbols":["ETH/USDT"],"days":2})");
    EXPECT_EQ(ok.status, 202);
    EXPECT_TRUE(body_of(ok).contains("job_id"));
    EXPECT_EQ(c.request("POST", "/api/auth/logout/").status, 403);
    EXPECT_EQ(c.post("/api/auth/logout/").status, 200);
    EXPECT_EQ(c.get("/api/data/").status, 401);
}

// Issue 16 item 13: four failures are free, the fifth locks this account at this address and
// origin for a second (not 30 minutes), and the lock holds against the right password too.
TEST(ServerAuthTest, FifthFailureLocksTheAccountAtThisAddressForASecond) {
    LiveServer s;
    HttpClient c(s.port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("admin", "wrong-password-123").status, 401) << i;
    auto locked = c.login("admin", kAdminPassword);  // right password, still locked
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(locked.header("retry-after"), "1");
    s.clock().advance(1000);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
}

TEST(ServerAuthTest, RateLimitHeadersAndExemptions) {
    LiveServer s(/*rate_limit=*/5);
    HttpClient c(s.port());
    for (int i = 0; i < 5; ++i) {
        auto r = c.get("/api/auth/status/");
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.header("x-ratelimit-limit"), "5");
        EXPECT_EQ(r.header("x-ratelimit-remaining"), std::to_string(4 - i));
        EXPECT_FALSE(r.header("x-ratelimit-reset").empty());
    }
    auto over = c.get("/api/auth/status/");
    EXPECT_EQ(over.status, 429);
    EXPECT_FALSE(over.header("retry-after").empty());
    EXPECT_EQ(c.get("/api/health/").status, 200);  // health is exempt
    EXPECT_TRUE(c.get("/api/health/").header("x-ratelimit-limit").empty());
}

TEST(ServerApiTest, ErrorsAreJsonWithTheRightStatus) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    EXPECT_EQ(c.get("/api/no-such-route/").status, 404);
    EXPECT_EQ(c.request("DELETE", "/api/health/").status, 405);
    auto bad_json = c.post("/api/data/generate-sample/", "{\"symbols\": [");
    EXPECT_EQ(bad_json.status, 400);
    EXPECT_TRUE(body_of(bad_json).contains("error"));
    EXPECT_EQ(c.post("/api/data/generate-sample/", R"({"symbols":["BAD SYMBOL"]})").status, 400);
    EXPECT_EQ(c.get("/api/data/sample/NOPE-USDT/1h/").status, 404);
    EXPECT_EQ(c.get("/api/data/sample/BTC-USDT/7h/").status, 400);
    EXPECT_EQ(c.get("/api/jobs/unknown/").status, 404);
    const std::string big(1100000, 'x');
    EXPECT_EQ(c.post("/api/data/generate-sample/", big).status, 413);
    EXPECT_EQ(c.get("/api/health/").status, 200);
}

TEST(ServerApiTest, DataEndpointsServeTheStore) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    auto list = body_of(c.get("/api/data/"));
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["symbol"], "BTC/USDT");
    EXPECT_EQ(list[0]["rows"], 2000);
    auto bars = body_of(c.get("/api/data/sample/BTC-USDT/1h/?limit=10"));
    ASSERT_EQ(bars["bars"].size(), 10u);
    EXPECT_EQ(bars["bars"][9]["close"].get<double>(), s.bars().close()[1999]);
    EXPECT_EQ(bars["bars"][0]["timestamp"].get<std::int64_t>(), s.bars().ts()[1990]);
    EXPECT_EQ(body_of(c.get("/api/data/sample/BTC%2FUSDT/1h/?limit=1"))["count"], 1);
    auto q = body_of(c.get("/api/data/quality/BTC-USDT/1h/?exchange=sample"));
    EXPECT_EQ(q["rows"], 2000);
    EXPECT_EQ(q["gap_count"], 0);
    EXPECT_EQ(body_of(c.get("/api/data/quality/")).size(), 1u);
    auto k = body_of(c.get("/api/dashboard/kpis/"));
    EXPECT_EQ(k["data_files"], 1);
    EXPECT_EQ(k["total_bars"], 2000);
}

TEST(ServerApiTest, IndicatorValuesMatchAnIndependentComputation) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    EXPECT_GT(body_of(c.get("/api/indicators/")).size(), 20u);
    auto r = c.get("/api/indicators/sample/BTC-USDT/1h/?limit=500&indicators=sma_21,rsi_14");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = body_of(r);
    ASSERT_EQ(j["data"].size(), 500u);
    EXPECT_EQ(j["columns"], json::array({"sma_21", "rsi_14"}));
    // The last row's SMA 21 is the mean of the last 21 closes.
    double sum = 0;
    for (std::size_t i = 2000 - 21; i < 2000; ++i) sum += s.bars().close()[i];
    EXPECT_NEAR(j["data"][499]["sma_21"].get<double>(), sum / 21, 1e-9 * sum / 21);
    const double rsi = j["data"][499]["rsi_14"].get<double>();
    EXPECT_GT(rsi, 0.0);
    EXPECT_LT(rsi, 100.0);
    auto all = body_of(c.get("/api/indicators/sample/BTC-USDT/1h/?limit=5"));
    EXPECT_EQ(all["columns"].size(), 33u);
    EXPECT_TRUE(all["data"][0]["sma_200"].is_number());
    auto early =
        body_of(c.get("/api/indicators/sample/BTC-USDT/1h/?limit=2000&indicators=sma_200"));
    EXPECT_TRUE(early["data"][0]["sma_200"].is_null());  // NaN warm-up as null
    EXPECT_EQ(c.get("/api/indicators/sample/BTC-USDT/1h/?indicators=nope").status, 400);
}

// Issue 18 item 6: any range of a series on demand. `before` pages back through the series;
// a bar has the same indicator values in every window (computed here from the full series).
TEST(ServerApiTest, IndicatorWindowsPageBackWithTheSameValues) {
    LiveServer s(100000, 2000, [](server::ServerConfig& c) { c.max_request_bars = 2500; });
    HttpClient c = s.logged_in_client();
    const auto ts = s.bars().ts();
    const auto close = s.bars().close();
    const auto sma21 = [&](std::size_t i) {
        double sum = 0;
        for (std::size_t k = i + 1 - 21; k <= i; ++k) sum += close[k];
        return sum / 21;
    };
    const std::string base = "/api/indicators/sample/BTC-USDT/1h/?indicators=sma_21";
    const auto page = [&](const std::string& query) {
        const auto r = c.get(base + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.body;
        return body_of(r);
    };
    const json newest = page("&limit=500");
    ASSERT_EQ(newest["data"].size(), 500u);
    EXPECT_EQ(newest["data"][0]["timestamp"], ts[1500]);
    EXPECT_EQ(newest["more_before"], true);
    // The window before the first bar loaded: bars 1000..1499.
    const json older = page("&limit=500&before=" + std::to_string(ts[1500]));
    ASSERT_EQ(older["data"].size(), 500u);
    EXPECT_EQ(older["data"][0]["timestamp"], ts[1000]);
    EXPECT_EQ(older["data"][499]["timestamp"], ts[1499]);
    EXPECT_EQ(older["more_before"], true);
    // Bar 1450 in an old window and in the last 600: the same value, the full series' SMA.
    const json last600 = page("&limit=600");
    const double in_old = older["data"][450]["sma_21"].get<double>();
    const double in_new = last600["data"][50]["sma_21"].get<double>();
    ASSERT_EQ(last600["data"][50]["timestamp"], ts[1450]);
    EXPECT_EQ(in_old, in_new);
    EXPECT_NEAR(in_old, sma21(1450), 1e-9 * sma21(1450));
    // The first window: warm-up rows are null, and nothing lies before it.
    const json first = page("&limit=500&before=" + format_iso8601(ts[30]));
    ASSERT_EQ(first["data"].size(), 30u);
    EXPECT_EQ(first["more_before"], false);
    EXPECT_TRUE(first["data"][19]["sma_21"].is_null());
    EXPECT_NEAR(first["data"][20]["sma_21"].get<double>(), sma21(20), 1e-9 * sma21(20));
    EXPECT_EQ(page("&before=" + std::to_string(ts[0]))["count"], 0);
    // The OHLCV route pages the same way.
    const auto bars =
        body_of(c.get("/api/data/sample/BTC-USDT/1h/?limit=10&before=" + std::to_string(ts[1000])));
    ASSERT_EQ(bars["bars"].size(), 10u);
    EXPECT_EQ(bars["bars"][9]["timestamp"], ts[999]);
    EXPECT_EQ(bars["more_before"], true);
    // Bad input: one clear 400 naming the parameter.
    for (const std::string bad : {"&before=yesterday", "&limit=2501", "&limit=0"}) {
        const auto r = c.get(base + bad);
        EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
        const std::string field = bad.substr(1, bad.find('=') - 1);
        EXPECT_NE(r.body.find(field), std::string::npos) << r.body;
    }
    EXPECT_EQ(c.get(base + "&limit=2500").status, 200);
    EXPECT_EQ(c.get("/api/data/sample/BTC-USDT/1h/?before=2024-13-01").status, 400);
}

TEST(ServerApiTest, SchemaAndMetrics) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    c.get("/api/data/");
    // Venue requests (counted by the exchange client) are rendered on the same page.
    exchange::ClientMetrics::instance().observe("binance", "GET /api/v3/klines", "200", 0.02);
    exchange::ClientMetrics::instance().set_breaker("binance", exchange::BreakerState::Open);
    auto schema = body_of(c.get("/api/schema/"));
    EXPECT_EQ(schema["openapi"], "3.0.3");
    EXPECT_TRUE(schema["paths"].contains("/api/jobs/{id}/"));
    auto m = c.get("/metrics");
    EXPECT_EQ(m.status, 200);
    EXPECT_NE(
        m.body.find("http_requests_total{method=\"GET\",path=\"/api/data/\",status=\"200\"} 1"),
        std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(m.body.find("job_queue_pending"), std::string::npos);
    EXPECT_NE(m.body.find("aitp_exchange_requests_total{venue=\"binance\",endpoint=\"GET "
                          "/api/v3/klines\",status=\"200\"}"),
              std::string::npos);
    EXPECT_NE(m.body.find("aitp_exchange_request_seconds_bucket{venue=\"binance\",endpoint="
                          "\"GET /api/v3/klines\",le=\"0.025\"}"),
              std::string::npos);
    EXPECT_NE(m.body.find("aitp_exchange_breaker_state{venue=\"binance\"} 1"), std::string::npos);
}

TEST(ServerJobTest, ProgressArrivesOverWebSocket) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    WsClient anonymous(s.port(), "");
    EXPECT_FALSE(anonymous.connected());
    const std::string denied = c.raw(
        "GET /ws/system/ HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    EXPECT_EQ(denied.rfind("HTTP/1.1 401", 0), 0u) << denied;
    WsClient ws(s.port(), c.cookie());
    ASSERT_TRUE(ws.connected());
    EXPECT_NE(ws.read(5000).find("\"hello\""), std::string::npos);
    auto started = c.post(
        "/api/data/generate-sample/",
        R"({"symbols":["A/USDT","B/USDT","C/USDT","D/USDT"],"timeframes":["1h"],"days":30})");
    ASSERT_EQ(started.status, 202);
    const std::string id = body_of(started)["job_id"];
    std::vector<double> progress;
    std::string final_status;
    for (int i = 0; i < 50 && final_status.empty(); ++i) {
        const std::string msg = ws.read(10000);
        ASSERT_FALSE(msg.empty()) << "no WebSocket message";
        auto j = json::parse(msg);
        if (j["type"] != "job" || j["job"]["id"] != id) continue;
        progress.push_back(j["job"]["progress"].get<double>());
        if (j["job"]["status"] == "completed") final_status = "completed";
    }
    EXPECT_EQ(final_status, "completed");
    EXPECT_GE(progress.size(), 2u);
    EXPECT_EQ(progress.back(), 1.0);
    auto job = body_of(c.get("/api/jobs/" + id + "/"));
    EXPECT_EQ(job["result"]["files"].size(), 4u);
    EXPECT_EQ(body_of(c.get("/api/data/")).size(), 5u);
}

TEST(ServerJobTest, CancelReallyStopsTheWork) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    json symbols = json::array();
    for (int i = 0; i < 300; ++i) {
        std::string symbol = "S";  // appended, not "S" + string: GCC 12's -Wrestrict false positive
        symbol += std::to_string(i);
        symbols.push_back(symbol + "/USDT");
    }
    auto started = c.post("/api/data/generate-sample/",
                          json{{"symbols", symbols}, {"timeframes", {"1h"}}, {"days", 365}}.dump());
    ASSERT_EQ(started.status, 202);
    const std::string id = body_of(started)["job_id"];
    wait_job_status(c, id, "running");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(c.post("/api/jobs/" + id + "/cancel/").status, 200);
    auto job = wait_job_status(c, id, "cancelled");
    ASSERT_EQ(job["status"], "cancelled");
    EXPECT_EQ(job["progress_message"].get<std::string>().rfind("cancelled after ", 0), 0u)
        << job.dump();
    const auto files_then = body_of(c.get("/api/data/")).size();
    EXPECT_LT(files_then, 301u);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(body_of(c.get("/api/data/")).size(), files_then);  // nothing more is written
    EXPECT_EQ(c.post("/api/jobs/" + id + "/cancel/").status, 409);
    auto jobs = body_of(c.get("/api/jobs/?status=cancelled"));
    EXPECT_EQ(jobs.size(), 1u);
}

}  // namespace
}  // namespace aitp::testing

namespace aitp::testing {
namespace {

using nlohmann::json;

TEST(ServerAnalysisTest, BacktestRunStoresResultsWithEquityCurve) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    auto strategies = json::parse(c.get("/api/backtest/strategies/").body);
    ASSERT_GE(strategies.size(), 11u);
    EXPECT_EQ(strategies[0]["name"], "sma_crossover");
    EXPECT_EQ(c.post("/api/backtest/run/", R"({"strategy":"nope","symbol":"BTC/USDT"})").status,
              404);
    EXPECT_EQ(
        c.post("/api/backtest/run/", R"({"strategy":"sma_cross","symbol":"ZZZ/USDT"})").status,
        404);
    auto run = c.post(
        "/api/backtest/run/",
        R"({"exchange":"sample","symbol":"BTC/USDT","timeframe":"1h","strategy":"sma_cross","params":{"fast":5,"slow":20}})");
    ASSERT_EQ(run.status, 202) << run.body;
    auto job = wait_job_finished(c, json::parse(run.body)["job_id"]);
    ASSERT_EQ(job["status"], "completed") << job.dump();
    // Issue 18 item 5: the record says it is done, not its last step ("saving results").
    EXPECT_EQ(job["progress_message"].get<std::string>().rfind("done in ", 0), 0u) << job.dump();
    ASSERT_TRUE(job["result"]["result_id"].is_number_integer()) << job.dump();
    const auto id = job["result"]["result_id"].get<std::int64_t>();
    auto detail = json::parse(c.get("/api/backtest/results/" + std::to_string(id) + "/").body);
    EXPECT_EQ(detail["job_id"], job["id"]);
    EXPECT_EQ(detail["params"]["fast"], 5.0);
    EXPECT_EQ(detail["strategy"], "sma_crossover");  // the alias sent, the canonical name stored
    EXPECT_GT(detail["equity_curve"].size(), 100u);
    EXPECT_GT(detail["trades"].size(), 0u);
    // Independent check: the final equity equals initial cash plus the sum of trade pnls when
    // the run ends flat, or is at least consistent with the metrics' total return.
    const double final_value = detail["metrics"]["final_value"];
    EXPECT_NEAR(detail["metrics"]["total_return"].get<double>(), final_value / 10000.0 - 1.0, 1e-9);
    // Issue 18 item 5: both drawdowns, positive, under the documented names, equal to what the
    // stored equity curve gives (largest fall below the running peak, as a fraction and in cash).
    double peak = -std::numeric_limits<double>::infinity(), pct = 0.0, amount = 0.0;
    for (const auto& p : detail["equity_curve"]) {
        const double v = p["equity"].get<double>();
        peak = std::max(peak, v);
        pct = std::max(pct, 1.0 - v / peak);
        amount = std::max(amount, peak - v);
    }
    const auto& m = detail["metrics"];
    EXPECT_FALSE(m.contains("max_drawdown")) << m.dump();
    ASSERT_TRUE(m["max_drawdown_pct"].is_number()) << m.dump();
    ASSERT_TRUE(m["max_drawdown_amount"].is_number()) << m.dump();
    EXPECT_GT(amount, 0.0);
    EXPECT_NEAR(m["max_drawdown_pct"].get<double>(), pct, 1e-9);
    EXPECT_NEAR(m["max_drawdown_amount"].get<double>(), amount, 1e-6);
    auto list = json::parse(c.get("/api/backtest/results/").body);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["job_id"], job["id"]);
    auto csv = c.get("/api/backtest/export/?id=" + std::to_string(id));
    EXPECT_EQ(csv.header("content-type"), "text/csv");
    EXPECT_EQ(csv.body.rfind("entry_time,exit_time,side", 0), 0u);
    EXPECT_EQ(json::parse(c.get("/api/backtest/compare/?ids=" + std::to_string(id)).body).size(),
              1u);
    EXPECT_EQ(c.get("/api/backtest/compare/?ids=999").status, 404);
}

TEST(ServerAnalysisTest, InfiniteMetricsAreWrittenAsStrings) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    // A slow SMA longer than the 2,000 stored bars never signals: no trade, a flat equity curve,
    // so zero variance and no downside, whose Sharpe and Sortino ratios are +infinity.
    auto run = c.post(
        "/api/backtest/run/",
        R"({"exchange":"sample","symbol":"BTC/USDT","timeframe":"1h","strategy":"sma_cross","params":{"fast":10,"slow":5000}})");
    ASSERT_EQ(run.status, 202) << run.body;
    auto job = wait_job_finished(c, json::parse(run.body)["job_id"]);
    ASSERT_EQ(job["status"], "completed") << job.dump();
    const auto id = job["result"]["result_id"].get<std::int64_t>();
    auto detail = json::parse(c.get("/api/backtest/results/" + std::to_string(id) + "/").body);
    const auto& m = detail["metrics"];
    EXPECT_EQ(m["num_trades"], 0);
    EXPECT_EQ(m["total_return"], 0.0);
    EXPECT_EQ(m["sharpe_ratio"], "inf") << m.dump();
    EXPECT_EQ(m["sortino_ratio"], "inf") << m.dump();
    EXPECT_EQ(job["result"]["metrics"]["sharpe_ratio"], "inf");
    const auto finite_or_named = [](const json& v) {
        return v.is_number() || v.is_null() || v == "inf" || v == "-inf";
    };
    for (const auto& [name, v] : m.items()) {
        if (v.is_object()) {  // order counts and refusal reasons: counts only
            for (const auto& [k, n] : v.items()) EXPECT_TRUE(n.is_number()) << name << "." << k;
            continue;
        }
        EXPECT_TRUE(finite_or_named(v) || name == "run_id") << name << " = " << v.dump();
    }
}

TEST(ServerAnalysisTest, ScreeningRunRanksBySharpeWithHeatmap) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    auto strategies = json::parse(c.get("/api/screening/strategies/").body);
    ASSERT_EQ(strategies.size(), 6u);
    EXPECT_EQ(strategies[0]["combinations"], 351);
    auto run = c.post("/api/screening/run/",
                      R"({"symbol":"BTC/USDT","timeframe":"1h","strategy":"bollinger_breakout"})");
    ASSERT_EQ(run.status, 202) << run.body;
    auto job = wait_job_finished(c, json::parse(run.body)["job_id"]);
    ASSERT_EQ(job["status"], "completed") << job.dump();
    auto list = json::parse(c.get("/api/screening/results/").body);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["total_combinations"], 20);
    // The job names the result it stored (docs/api.md), so the dashboard needs no list lookup.
    ASSERT_TRUE(job["result"]["result_id"].is_number_integer()) << job.dump();
    EXPECT_EQ(job["result"]["result_id"], list[0]["id"]);
    EXPECT_EQ(job["result"]["result_ids"], json::array({list[0]["id"]}));
    EXPECT_EQ(list[0]["job_id"], job["id"]);
    auto detail = json::parse(
        c.get("/api/screening/results/" + std::to_string(list[0]["id"].get<int>()) + "/").body);
    const auto& top = detail["top_results"];
    ASSERT_GT(top.size(), 1u);
    for (std::size_t i = 1; i < top.size(); ++i) {
        if (top[i]["sharpe_ratio"].is_number() && top[i - 1]["sharpe_ratio"].is_number()) {
            EXPECT_GE(top[i - 1]["sharpe_ratio"].get<double>(),
                      top[i]["sharpe_ratio"].get<double>());
        }
    }
    EXPECT_EQ(detail["heatmap"]["x_label"], "bb_period");
    EXPECT_EQ(detail["heatmap"]["x"].size(), 5u);
    EXPECT_EQ(detail["heatmap"]["y"].size(), 4u);
    EXPECT_EQ(c.post("/api/screening/run/", R"({"strategy":"nope"})").status, 404);
}

// The stored summary comes from research::summarize: sma_crossover's never-trading equal-window
// pairs (Sharpe +inf) neither lead top_results nor blank top_sharpe, and with three parameters
// (rsi_mean_reversion) a heat-map cell shows the best traded Sharpe of its pair, so no top
// result beats its own cell and the top result is its cell's value.
TEST(ServerAnalysisTest, ScreeningSummaryRanksTradedFirstAndHeatCellsHoldTheBest) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    const auto detail_of = [&](const std::string& strategy) {
        auto run = c.post(
            "/api/screening/run/",
            json{{"symbol", "BTC/USDT"}, {"timeframe", "1h"}, {"strategy", strategy}}.dump());
        EXPECT_EQ(run.status, 202) << run.body;
        auto job = wait_job_finished(c, json::parse(run.body)["job_id"]);
        EXPECT_EQ(job["status"], "completed") << job.dump();
        const auto id = job["result"]["result_id"].get<std::int64_t>();
        return json::parse(c.get("/api/screening/results/" + std::to_string(id) + "/").body);
    };
    const json sma = detail_of("sma_crossover");
    ASSERT_TRUE(sma["top_sharpe"].is_number()) << sma["top_sharpe"];
    EXPECT_GT(sma["top_results"][0]["num_trades"].get<int>(), 0);
    EXPECT_EQ(sma["top_results"][0]["sharpe_ratio"], sma["top_sharpe"]);

    const json rsi = detail_of("rsi_mean_reversion");
    const json& h = rsi["heatmap"];
    ASSERT_EQ(h["x_label"], "rsi_period");
    ASSERT_EQ(h["y_label"], "oversold");
    const auto cell = [&](const json& params) {
        const auto find = [](const json& axis, const json& v) {
            for (std::size_t i = 0; i < axis.size(); ++i) {
                if (axis[i] == v) return i;
            }
            ADD_FAILURE() << v << " not on axis " << axis;
            return std::size_t{0};
        };
        return h["z"][find(h["y"], params["oversold"])][find(h["x"], params["rsi_period"])];
    };
    const json& top = rsi["top_results"];
    ASSERT_GT(top.size(), 5u);
    ASSERT_TRUE(top[0]["sharpe_ratio"].is_number());
    EXPECT_EQ(cell(top[0]["params"]), top[0]["sharpe_ratio"]);
    for (const json& r : top) {
        if (r["num_trades"].get<int>() == 0 || !r["sharpe_ratio"].is_number()) continue;
        EXPECT_GE(cell(r["params"]).get<double>(), r["sharpe_ratio"].get<double>()) << r.dump();
    }
}

}  // namespace
}  // namespace aitp::testing
