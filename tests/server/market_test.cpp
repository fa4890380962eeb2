// SPDX-License-Identifier: MIT
// The market endpoints against a FakeVenue injected through ServerConfig::venue_factory: the
// download job (per-series outcomes, bars in the store), its 400s naming the field, tickers,
// exchange health, the /ws/market/tickers/ push, and a server whose venue cannot be reached
// (clear 502 / error outcomes, never a hang).
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "job_wait.hpp"
#include "server_fixture.hpp"
#include "support/fake_venue.hpp"

namespace aitp::testing {
namespace {

using nlohmann::json;
constexpr std::int64_t kHour = 3'600'000;

model::BarSeries hourly(UnixMillis start, int n) {
    model::BarSeries b;
    for (int i = 0; i < n; ++i) {
        const double p = 200.0 + i;
        b.push_back({start + i * kHour, p, p + 3, p - 2, p + 1, 5.0 + i});
    }
    return b;
}

struct MarketServer {
    std::shared_ptr<FakeVenue> venue = std::make_shared<FakeVenue>();
    // 72 hourly bars ending an hour before the server's clock starts.
    model::BarSeries bars = hourly(kServerStartMs - 72 * kHour, 72);
    LiveServer server{
        100000, 100, [this](server::ServerConfig& c) {
            c.venue_factory =
                [v = venue](
                    const exchange::VenueConfig&) -> Result<std::unique_ptr<exchange::Venue>> {
                return std::unique_ptr<exchange::Venue>(std::make_unique<SharedVenue>(v));
            };
            c.ticker_interval = std::chrono::milliseconds(100);
        }};
    MarketServer() {
        venue->set_bars("BTC/USDT", model::Timeframe::H1, bars);
        venue->set_now(kServerStartMs);
    }
};

TEST(MarketTest, DownloadJobStoresBarsAndReportsEachSeries) {
    MarketServer m;
    m.venue->fail_symbol("ETH/USDT", Error::io_error("HTTP 503 after 5 retries"));
    auto c = m.server.logged_in_client();
    const auto reply =
        c.post("/api/data/download/", R"({"source":"binance","symbols":["BTC/USDT","ETH/USDT"],)"
                                      R"("timeframes":["1h"],"since":")" +
                                          format_iso8601(m.bars.ts()[24]) + "\"}");
    ASSERT_EQ(reply.status, 202) << reply.body;
    const auto job = wait_job_status(c, json::parse(reply.body)["job_id"], "completed");
    ASSERT_EQ(job["status"], "completed") << job.dump();
    const json& r = job["result"];
    EXPECT_EQ(r["failed"], 1);
    ASSERT_EQ(r["series"].size(), 2U);
    EXPECT_EQ(r["series"][0]["status"], "ok");
    EXPECT_EQ(r["series"][0]["new_bars"], 48);  // bars 24..71, all closed
    EXPECT_EQ(r["series"][1]["status"], "error");
    EXPECT_NE(r["series"][1]["error"].get<std::string>().find("binance ETH/USDT 1h"),
              std::string::npos);
    const data::ParquetStore store(m.server.dir());
    const auto key = AITP_UNWRAP(data::SeriesKey::make("binance", "BTC/USDT", "1h"));
    EXPECT_EQ(AITP_UNWRAP(store.read(key)), m.bars.slice_rows(24, 72));
}

TEST(MarketTest, DownloadRequestLimitsNameTheField) {
    MarketServer m;
    auto c = m.server.logged_in_client();
    std::string many = "[";
    for (int i = 0; i < 51; ++i) many += (i ? ",\"S" : "\"S") + std::to_string(i) + "/USDT\"";
    many += "]";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"source":"binance","symbols":)" + many + R"(,"timeframes":["1h"]})", "symbols"},
        {R"({"source":"binance","symbols":["BTC/USDT"],"timeframes":["1m","5m","15m","1h","4h",)"
         R"("1d","1m","5m","15m","1h","4h"]})",
         "timeframes"},
        {R"({"source":"nasdaq","symbols":["BTC/USDT"],"timeframes":["1h"]})", "source"},
        {R"({"symbols":["BTC/USDT"],"timeframes":["1h"]})", "source"},
        {R"({"source":"binance","symbols":["B$D"],"timeframes":["1h"]})", "symbols"},
        {R"({"source":"binance","symbols":["BTC/USDT"],"timeframes":["2h"]})", "timeframes"},
        {R"({"source":"binance","symbols":["BTC/USDT"],"timeframes":["1h"],"since":"soon"})",
         "since"},
        {R"({"source":"binance","symbols":[],"timeframes":["1h"]})", "symbols"},
    };
    for (const auto& [body, field] : cases) {
        const auto r = c.post("/api/data/download/", body);
        EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
        EXPECT_NE(json::parse(r.body).value("error", "").find(field), std::string::npos)
            << field << ": " << r.body;
    }
}

