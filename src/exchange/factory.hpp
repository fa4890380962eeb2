// SPDX-License-Identifier: MIT
// make_venue: builds the adapter for a venue over the resilient libcurl client (retries with
// backoff honouring Retry-After, the venue's rate limit, a circuit breaker).
#pragma once

#include <memory>

#include "core/status.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

// Each adapter lives in exchange/<venue>_venue.{hpp,cpp} and is built by
//   std::unique_ptr<Venue> make_<venue>_venue(const VenueConfig& config,
//                                             std::shared_ptr<HttpTransport> transport,
//                                             const Clock& clock);
// (transport: the resilient client in production, a fixture-serving fake in tests; clock:
// timestamps, nonces and the closed-bar rule). make_venue wires the production transport.

/// Returns the adapter for config.venue; InvalidArgument for a malformed base URL.
Result<std::unique_ptr<Venue>> make_venue(const VenueConfig& config);

}  // namespace aitp::exchange
