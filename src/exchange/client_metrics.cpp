// SPDX-License-Identifier: MIT
#include "exchange/client_metrics.hpp"

#include <fmt/format.h>

namespace aitp::exchange {

namespace {

// Label values come from our own code (venue names, "GET /api/v3/klines"), but escape the
// three characters the exposition format reserves anyway.
std::string escape_label(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

ClientMetrics& ClientMetrics::instance() {
    static ClientMetrics metrics;
    return metrics;
}

void ClientMetrics::observe(std::string_view venue, std::string_view endpoint,
                            std::string_view status, double seconds) {
    std::lock_guard lock(mu_);
    ++requests_[{std::string(venue), std::string(endpoint), std::string(status)}];
    if (seconds < 0.0) return;
    Histogram& h = latency_[{std::string(venue), std::string(endpoint)}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

void ClientMetrics::set_breaker(std::string_view venue, BreakerState state) {
    std::lock_guard lock(mu_);
    breakers_[std::string(venue)] = state;
}

std::uint64_t ClientMetrics::requests(std::string_view venue, std::string_view endpoint,
                                      std::string_view status) const {
    std::lock_guard lock(mu_);
    auto it = requests_.find(
        std::make_tuple(std::string(venue), std::string(endpoint), std::string(status)));
    return it == requests_.end() ? 0 : it->second;
}

std::string ClientMetrics::render() const {
    std::lock_guard lock(mu_);
    std::string out;
    if (requests_.empty() && breakers_.empty()) return out;
    out += "# HELP aitp_exchange_requests_total Venue requests by venue, endpoint and status.\n";
    out += "# TYPE aitp_exchange_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto& [venue, endpoint, status] = key;
        out += fmt::format(
            "aitp_exchange_requests_total{{venue=\"{}\",endpoint=\"{}\",status=\"{}\"}} {}\n",
            escape_label(venue), escape_label(endpoint), escape_label(status), n);
    }
    out += "# HELP aitp_exchange_request_seconds Venue request latency by venue and endpoint.\n";
    out += "# TYPE aitp_exchange_request_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        const std::string labels = fmt::format("venue=\"{}\",endpoint=\"{}\"",
                                               escape_label(key.first), escape_label(key.second));
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("aitp_exchange_request_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                               kBuckets[i], h.buckets[i]);
        }
        out += fmt::format("aitp_exchange_request_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                           h.count);
        out += fmt::format("aitp_exchange_request_seconds_sum{{{}}} {}\n", labels, h.sum);
        out += fmt::format("aitp_exchange_request_seconds_count{{{}}} {}\n", labels, h.count);
    }
    out +=
        "# HELP aitp_exchange_breaker_state Circuit breaker by venue (0 closed, 1 open, "
        "2 half-open).\n";
    out += "# TYPE aitp_exchange_breaker_state gauge\n";
    for (const auto& [venue, state] : breakers_) {
        out += fmt::format("aitp_exchange_breaker_state{{venue=\"{}\"}} {}\n", escape_label(venue),
                           static_cast<int>(state));
    }
    return out;
}

void ClientMetrics::reset() {
    std::lock_guard lock(mu_);
    requests_.clear();
    latency_.clear();
    breakers_.clear();
}

}  // namespace aitp::exchange