TEST(MarketTest, TickersHealthAndThePushedWatchlist) {
    MarketServer m;
    auto c = m.server.logged_in_client();
    const auto t = c.get("/api/market/tickers/?source=binance&symbols=BTC/USDT");
    ASSERT_EQ(t.status, 200) << t.body;
    const json tj = json::parse(t.body);
    ASSERT_EQ(tj["tickers"].size(), 1U);
    EXPECT_EQ(tj["tickers"][0]["last"], m.bars.close()[71]);
    // 24 h change against the close 24 bars earlier, computed here.
    EXPECT_DOUBLE_EQ(tj["tickers"][0]["change_pct_24h"].get<double>(),
                     (m.bars.close()[71] / m.bars.close()[47] - 1.0) * 100.0);
    EXPECT_EQ(c.get("/api/market/tickers/?source=binance&symbols=").status, 400);
    EXPECT_EQ(c.get("/api/market/tickers/?source=x&symbols=BTC/USDT").status, 400);

    testing::write_text(m.server.dir() / "watchlists.conf",
                        "[crypto]\nsource = binance\ntimeframes = 1h\nsymbols = BTC/USDT\n");
    const auto w = c.get("/api/market/watchlist/crypto/tickers/");
    ASSERT_EQ(w.status, 200) << w.body;
    EXPECT_EQ(json::parse(w.body)["watchlist"], "crypto");
    EXPECT_EQ(c.get("/api/market/watchlist/nope/tickers/").status, 404);

    WsClient ws(m.server.port(), c.cookie(), nullptr, "/ws/market/tickers/");
    ASSERT_TRUE(ws.connected());
    json pushed = json::object();
    for (int i = 0; i < 50 && pushed.value("type", "") != "tickers"; ++i) {
        const std::string frame = ws.read(500);
        if (!frame.empty()) pushed = json::parse(frame);
    }
    ASSERT_EQ(pushed.value("type", ""), "tickers") << pushed.dump();
    EXPECT_EQ(pushed["tickers"][0]["symbol"], "BTC/USDT");

    exchange::VenueHealth h;
    h.breaker = exchange::BreakerState::Open;
    h.last_latency_ms = 12.5;
    h.last_error = "HTTP 503";
    h.last_error_ms = kServerStartMs;
    m.venue->set_health(h);
    const json health = json::parse(c.get("/api/exchange/health/").body);
    ASSERT_EQ(health.size(), 1U);
    EXPECT_EQ(health[0]["venue"], "binance");
    EXPECT_EQ(health[0]["breaker"], "open");
    EXPECT_EQ(health[0]["last_latency_ms"], 12.5);
    EXPECT_EQ(health[0]["last_error"], "HTTP 503");
}

TEST(MarketTest, UnreachableVenueIsAClearStateNotAHang) {
    // The production stack (make_venue, libcurl) pointed at a closed loopback port: the venue
    // is built but every request fails to connect (hermetic: never the real api.binance.com).
    LiveServer s(100000, 2000, [](server::ServerConfig& config) {
        config.venue_urls[exchange::VenueId::Binance] = "http://127.0.0.1:1";
    });
    auto c = s.logged_in_client();
    const auto t = c.get("/api/market/tickers/?source=binance&symbols=BTC/USDT");
    EXPECT_EQ(t.status, 502);
    EXPECT_NE(json::parse(t.body).value("error", "").find("binance unreachable"), std::string::npos)
        << t.body;
    const json health = json::parse(c.get("/api/exchange/health/").body);
    ASSERT_EQ(health.size(), 1U);
    EXPECT_EQ(health[0]["available"], false);
    EXPECT_FALSE(health[0]["last_error"].get<std::string>().empty());
    const auto reply = c.post("/api/data/download/",
                              R"({"source":"binance","symbols":["BTC/USDT"],"timeframes":["1h"]})");
    ASSERT_EQ(reply.status, 202);
    const auto job = wait_job_status(c, json::parse(reply.body)["job_id"], "completed");
    ASSERT_EQ(job["status"], "completed") << job.dump();
    EXPECT_EQ(job["result"]["failed"], 1);
    EXPECT_NE(job["result"]["series"][0]["error"].get<std::string>().find("unreachable"),
              std::string::npos);
}

}  // namespace
}  // namespace aitp::testing
