// SPDX-License-Identifier: MIT
// App: everything the server does except sockets. It owns the database, the stores, the job
// runner and the routes, and runs each request through the middleware chain (rate limit,
// session, CSRF, handler, audit, metrics). The HTTP layer (http_server.cpp) only converts
// between Beast and Request/Response. Thread-safe: handle() runs on several I/O threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "server/http_types.hpp"

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
    /// Bearer token that lets non-loopback clients read /metrics (a session also does).
    std::string metrics_token;
};

class App {
  public:
    /// Opens the database (running migrations), marks interrupted jobs failed, creates the
    /// first admin (AITP_ADMIN_PASSWORD or a printed one-time password) and, when the store
    /// is empty and asked to, generates the demo data.
    static Result<std::unique_ptr<App>> create(const ServerConfig& config, const Clock& clock);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Handles an /api/ or /metrics request.
    Response handle(Request& req);

    /// True when the request's route does work proportional to data (series reads, indicator
    /// computation); the HTTP layer runs those on its worker pool, not on an I/O thread.
    bool is_heavy(Request& req) const;

    /// True when the request carries a valid session (WebSocket upgrade check).
    bool has_session(const Request& req);

    /// Where job changes are pushed (the WebSocket hub sets this).
    void set_broadcast(std::function<void(const std::string&)> fn);

    void set_websocket_clients(std::size_t n) { ws_clients_.store(n); }

    /// Stops the job runner (cancels running jobs) before the process exits.
    void shutdown();

    const ServerConfig& config() const { return config_; }

    /// Text printed once at first start (the generated admin password), else empty.
    const std::string& first_start_notice() const;

    struct Impl;

  private:
    App(ServerConfig config, const Clock& clock);
    ServerConfig config_;
    std::unique_ptr<Impl> impl_;
    std::atomic<std::size_t> ws_clients_{0};
};

}  // namespace aitp::server
