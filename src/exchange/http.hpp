// SPDX-License-Identifier: MIT
// The HTTP seam of the exchange module: a request/response pair and the HttpTransport
// interface every venue adapter sends through. The libcurl transport, the resilient client
// (retries, rate limit, circuit breaker) and the tests' fake transports all implement it, so
// an adapter is tested against fixture bodies without a network and pointed at the simulator
// or a testnet by its base URL. Public headers carry no libcurl types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::exchange {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";  ///< GET, POST, DELETE, PUT
    std::string url;             ///< absolute URL, query string included
    HttpHeaders headers;
    std::string body;
    /// The venue's documented request weight (Binance: /api/v3/klines 2, depth 5..50, ...),
    /// what the rate limiter charges before sending.
    int weight = 1;
    /// Names the endpoint for metrics and logs without the query ("GET /api/v3/klines"); never
    /// holds keys, signatures or query values.
    std::string endpoint;
};

struct HttpResponse {
    int status = 0;
    HttpHeaders headers;  ///< header names lower-cased
    std::string body;

    /// Returns the value of a header (name compared lower-case), empty when absent.
    std::string_view header(std::string_view lower_name) const;
};

enum class BreakerState : std::uint8_t { Closed, Open, HalfOpen };
std::string_view breaker_state_name(BreakerState s);

/// Health of one venue connection, for /metrics, the health endpoint and the header badge.
struct VenueHealth {
    std::string venue;
    BreakerState breaker = BreakerState::Closed;
    std::uint64_t requests = 0;  ///< sent (attempts, retries included)
    std::uint64_t failures = 0;  ///< transport errors, 429 and 5xx
    std::uint64_t retries = 0;
    std::uint64_t rate_limited = 0;  ///< 429/418 answers
    double last_latency_ms = 0.0;    ///< of the last completed request
    double latency_p50_ms = 0.0;     ///< over a recent window
    double latency_p99_ms = 0.0;
    UnixMillis last_success_ms = 0;  ///< 0 = never
    UnixMillis last_error_ms = 0;    ///< 0 = never
    std::string last_error;          ///< one line, never a key, secret or signature
};

/// Sends one request. A transport error (no connection, timeout, TLS failure) is an IOError
/// whose message names the endpoint and the cause; an HTTP error status is a response, not an
/// error: the caller decides. Implementations are thread-safe unless they say otherwise.
class HttpTransport {
  public:
    virtual ~HttpTransport() = default;
    virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
    /// Health of the connection behind this transport; a plain transport reports only its
    /// venue name (the resilient client fills in breaker state, counts and latency).
    virtual VenueHealth health() const { return {}; }
};

}  // namespace aitp::exchange
