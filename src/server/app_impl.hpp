// SPDX-License-Identifier: MIT
// App::Impl: the state the API handlers share (internal to the server module).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "data/parquet_store.hpp"
#include "indicators/registry.hpp"
#include "model/bar_series.hpp"
#include "server/app.hpp"
#include "server/auth.hpp"
#include "server/job_runner.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "store/auth_store.hpp"
#include "store/database.hpp"
#include "store/job_store.hpp"
#include "store/result_store.hpp"

namespace aitp::server {

/// A session lives this long after its last use (sliding expiry; refreshed at most every
/// kSessionRefreshMs so that a burst of requests is not a burst of writes).
inline constexpr std::int64_t kSessionMs = 60 * 60 * 1000;
inline constexpr std::int64_t kSessionRefreshMs = 5 * 60 * 1000;
inline constexpr const char* kSessionCookie = "aitp_session";
/// The 403 message for a user who still has a generated password.
inline constexpr const char* kPasswordChangeRequired =
    "password change required: POST /api/auth/password/ first";

/// Stored series read through DuckDB, kept while the file's size and mtime are unchanged.
class SeriesCache {
  public:
    Result<std::shared_ptr<const model::BarSeries>> get(const std::filesystem::path& path);

  private:
    struct Entry {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size = 0;
        std::shared_ptr<const model::BarSeries> bars;
    };
    std::mutex mu_;
    std::map<std::string, Entry> entries_;
};

/// Indicator columns of a stored series, kept while the file is unchanged (same size and mtime),
/// so a chart that refreshes does not recompute them. Bounded; thread-safe.
class IndicatorCache {
  public:
    using Table = indicators::ColumnTable;
    std::shared_ptr<const Table> find(const std::string& key);
    void put(const std::string& key, std::shared_ptr<const Table> table);

  private:
    std::mutex mu_;
    std::map<std::string, std::shared_ptr<const Table>> entries_;
};

struct App::Impl {
    explicit Impl(const Clock& c) : clock(c) {}

    const Clock& clock;
    std::filesystem::path data_dir;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::AuthStore> auth_store;
    std::unique_ptr<store::JobStore> job_store;
    std::unique_ptr<store::ResultStore> result_store;
    std::unique_ptr<JobRunner> runner;
    std::unique_ptr<RateLimiter> rate_limiter;
    LoginLimiter login_limiter;
    Metrics metrics;
    Router router;
    SeriesCache series;
    IndicatorCache indicator_tables;
    std::mutex broadcast_mu;
    std::function<void(const std::string&)> broadcast;
    std::atomic<std::size_t>* ws_clients = nullptr;
    std::string notice;
    bool generated_demo = false;
    std::int64_t interrupted_jobs = 0;
    bool secure_cookies = false;
    std::vector<std::string> allowed_origins;

    Response dispatch(Request& req, std::string& route_out);
    void publish_job(const store::JobRecord& job);
    std::string session_cookie(const std::string& token, std::int64_t max_age_s) const;
};

/// A stored series named the API's way: "BTC-USDT", "BTC_USDT" and "BTC/USDT" all name
/// BTC/USDT; tickers pass through.
Result<data::SeriesKey> api_series_key(const std::string& exchange, std::string symbol,
                                       const std::string& tf);

/// The API's JSON for a job.
nlohmann::json job_json(const store::JobRecord& job);

}  // namespace aitp::server
