// SPDX-License-Identifier: MIT
// Router: method + path patterns ("/api/jobs/<id>/") to handlers. Matching fills
// Request::params. Each route carries its OpenAPI description (RouteDoc), so /api/schema/ is
// built from the table the server dispatches on. Routes are registered at start and read-only
// afterwards (thread-safe then).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/http_types.hpp"

namespace aitp::server {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
    bool public_route = false;            ///< no session needed
    bool before_password_change = false;  ///< open to a user who must change a generated password
    bool heavy = false;  ///< work proportional to data: runs on the request worker pool
};

/// A path or query parameter as the OpenAPI document describes it.
struct ParamDoc {
    std::string name;
    std::string description{};
    std::string type = "string";  ///< JSON schema type: string, integer, number, boolean
    bool required = false;        ///< path parameters are always required
};

/// What the OpenAPI document says about one route. Schemas are JSON schema objects in the
/// OpenAPI 3.0 dialect, usually references to the named components of api_schemas.hpp.
struct RouteDoc {
    std::string summary{};
    std::string tag{};                    ///< the API area (Auth, Data, Jobs, ...)
    std::vector<ParamDoc> path_params{};  ///< one per `<name>` segment of the pattern
    std::vector<ParamDoc> query{};
    nlohmann::json request{};   ///< schema of the JSON request body; null: the route takes none
    int status = 200;           ///< status of the successful answer
    nlohmann::json response{};  ///< schema of the successful answer's body
    std::string content_type = "application/json";  ///< of the successful answer
};

class Router {
  public:
    /// Adds a route; every route is documented (`doc` shows in /api/schema/).
    void add(std::string method, std::string pattern, RouteDoc doc, Handler handler,
             RouteOptions options = {});

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
        const RouteDoc* doc;  ///< valid until the next add()
    };
    std::vector<RouteInfo> routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        RouteOptions options;
        RouteDoc doc;
    };
    std::vector<Route> routes_;
};

}  // namespace aitp::server
