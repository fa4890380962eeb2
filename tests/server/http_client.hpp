// SPDX-License-Identifier: MIT
// A small synchronous HTTP/WebSocket client for server tests (Beast), with a cookie jar for
// the session and the CSRF token from login. Not thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace aitp::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class HttpClient {
  public:
    explicit HttpClient(int port) : port_(port) {}

    HttpReply request(const std::string& method, const std::string& target,
                      const std::string& body = "",
                      const std::map<std::string, std::string>& headers = {});
    HttpReply get(const std::string& target) { return request("GET", target); }
    /// POST with the CSRF header when logged in.
    HttpReply post(const std::string& target, const std::string& body = "{}");
    /// The server's own origin ("http://127.0.0.1:<port>"), as a browser would send it.
    std::string origin() const;
    /// Logs in from the server's own origin; returns the reply (keeps the cookie and CSRF token
    /// on 200).
    HttpReply login(const std::string& user, const std::string& password);
    /// Sends raw bytes and returns whatever comes back before the server closes or 2 s pass.
    std::string raw(const std::string& bytes);

    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }
    int port() const { return port_; }

  private:
    int port_;
    std::string cookie_;
    std::string csrf_;
};

/// A WebSocket client connected to `path` (default /ws/system/) with a session cookie. `origin`:
/// nullptr sends the server's own origin (as a browser on the dashboard does), "" sends none.
class WsClient {
  public:
    WsClient(int port, const std::string& cookie, const char* origin = nullptr,
             const std::string& path = "/ws/system/");
    ~WsClient();
    /// Returns the next text frame, or "" after timeout_ms without one.
    std::string read(int timeout_ms);
    /// Reads until the server closes the socket; true when it does within timeout_ms.
    bool wait_closed(int timeout_ms);
    bool connected() const { return connected_; }
    int handshake_status() const { return handshake_status_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool connected_ = false;
    int handshake_status_ = 0;
};

}  // namespace aitp::testing
