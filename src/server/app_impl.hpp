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
#include "server/byte_cache.hpp"
#include "server/job_runner.hpp"
#include "server/market.hpp"
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

/// Stored series read through DuckDB, kept while the file's size and mtime are unchanged;
/// bounded in bytes (least recently used out). Thread-safe.
class SeriesCache {
  public:
    explicit SeriesCache(std::size_t budget_bytes) : cache_(budget_bytes) {}
    /// Reads (or finds) the series; a file of more than max_bars rows is refused before it is
    /// read (InvalidArgument naming both numbers).
    Result<std::shared_ptr<const model::BarSeries>> get(const std::filesystem::path& path,
                                                        std::int64_t max_bars);
    std::size_t bytes() const { return cache_.bytes(); }

  private:
    struct Entry {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size = 0;
        std::shared_ptr<const model::BarSeries> bars;
    };
    ByteBudgetCache<Entry> cache_;
};

/// Indicator columns of a stored series, keyed by file, size, mtime and columns, so a chart that
/// refreshes does not recompute them. Bounded in bytes; thread-safe.
using IndicatorCache = ByteBudgetCache<indicators::ColumnTable>;

/// Returns the bytes a series / an indicator table holds (what the caches count).
std::size_t approximate_bytes(const model::BarSeries& bars);
std::size_t approximate_bytes(const indicators::ColumnTable& table);

struct App::Impl {
    Impl(const Clock& c, const ServerConfig& config)
        : clock(c), series(config.cache_bytes / 2), indicator_tables(config.cache_bytes / 2) {}

    const Clock& clock;
    std::filesystem::path data_dir;
    std::filesystem::path web_dir;  ///< built dashboard; the API docs viewer is in api-docs/
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::AuthStore> auth_store;
    std::unique_ptr<store::JobStore> job_store;
    std::unique_ptr<store::ResultStore> result_store;
    std::unique_ptr<JobRunner> runner;
    std::unique_ptr<VenuePool> venues;
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
    std::string one_time_user;      ///< the admin made at this start with a generated password
    std::string one_time_password;  ///< its password (empty when none was generated)
    bool generated_demo = false;
    std::int64_t interrupted_jobs = 0;
    bool secure_cookies = false;
    std::vector<std::string> allowed_origins;
    std::int64_t max_request_bars = 0;
    std::string metrics_token;

    Response dispatch(Request& req, std::string& route_out);
    void publish_job(const store::JobRecord& job);
    std::string session_cookie(const std::string& token, std::int64_t max_age_s) const;
};

/// A stored series named the API's way: "BTC-USDT", "BTC_USDT" and "BTC/USDT" all name
/// BTC/USDT; tickers pass through.
Result<data::SeriesKey> api_series_key(const std::string& exchange, std::string symbol,
                                       const std::string& tf);

/// {"watchlist", "source", "tickers", "error"?} for a watchlist of <data-dir>/watchlists.conf
/// (the REST route and the /ws/market/tickers/ push); NotFound for an unknown name.
Result<nlohmann::json> watchlist_tickers_json(App::Impl& impl, const std::string& name);

/// The API's JSON for a job.
nlohmann::json job_json(const store::JobRecord& job);

}  // namespace aitp::server
