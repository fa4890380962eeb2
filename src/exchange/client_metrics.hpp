// SPDX-License-Identifier: MIT
// ClientMetrics: the process-wide registry of outgoing venue requests (counts and latency by
// venue, endpoint and status; breaker state by venue) that the server's /metrics renders.
// The resilient client records every attempt here. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "exchange/http.hpp"

namespace aitp::exchange {

class ClientMetrics {
  public:
    static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1,  0.25,
                                                        0.5,   1.0,  2.5,   5.0,  10.0, 30.0};

    /// Returns the process-wide instance.
    static ClientMetrics& instance();

    /// Counts one attempt. `status` is the HTTP status, or "io_error" for a transport error
    /// and "circuit_open" for a request the breaker refused without sending. A negative
    /// `seconds` (nothing was sent) counts the request without a latency sample.
    void observe(std::string_view venue, std::string_view endpoint, std::string_view status,
                 double seconds);
    void set_breaker(std::string_view venue, BreakerState state);

    /// Returns the attempts counted for (venue, endpoint, status), 0 when none.
    std::uint64_t requests(std::string_view venue, std::string_view endpoint,
                           std::string_view status) const;

    /// Returns the Prometheus text exposition (0.0.4) of aitp_exchange_requests_total,
    /// aitp_exchange_request_seconds and aitp_exchange_breaker_state (0 closed, 1 open,
    /// 2 half-open); empty when nothing was recorded.
    std::string render() const;

    /// Forgets everything (tests).
    void reset();

  private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0.0;
    };
    mutable std::mutex mu_;
    std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t, std::less<>>
        requests_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;
    std::map<std::string, BreakerState, std::less<>> breakers_;
};

}  // namespace aitp::exchange
