// SPDX-License-Identifier: MIT
#include "server/router.hpp"

namespace aitp::server {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::size_t pos = 1;
    while (pos <= path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        if (end > pos) out.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace

void Router::add(std::string method, std::string pattern, RouteDoc doc, Handler handler,
                 RouteOptions options) {
    auto segments = split_path(pattern);
    routes_.push_back({std::move(method), std::move(pattern), std::move(segments),
                       std::move(handler), options, std::move(doc)});
}

Router::Match Router::match(Request& req) const {
    Match m;
    const auto parts = split_path(req.path);
    for (const auto& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            const std::string& seg = r.segments[i];
            if (seg.size() > 2 && seg.front() == '<' && seg.back() == '>') {
                // Paths arrive undecoded so an encoded '/' (BTC%2FUSDT) stays inside its segment.
                params[seg.substr(1, seg.size() - 2)] = percent_decode(parts[i]).value_or(parts[i]);
            } else {
                ok = seg == parts[i];
            }
        }
        if (!ok) continue;
        m.path_matched = true;
        if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET")) continue;
        req.params = std::move(params);
        m.handler = &r.handler;
        m.pattern = &r.pattern;
        m.options = r.options;
        return m;
    }
    return m;
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : routes_)
        out.push_back({r.method, r.pattern, r.options.public_route, &r.doc});
    return out;
}

}  // namespace aitp::server
