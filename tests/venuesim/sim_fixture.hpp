// SPDX-License-Identifier: MIT
// A running venue simulator for tests: 100 hourly BTC/USDT bars from 2024-01-01 whose values
// the test knows (close = 100 + i / 4), a ManualClock as the wall clock (so the simulated time
// only moves when a test says so), a real socket and a small client for signed requests.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../server/http_client.hpp"
#include "core/clock.hpp"
#include "exchange/signing.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"
#include "venuesim/venue_sim.hpp"

namespace aitp::testing {

inline constexpr UnixMillis kFirstBar = 1704067200000;  // 2024-01-01T00:00:00Z
inline constexpr UnixMillis kHour = 3'600'000;
inline constexpr int kBars = 100;
/// The simulated time at start: just after the last bar closes.
inline constexpr UnixMillis kSimStart = kFirstBar + kBars * kHour;
inline constexpr const char* kKey = "test-key";
inline constexpr const char* kSecret = "test-secret";
inline constexpr double kUsdt = 100000;

inline double bar_close(int i) { return 100.0 + i / 4.0; }

class SimFixture {
  public:
    explicit SimFixture(const std::function<void(venuesim::SimConfig&)>& tweak = {})
        : wall_(5'000'000) {
        std::string csv = "timestamp,open,high,low,close,volume\n";
        for (int i = 0; i < kBars; ++i) {
            csv += fmt::format("{},{},{},{},{},{}\n", kFirstBar + i * kHour, bar_close(i) - 0.5,
                               bar_close(i) + 1, bar_close(i) - 1, bar_close(i), 10 + i);
        }
        write_text(dir_ / "bars.csv", csv);
        venuesim::SimConfig c;
        c.bars.push_back(
            AITP_UNWRAP(venuesim::parse_bars_spec("BTC/USDT:1h:" + (dir_ / "bars.csv").string())));
        c.accounts.push_back(venuesim::AccountSpec{kKey, kSecret, {{"USDT", kUsdt}, {"BTC", 2}}});
        if (tweak) tweak(c);
        sim_ = AITP_UNWRAP(venuesim::VenueSim::create(c, wall_));
        EXPECT_OK(sim_->bind());
        port_ = sim_->port();
        thread_ = std::thread([this] { sim_->run(); });
    }
    ~SimFixture() {
        sim_->stop();
        thread_.join();
    }
    SimFixture(const SimFixture&) = delete;
    SimFixture& operator=(const SimFixture&) = delete;

    int port() const { return port_; }
    ManualClock& wall() { return wall_; }
    HttpReply get(const std::string& target) { return HttpClient(port_).get(target); }
    HttpReply post_json(const std::string& target, const std::string& body) {
        return HttpClient(port_).request("POST", target, body);
    }
    /// Returns the simulated time (GET /sim/v1/clock).
    UnixMillis sim_now() {
        return nlohmann::json::parse(get("/sim/v1/clock").body).at("now").get<UnixMillis>();
    }
    void advance(std::int64_t ms) {
        ASSERT_EQ(post_json("/sim/v1/clock", fmt::format(R"({{"advance_ms":{}}})", ms)).status,
                  200);
    }
    /// A signed request: params + "&timestamp=<ts>" signed with HMAC-SHA256(secret), the
    /// signature in the query (GET, DELETE) or the form body (POST), as Binance documents.
    HttpReply signed_request(const std::string& method, const std::string& path,
                             const std::string& params, const std::string& key = kKey,
                             const std::string& secret = kSecret, UnixMillis ts = 0) {
        const std::string payload = fmt::format(
            "{}{}timestamp={}", params, params.empty() ? "" : "&", ts == 0 ? sim_now() : ts);
        const std::string full =
            payload + "&signature=" + exchange::hmac_sha256_hex(secret, payload);
        std::map<std::string, std::string> headers;
        if (!key.empty()) headers["X-MBX-APIKEY"] = key;
        if (method == "POST") {
            headers["Content-Type"] = "application/x-www-form-urlencoded";
            return HttpClient(port_).request(method, path, full, headers);
        }
        return HttpClient(port_).request(method, path + "?" + full, "", headers);
    }
    static nlohmann::json json(const HttpReply& r) { return nlohmann::json::parse(r.body); }

  private:
    TempDir dir_;
    ManualClock wall_;
    std::unique_ptr<venuesim::VenueSim> sim_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace aitp::testing
