// SPDX-License-Identifier: MIT
// A real server on a loopback port (port 0), in-process, with a fresh data directory holding
// one small series (sample BTC/USDT 1h) and the admin password set by environment.
#pragma once

#include <cstdlib>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "data/parquet_store.hpp"
#include "data/synthetic.hpp"
#include "http_client.hpp"
#include "server/app.hpp"
#include "server/http_server.hpp"
#include "support/test_paths.hpp"

namespace aitp::testing {

inline constexpr const char* kAdminPassword = "correct-horse-battery";

class LiveServer {
  public:
    explicit LiveServer(int rate_limit = 100000, std::size_t bars = 2000) {
        ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
        const data::ParquetStore store(dir_.path());
        data::SyntheticParams p;
        p.bars = bars;
        p.seed = 4;
        const auto series = data::generate_bars(p);
        EXPECT_TRUE(series);
        EXPECT_TRUE(store.write(*data::SeriesKey::make("sample", "BTC/USDT", "1h"), *series));
        bars_ = *series;
        server::ServerConfig c;
        c.data_dir = dir_.path();
        c.port = 0;
        c.rate_limit_per_minute = rate_limit;
        c.generate_demo_data = false;
        auto app = server::App::create(c, SystemClock::instance());
        EXPECT_TRUE(app) << (app ? "" : app.error().message());
        app_ = std::move(*app);
        http_ = std::make_unique<server::HttpServer>(*app_);
        EXPECT_TRUE(http_->bind());
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
    const model::BarSeries& bars() const { return bars_; }
    const std::filesystem::path& dir() const { return dir_.path(); }
    HttpClient logged_in_client() {
        HttpClient c(port_);
        EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
        return c;
    }

  private:
    TempDir dir_;
    model::BarSeries bars_;
    std::unique_ptr<server::App> app_;
    std::unique_ptr<server::HttpServer> http_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace aitp::testing
