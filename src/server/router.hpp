// SPDX-License-Identifier: MIT
// Router: method + path patterns ("/api/jobs/<id>/") to handlers. Matching fills
// Request::params. Routes are registered at start and read-only afterwards (thread-safe then).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "server/http_types.hpp"

namespace aitp::server {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
    bool public_route = false;            ///< no session needed
    bool before_password_change = false;  ///< open to a user who must change a generated password
    bool heavy = false;  ///< work proportional to data: runs on the request worker pool
};

class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

    struct Match {
        const Handler* handler = nullptr;
        const std::string* pattern = nullptr;
        RouteOptions options;
        bool path_matched = false;  ///< some route had this path (for 405)
    };
    /// Finds the route for req (filling req.params).
    Match match(Request& req) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
        bool public_route;
    };
    std::vector<RouteInfo> routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        RouteOptions options;
    };
    std::vector<Route> routes_;
};

}  // namespace aitp::server
