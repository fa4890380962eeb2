// SPDX-License-Identifier: MIT
// Prometheus metrics: request counters by method, route and status, latency histograms by
// route, and gauges supplied at render time (job queue). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace aitp::server {

class Metrics {
  public:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

    void observe(const std::string& method, const std::string& route, int status, double seconds);

    struct Gauges {
        std::size_t jobs_pending = 0;
        std::size_t jobs_running = 0;
        std::size_t websocket_clients = 0;
    };
    /// Returns the text exposition format (version 0.0.4).
    std::string render(const Gauges& gauges) const;

  private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0.0;
    };
    mutable std::mutex mu_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
};

}  // namespace aitp::server
