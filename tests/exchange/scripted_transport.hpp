// SPDX-License-Identifier: MIT
// ScriptedTransport: an HttpTransport for tests that records every request and answers from a
// script (a queue of responses or errors, then a default), optionally moving a ManualClock by a
// fixed latency per request. Not thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "exchange/http.hpp"

namespace aitp::exchange::testing {

inline HttpResponse response(int status, std::string body = "{}", HttpHeaders headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

class ScriptedTransport final : public HttpTransport {
  public:
    /// Answers each request with the next scripted result; when the script is empty, with
    /// `route(request)` if set, else 200 "{}".
    Result<HttpResponse> send(const HttpRequest& request) override {
        requests.push_back(request);
        if (clock != nullptr) clock->advance(latency_ms);
        if (!script.empty()) {
            Result<HttpResponse> r = std::move(script.front());
            script.pop_front();
            return r;
        }
        if (route) return route(request);
        return response(200);
    }

    void push(Result<HttpResponse> r) { script.push_back(std::move(r)); }

    std::vector<HttpRequest> requests;
    std::deque<Result<HttpResponse>> script;
    std::function<Result<HttpResponse>(const HttpRequest&)> route;
    ManualClock* clock = nullptr;
    std::int64_t latency_ms = 0;
};

}  // namespace aitp::exchange::testing
