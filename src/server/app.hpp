// SPDX-License-Identifier: MIT
// App: everything the server does except sockets. It owns the database, the stores, the job
// runner and the routes, and runs each request through the middleware chain (rate limit,
// session, CSRF, handler, audit, metrics). The HTTP layer (http_server.cpp) only converts
// between Beast and Request/Response. Thread-safe: handle() runs on several I/O threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "ingest/venues.hpp"
#include "server/http_types.hpp"
#include "server/router.hpp"

namespace aitp::server {

struct ServerConfig {
    std::filesystem::path data_dir = "var";
    std::filesystem::path web_dir;  ///< built dashboard (index.html); empty = none
    std::string host = "127.0.0.1";
    int port = 8000;
    int rate_limit_per_minute = 120;
    int job_workers = 1;
    int io_threads = 2;
    bool secure_cookies = false;  ///< set Secure on cookies (behind TLS)
    bool generate_demo_data = true;
    /// Bytes the series and indicator caches may hold together (half each).
    std::size_t cache_bytes = std::size_t{256} << 20;
    /// Most bars one request may load or compute over (chart, indicators, quality, and each
    /// series of generate-sample; 10x this in total for generate-sample).
    std::int64_t max_request_bars = 1'000'000;
    /// Threads for heavy requests (series reads, indicators, quality), kept off the I/O threads.
    int request_workers = 2;
    /// Heavy requests queued or running at once; more get 503.
    int max_heavy_requests = 32;
    /// Open connections at once (HTTP and WebSocket); more get 503. 0: 4096, or less when the
    /// file-descriptor limit is lower.
    int max_connections = 0;
    /// How long a kept-alive connection may wait idle for its next request before the server
    /// closes it (Apache's default), so idle clients do not hold connection slots; a request
    /// once started has 30 s.
    std::chrono::milliseconds keep_alive_idle{5000};
    /// Writes a JSON line per API request at info level to stderr. Off by default (the console
    /// stays quiet); App::prepare() also turns it on when AITP_LOG_REQUESTS=1. Requests that
    /// failed on the server (5xx) and warnings are written either way.
    bool log_requests = false;
    /// Bearer token that lets non-loopback clients read /metrics (a session also does).
    std::string metrics_token;
    /// Origins besides the server's own that may log in and open WebSockets (exact, e.g.
    /// "https://aitp.example.com" behind a proxy that rewrites Host).
    std::vector<std::string> allowed_origins;
    /// Venue REST roots (`aitp serve --venue-url SOURCE=URL`, AITP_VENUE_URLS); a venue not
    /// named here uses its documented default.
    ingest::VenueUrls venue_urls;
    /// Builds venue adapters; empty: exchange::make_venue. Tests inject a fake venue here.
    ingest::VenueFactory venue_factory;
    /// The watchlist /ws/market/tickers/ pushes (from <data-dir>/watchlists.conf) and how often.
    std::string ticker_watchlist = "crypto";
    std::chrono::milliseconds ticker_interval{10000};
};

/// What the WebSocket upgrade check decided: 0 = accept, else the HTTP status to refuse with.
struct WebSocketCheck {
    int status = 0;
    std::string message;
    std::string token_hash;  ///< the session the socket belongs to (when accepted)
};

class App {
  public:
    /// prepare() then open(): what tests and embedders call.
    static Result<std::unique_ptr<App>> create(const ServerConfig& config, const Clock& clock);
    /// Returns an App that has touched nothing on disk yet (`aitp serve` binds its socket
    /// between prepare() and open(), so a busy port creates no database and no admin).
    static Result<std::unique_ptr<App>> prepare(const ServerConfig& config, const Clock& clock);
    /// Opens the database (running migrations), marks interrupted jobs failed, creates the
    /// first admin (AITP_ADMIN_PASSWORD, or a printed one-time password that must be changed at
    /// the first login) and, when the store is empty and asked to, generates the demo data.
    Status open();
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Handles an /api/ or /metrics request.
    Response handle(Request& req);

    /// The WebSocket upgrade check: a same-origin Origin and a valid session whose password
    /// needs no change.
    WebSocketCheck check_websocket(const Request& req);
    /// True while the session with this token hash exists and has not expired.
    bool session_alive(const std::string& token_hash);
    /// True when the request's route does work proportional to data (series reads, indicator
    /// computation); the HTTP layer runs those on its worker pool, not on an I/O thread.
    bool is_heavy(Request& req) const;

    /// The route table the server dispatches on (what /api/schema/ documents).
    std::vector<Router::RouteInfo> routes() const;

    /// Where job changes are pushed (the WebSocket hub sets this).
    void set_broadcast(std::function<void(const std::string&)> fn);

    /// The /ws/market/tickers/ message: {"type":"tickers","watchlist","source","tickers",
    /// "error"?} for ServerConfig::ticker_watchlist. Calls the venue: not on an I/O thread.
    std::string market_tickers_message();

    /// The number of open WebSocket connections (the websocket_clients gauge).
    void set_websocket_clients(std::size_t n) { ws_clients_.store(n); }

    /// Stops the job runner (cancels running jobs) before the process exits.
    void shutdown();

    const ServerConfig& config() const { return config_; }

    /// Text printed at start when AITP_ADMIN_PASSWORD was set but ignored because users exist;
    /// else empty.
    const std::string& first_start_notice() const;
    /// The framed block that shows the admin made at this start with a generated one-time
    /// password (user, password, `url`, and that it must be changed at the first login), ending
    /// in a newline; empty when no password was generated. `aitp serve` prints it last.
    std::string one_time_password_block(std::string_view url) const;

    struct Impl;

  private:
    App(ServerConfig config, const Clock& clock);
    ServerConfig config_;
    std::unique_ptr<Impl> impl_;
    std::atomic<std::size_t> ws_clients_{0};
};

}  // namespace aitp::server
