// SPDX-License-Identifier: MIT
// FakeTransport: an HttpTransport for adapter tests. It records every request and answers from
// routes keyed by "METHOD /path" (the URL's path, query left out), serving fixture bodies from
// tests/data/exchange/<venue>/; an unrouted request gets a 404. Not thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "exchange/http.hpp"
#include "support/test_paths.hpp"

namespace aitp::exchange::testing {

/// Returns the text of tests/data/exchange/<venue>/<name>.
inline std::string fixture(const std::string& venue, const std::string& name) {
    return aitp::testing::read_text(aitp::testing::source_dir() / "tests" / "data" / "exchange" /
                                    venue / name);
}

/// Returns the path of a URL ("https://h:1/a/b?x=1" -> "/a/b").
inline std::string url_path(std::string_view url) {
    auto start = url.find("://");
    start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
    if (start == std::string_view::npos) return "/";
    const auto q = url.find('?', start);
    return std::string(url.substr(start, q == std::string_view::npos ? url.npos : q - start));
}

/// Returns the query of a URL without the '?' ("" when none).
inline std::string url_query(std::string_view url) {
    const auto q = url.find('?');
    return q == std::string_view::npos ? std::string() : std::string(url.substr(q + 1));
}

class FakeTransport final : public HttpTransport {
  public:
    /// Answers `method path` with `status` and `body` (replacing an earlier route).
    void route(const std::string& method, const std::string& path, std::string body,
               int status = 200) {
        routes_[method + " " + path] = {status, std::move(body)};
    }

    Result<HttpResponse> send(const HttpRequest& request) override {
        requests.push_back(request);
        if (fail_with) return fail(*fail_with);
        HttpResponse r;
        const auto it = routes_.find(request.method + " " + url_path(request.url));
        if (it == routes_.end()) {
            r.status = 404;
            r.body = "no route";
        } else {
            r.status = it->second.first;
            r.body = it->second.second;
        }
        return r;
    }

    /// The last request whose path is `path` (fails the test when there is none).
    const HttpRequest& last(const std::string& path) const {
        for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
            if (url_path(it->url) == path) return *it;
        }
        ADD_FAILURE() << "no request to " << path;
        static const HttpRequest kNone;
        return kNone;
    }

    std::vector<HttpRequest> requests;
    std::optional<Error> fail_with;  ///< when set, every send fails with it

  private:
    std::map<std::string, std::pair<int, std::string>> routes_;
};

/// Returns the value of a request header (exact name), "" when absent.
inline std::string header(const HttpRequest& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return {};
}

}  // namespace aitp::exchange::testing
