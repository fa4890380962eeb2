// SPDX-License-Identifier: MIT
// make_venue: builds the adapter for a venue over the resilient libcurl client (retries with
// backoff honouring Retry-After, the venue's rate limit, a circuit breaker).
#pragma once

#include <memory>

#include "core/status.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

/// Returns the adapter for config.venue; InvalidArgument for a malformed base URL.
Result<std::unique_ptr<Venue>> make_venue(const VenueConfig& config);

}  // namespace aitp::exchange
