// SPDX-License-Identifier: MIT
// HttpServer: HTTP/1.1 and WebSocket on Boost.Beast/Asio. Converts Beast messages to
// Request/Response for App, serves the built dashboard with SPA fallback, pushes job events to
// /ws/system/ clients, and stops gracefully on SIGTERM/SIGINT. Beast types stay in the .cpp.
#pragma once

#include <memory>

#include "core/status.hpp"
#include "server/app.hpp"

namespace aitp::server {

class HttpServer {
  public:
    explicit HttpServer(App& app);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds host:port (port 0 picks a free one).
    Status bind();
    /// Returns the bound port (after bind()).
    int port() const;
    /// Serves until stop() or SIGTERM/SIGINT (when handle_signals); blocks.
    void run(bool handle_signals);
    /// Stops accepting, closes connections and returns from run(). Thread-safe.
    void stop();

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace aitp::server
