// SPDX-License-Identifier: MIT
#include "server/metrics.hpp"

#include <fmt/format.h>

namespace aitp::server {

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
    std::lock_guard lock(mu_);
    ++requests_[{method, route, status}];
    Histogram& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render(const Gauges& g) const {
    std::string out;
    std::lock_guard lock(mu_);
    out += "# HELP http_requests_total HTTP requests by method, route and status.\n";
    out += "# TYPE http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto& [method, route, status] = key;
        out += fmt::format("http_requests_total{{method=\"{}\",path=\"{}\",status=\"{}\"}} {}\n",
                           method, route, status, n);
    }
    out += "# HELP http_request_duration_seconds Request latency by route.\n";
    out += "# TYPE http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("http_request_duration_seconds_bucket{{path=\"{}\",le=\"{}\"}} {}\n",
                               route, kBuckets[i], h.buckets[i]);
        }
        out += fmt::format("http_request_duration_seconds_bucket{{path=\"{}\",le=\"+Inf\"}} {}\n",
                           route, h.count);
        out += fmt::format("http_request_duration_seconds_sum{{path=\"{}\"}} {}\n", route, h.sum);
        out +=
            fmt::format("http_request_duration_seconds_count{{path=\"{}\"}} {}\n", route, h.count);
    }
    out += "# HELP job_queue_pending Jobs waiting for a worker.\n# TYPE job_queue_pending gauge\n";
    out += fmt::format("job_queue_pending {}\n", g.jobs_pending);
    out += "# HELP job_queue_running Jobs running.\n# TYPE job_queue_running gauge\n";
    out += fmt::format("job_queue_running {}\n", g.jobs_running);
    out += "# HELP websocket_clients Open WebSocket connections.\n# TYPE websocket_clients gauge\n";
    out += fmt::format("websocket_clients {}\n", g.websocket_clients);
    return out;
}

}  // namespace aitp::server
