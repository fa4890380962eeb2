// SPDX-License-Identifier: MIT
// App: everything the server does except sockets. It owns the database, the stores, the job
// runner and the routes, and runs each request through the middleware chain (rate limit,
// session, CSRF, handler, audit, metrics). The HTTP layer (http_server.cpp) only converts
// between Beast and Request/Response. Thread-safe: handle() runs on several I/O threads.
#pragma once

#include <atomic>
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
