// SPDX-License-Identifier: MIT
// API documentation: the OpenAPI document (/api/schema/), built from the router's table and the
// RouteDoc each route was registered with, and the viewer page (/api/docs/, swagger-ui copied
// into the built dashboard by web/vite.config.ts).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/json_body.hpp"

namespace aitp::server {

namespace {

using nlohmann::json;
namespace s = schema;

std::string openapi_path(std::string pattern) {
    for (auto& c : pattern) {
        if (c == '<') c = '{';
        if (c == '>') c = '}';
    }
    return pattern;
}

json parameter(const ParamDoc& p, const char* in) {
    json out = {{"name", p.name},
                {"in", in},
                {"required", p.required || std::string_view(in) == "path"},
                {"schema", s::type(p.type)}};
    if (!p.description.empty()) out["description"] = p.description;
    return out;
}

// Path parameters in the pattern's order, described by the RouteDoc where it names them.
json parameters(const Router::RouteInfo& r) {
    json out = json::array();
    for (std::size_t pos = r.pattern.find('<'); pos != std::string::npos;
         pos = r.pattern.find('<', pos + 1)) {
        ParamDoc p{r.pattern.substr(pos + 1, r.pattern.find('>', pos) - pos - 1), ""};
        for (const auto& d : r.doc->path_params) {
            if (d.name == p.name) p = d;
        }
        out.push_back(parameter(p, "path"));
    }
    for (const auto& q : r.doc->query) out.push_back(parameter(q, "query"));
    return out;
}

const char* status_text(int status) {
    switch (status) {
        case 201:
            return "Created";
        case 202:
            return "Accepted: a job was queued";
        default:
            return "OK";
    }
}

json operation(const Router::RouteInfo& r) {
    const RouteDoc& d = *r.doc;
    const json error = {{"application/json", {{"schema", s::ref("Error")}}}};
    json op = {{"summary", d.summary},
               {"tags", json::array({d.tag})},
               {"responses",
                {{std::to_string(d.status),
                  {{"description", status_text(d.status)},
                   {"content", {{d.content_type, {{"schema", d.response}}}}}}},
                 {"4XX",
                  {{"description", "bad input, no session, forbidden, not found, rate limited"},
                   {"content", error}}},
                 {"5XX", {{"description", "internal error or busy"}, {"content", error}}}}}};
    if (const json params = parameters(r); !params.empty()) op["parameters"] = params;
    if (!d.request.is_null()) {
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", d.request}}}}}};
    }
    if (!r.public_route) op["security"] = json::array({{{"sessionCookie", json::array()}}});
    return op;
}

json openapi_document(const std::vector<Router::RouteInfo>& routes) {
    json paths = json::object();
    json tags = json::array();
    for (const auto& r : routes) {
        std::string method = r.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        paths[openapi_path(r.pattern)][method] = operation(r);
        const json tag = {{"name", r.doc->tag}};
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    return {
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "aitp API"},
          {"version", "0.1.0"},
          {"description",
           "REST API of aitp serve. Timestamps are epoch milliseconds unless a field ends in "
           "_at (ISO-8601). Unsafe methods need the X-CSRFToken header (from login or "
           "/api/auth/status/). Errors are {\"error\": \"...\"}; docs/api.md has the "
           "details."}}},
        {"tags", tags},
        {"components",
         {{"schemas", s::components()},
          {"securitySchemes",
           {{"sessionCookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}}}}}},
        {"paths", paths}};
}

Response schema_route(const App::Impl& impl) {
    return Response::json(200, json_text(openapi_document(impl.router.routes())));
}

// The viewer page from the built dashboard, with the pages' CSP (it loads only its own scripts
// and /api/schema/).
Response docs_page(const App::Impl& impl) {
    std::ifstream in(impl.web_dir / "api-docs" / "index.html", std::ios::binary);
    if (impl.web_dir.empty() || !in) {
        return Response::error(404,
                               "the API docs viewer is not built (run `make build`); the OpenAPI "
                               "document is at /api/schema/");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = ss.str();
    r.set_header("Cache-Control", "no-cache");
    r.set_header("Content-Security-Policy", kContentSecurityPolicy);
    return r;
}

}  // namespace

void register_docs_routes(App::Impl& impl) {
    const App::Impl* p = &impl;
    const RouteOptions pub{true};
    impl.router.add(
        "GET", "/api/schema/",
        {.summary = "This OpenAPI document", .tag = "Platform", .response = s::ref("OpenApi")},
        [p](Request&) { return schema_route(*p); }, pub);
    impl.router.add(
        "GET", "/api/docs/",
        {.summary = "The API docs viewer (an HTML page that reads /api/schema/)",
         .tag = "Platform",
         .response = s::string("HTML"),
         .content_type = "text/html"},
        [p](Request&) { return docs_page(*p); }, pub);
}

}  // namespace aitp::server
