// SPDX-License-Identifier: MIT
// ResilientClient: an HttpTransport that wraps another with the venue's rate limit, retries
// and a circuit breaker, and records every attempt in ClientMetrics.
//  - Rate limit: the venue's request weight per minute (HttpRequest::weight). A request waits
//    until sending it keeps the weight sent in the last 60 s at or under the limit (a token
//    bucket whose tokens come back 60 s after they are spent), so no 60 s window ever exceeds
//    it, whatever the venue's window alignment.
//  - Retries on 429, 418, 5xx and transport errors with exponential backoff and full jitter
//    (delay uniform in [0, min(cap, base * 2^retry)], a seeded aitp::Rng), or exactly the
//    Retry-After seconds when the venue sends them. POST and DELETE change state: they are
//    retried only on 429 and 418, which the venue answers before processing; a 5xx or
//    transport error may have reached the matching engine, so it goes back to the caller, who
//    can look the order up by its client order id.
//  - Circuit breaker: opens after 5 consecutive failed attempts; while open every request
//    fails fast; after 60 s one probe goes through (half-open): success closes, failure
//    re-opens for another 60 s.
// Time comes from aitp::Clock and waits go through a sleep seam, so tests run instantly on a
// ManualClock. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/rng.hpp"
#include "exchange/http.hpp"

namespace aitp::exchange {

struct ResilientClientConfig {
    std::string venue;  ///< "binance": names the breaker, the metrics and every error
    int weight_per_minute = 6000;
    int max_retries = 4;  ///< retries after the first attempt
    std::int64_t backoff_base_ms = 500;
    std::int64_t backoff_cap_ms = 30000;
    std::int64_t max_retry_after_ms = 120000;  ///< longer Retry-After: give up instead
    int breaker_failures = 5;
    std::int64_t breaker_open_ms = 60000;
    std::uint64_t seed = 19;  ///< jitter
};

/// Waits `ms` milliseconds (production: the thread sleeps; tests: advance a ManualClock).
using SleepFn = std::function<void(std::int64_t ms)>;

/// Returns a SleepFn that puts the thread to sleep.
SleepFn thread_sleep();

class ResilientClient final : public HttpTransport {
  public:
    ResilientClient(std::shared_ptr<HttpTransport> inner, const Clock& clock,
                    ResilientClientConfig config, SleepFn sleep = thread_sleep());

    Result<HttpResponse> send(const HttpRequest& request) override;
    VenueHealth health() const override;

    /// Returns the breaker state as of now (an open breaker whose 60 s have passed reads
    /// half-open).
    BreakerState breaker_state() const;

  private:
    Status admit(const HttpRequest& request);
    void acquire(int weight);
    void record(const HttpRequest& request, const Result<HttpResponse>& result, double seconds);
    std::int64_t retry_delay_ms(const Result<HttpResponse>& result, int retry);

    std::shared_ptr<HttpTransport> inner_;
    const Clock& clock_;
    ResilientClientConfig config_;
    SleepFn sleep_;

    mutable std::mutex mu_;
    Rng rng_;
    std::deque<std::pair<UnixMillis, int>> spent_;  ///< (send time, weight), last 60 s
    int spent_weight_ = 0;
    BreakerState breaker_ = BreakerState::Closed;
    int consecutive_failures_ = 0;
    UnixMillis opened_at_ = 0;
    bool probe_in_flight_ = false;
    VenueHealth health_;
    std::deque<double> latencies_ms_;
};

}  // namespace aitp::exchange
