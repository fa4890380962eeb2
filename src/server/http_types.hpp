// SPDX-License-Identifier: MIT
// Request and Response as the application sees them: plain structs with no Beast types, so
// handlers and the middleware chain are testable without a socket. Value types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aitp::server {

struct Request {
    std::string method;  ///< "GET", "POST", ...
    std::string path;    ///< decoded path without the query string
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    std::string client_ip;
    std::string request_id;
    /// Filled by the router from `<name>` segments.
    std::map<std::string, std::string> params;
    /// Filled by the auth middleware.
    std::optional<std::string> username;

    std::string header(const std::string& name) const;
    std::string query_param(const std::string& name, const std::string& fallback = {}) const;
    std::string cookie(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// What the request log records about an error beyond the short message sent (full
    /// library message, paths, DuckDB text); never sent to the client.
    std::string detail;

    static Response json(int status, std::string body);
    /// {"error": message}
    static Response error(int status, const std::string& message);
    void set_header(std::string name, std::string value);
};

/// The Content-Security-Policy of every page the server sends (the dashboard, the API docs
/// viewer): nothing from other origins; inline styles only, no inline or eval'd scripts.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'";

/// Splits "a=1&b=x%20y" into a map, percent-decoding keys and values.
std::map<std::string, std::string> parse_query(std::string_view query);
/// Percent-decodes ("+" stays "+"; returns nullopt on a malformed escape).
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace aitp::server
