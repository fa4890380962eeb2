// SPDX-License-Identifier: MIT
// A real server on a loopback port (port 0), in-process, with a fresh data directory holding
// one small series (sample BTC/USDT 1h), the admin password set by environment, and a
// ManualClock the test moves (so session expiry and rate-limit windows are tested).
#pragma once

#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "data/parquet_store.hpp"
#include "data/synthetic.hpp"
#include "http_client.hpp"
#include "server/app.hpp"
#include "server/http_server.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::testing {

inline constexpr const char* kAdminPassword = "correct-horse-battery";

/// 2026-01-01T00:00:00Z: where every LiveServer's clock starts.
inline constexpr UnixMillis kServerStartMs = 1767225600000;

class LiveServer {
  public:
    /// `tweak` adjusts the configuration before the server starts (limits, caches, tokens).
    explicit LiveServer(int rate_limit = 100000, std::size_t bars = 2000,
                        const std::function<void(server::ServerConfig&)>& tweak = {})
        : clock_(kServerStartMs) {
        ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
        const data::ParquetStore store(dir_.path());
        data::SyntheticParams p;
        p.bars = bars;
        p.seed = 4;
        bars_ = AITP_UNWRAP(data::generate_bars(p));
        const auto key = AITP_UNWRAP(data::SeriesKey::make("sample", "BTC/USDT", "1h"));
        EXPECT_OK(store.write(key, bars_));
        server::ServerConfig c;
        c.data_dir = dir_.path();
        c.port = 0;
        c.rate_limit_per_minute = rate_limit;
        c.generate_demo_data = false;
        if (tweak) tweak(c);
        app_ = AITP_UNWRAP(server::App::create(c, clock_));
        http_ = std::make_unique<server::HttpServer>(*app_);
        EXPECT_OK(http_->bind());
        port_ = http_->port();
        thread_ = std::thread([this] { http_->run(false); });
    }
    ~LiveServer() {
        http_->stop();
        thread_.join();
        http_.reset();
        app_.reset();
    }
    int port() const { return port_; }
    /// The application behind the socket (to send requests from addresses a test cannot use).
    server::App& app() { return *app_; }
    const model::BarSeries& bars() const { return bars_; }
    const std::filesystem::path& dir() const { return dir_.path(); }
    /// The server's clock: only moves when a test moves it (sessions, rate limits, job times).
    ManualClock& clock() { return clock_; }
    HttpClient logged_in_client() {
        HttpClient c(port_);
        EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
        return c;
    }

  private:
    ManualClock clock_;
    TempDir dir_;
    model::BarSeries bars_;
    std::unique_ptr<server::App> app_;
    std::unique_ptr<server::HttpServer> http_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace aitp::testing
