// SPDX-License-Identifier: MIT
#include "exchange/resilient_client.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "exchange/client_metrics.hpp"
#include "exchange/curl_transport.hpp"

namespace aitp::exchange {

namespace {

constexpr std::int64_t kWindowMs = 60000;
constexpr std::size_t kLatencyWindow = 256;

bool is_failure(const Result<HttpResponse>& r) {
    if (!r) return true;
    return r->status == 429 || r->status == 418 || r->status >= 500;
}

// POST and DELETE change state at the venue. Only answers the venue gives before processing
// (rate limited, IP banned) prove the request had no effect.
bool may_retry(const HttpRequest& request, const Result<HttpResponse>& r) {
    if (request.method != "POST" && request.method != "DELETE") return true;
    return r && (r->status == 429 || r->status == 418);
}

std::string status_label(const Result<HttpResponse>& r) {
    return r ? std::to_string(r->status) : std::string("io_error");
}

std::string describe_failure(const HttpRequest& request, const Result<HttpResponse>& r) {
    if (!r) return r.error().message();
    return fmt::format("HTTP {} on {}", r->status, endpoint_label(request));
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    const auto k = static_cast<std::size_t>(std::lround(q * static_cast<double>(v.size() - 1)));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

}  // namespace

SleepFn thread_sleep() {
    return [](std::int64_t ms) {
        if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    };
}

ResilientClient::ResilientClient(std::shared_ptr<HttpTransport> inner, const Clock& clock,
                                 ResilientClientConfig config, SleepFn sleep)
    : inner_(std::move(inner)),
      clock_(clock),
      config_(std::move(config)),
      sleep_(std::move(sleep)),
      rng_(config_.seed) {
    health_.venue = config_.venue;
    ClientMetrics::instance().set_breaker(config_.venue, BreakerState::Closed);
}

BreakerState ResilientClient::breaker_state() const {
    std::lock_guard lock(mu_);
    if (breaker_ == BreakerState::Open && clock_.now_ms() - opened_at_ >= config_.breaker_open_ms) {
        return BreakerState::HalfOpen;
    }
    return breaker_;
}

Status ResilientClient::admit(const HttpRequest& request) {
    std::lock_guard lock(mu_);
    const UnixMillis now = clock_.now_ms();
    if (breaker_ == BreakerState::Open && now - opened_at_ >= config_.breaker_open_ms) {
        breaker_ = BreakerState::HalfOpen;
        probe_in_flight_ = false;
        ClientMetrics::instance().set_breaker(config_.venue, breaker_);
    }
    if (breaker_ == BreakerState::HalfOpen && !probe_in_flight_) {
        probe_in_flight_ = true;  // this request is the probe
        return {};
    }
    if (breaker_ == BreakerState::Closed) return {};
    ClientMetrics::instance().observe(config_.venue, endpoint_label(request), "circuit_open", -1.0);
    if (breaker_ == BreakerState::HalfOpen) {
        return fail(Error::io_error(
            fmt::format("{}: circuit half-open, waiting for the probe request", config_.venue)));
    }
    const std::int64_t left_ms = opened_at_ + config_.breaker_open_ms - now;
    return fail(Error::io_error(
        fmt::format("{}: circuit open after {} consecutive failures, next probe in {} s",
                    config_.venue, config_.breaker_failures, (left_ms + 999) / 1000)));
}

void ResilientClient::acquire(int weight) {
    for (;;) {
        std::int64_t wait_ms = 0;
        {
            std::lock_guard lock(mu_);
            const UnixMillis now = clock_.now_ms();
            while (!spent_.empty() && spent_.front().first + kWindowMs <= now) {
                spent_weight_ -= spent_.front().second;
                spent_.pop_front();
            }
            // A request heavier than the whole limit goes alone into an empty window.
            if (spent_.empty() || spent_weight_ + weight <= config_.weight_per_minute) {
                spent_.emplace_back(now, weight);
                spent_weight_ += weight;
                return;
            }
            wait_ms = spent_.front().first + kWindowMs - now;
        }
        sleep_(wait_ms);
    }
}

void ResilientClient::record(const HttpRequest& request, const Result<HttpResponse>& result,
                             double seconds) {
    const std::string endpoint = endpoint_label(request);
    ClientMetrics& metrics = ClientMetrics::instance();
    metrics.observe(config_.venue, endpoint, status_label(result), seconds);
    std::lock_guard lock(mu_);
    const UnixMillis now = clock_.now_ms();
    ++health_.requests;
    health_.last_latency_ms = seconds * 1000.0;
    latencies_ms_.push_back(health_.last_latency_ms);
    if (latencies_ms_.size() > kLatencyWindow) latencies_ms_.pop_front();
    if (result && (result->status == 429 || result->status == 418)) ++health_.rate_limited;
    const BreakerState before = breaker_;
    if (!is_failure(result)) {
        health_.last_success_ms = now;
        consecutive_failures_ = 0;
        breaker_ = BreakerState::Closed;
    } else {
        ++health_.failures;
        health_.last_error_ms = now;
        health_.last_error = describe_failure(request, result);
        ++consecutive_failures_;
        if (breaker_ == BreakerState::HalfOpen ||
            consecutive_failures_ >= config_.breaker_failures) {
            breaker_ = BreakerState::Open;
            opened_at_ = now;
        }
    }
    probe_in_flight_ = false;
    if (breaker_ != before) metrics.set_breaker(config_.venue, breaker_);
}

std::int64_t ResilientClient::retry_delay_ms(const Result<HttpResponse>& result, int retry) {
    if (result) {
        const std::string_view after = result->header("retry-after");
        std::int64_t seconds = 0;
        const auto [ptr, ec] = std::from_chars(after.data(), after.data() + after.size(), seconds);
        if (!after.empty() && ec == std::errc() && ptr == after.data() + after.size() &&
            seconds >= 0) {
            const std::int64_t ms = seconds * 1000;
            return ms > config_.max_retry_after_ms ? -1 : ms;
        }
    }
    const int shift = std::min(retry, 30);
    const std::int64_t ceiling =
        std::min(config_.backoff_cap_ms, config_.backoff_base_ms * (std::int64_t{1} << shift));
    std::lock_guard lock(mu_);
    return rng_.uniform_int(0, ceiling);
}

Result<HttpResponse> ResilientClient::send(const HttpRequest& request) {
    for (int retry = 0;; ++retry) {
        AITP_TRY(admit(request));
        acquire(std::max(request.weight, 0));
        const auto t0 = std::chrono::steady_clock::now();
        Result<HttpResponse> result = inner_->send(request);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        record(request, result, seconds);
        if (!is_failure(result) || retry >= config_.max_retries || !may_retry(request, result)) {
            return result;
        }
        // An open breaker answers the next attempt at once: no point waiting for it.
        if (breaker_state() == BreakerState::Open) continue;
        const std::int64_t delay = retry_delay_ms(result, retry);
        if (delay < 0) return result;
        {
            std::lock_guard lock(mu_);
            ++health_.retries;
        }
        sleep_(delay);
    }
}

VenueHealth ResilientClient::health() const {
    VenueHealth h;
    std::vector<double> lat;
    {
        std::lock_guard lock(mu_);
        h = health_;
        lat.assign(latencies_ms_.begin(), latencies_ms_.end());
    }
    h.breaker = breaker_state();
    h.latency_p50_ms = percentile(lat, 0.5);
    h.latency_p99_ms = percentile(std::move(lat), 0.99);
    return h;
}

}  // namespace aitp::exchange
