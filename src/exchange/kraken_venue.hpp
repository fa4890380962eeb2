// SPDX-License-Identifier: MIT
// The Kraken adapter: the Venue interface over Kraken's REST API (see src/exchange/README.md and
// docs/venues.md for the endpoints used). Not thread-safe: one adapter per thread.
#pragma once

#include <memory>

#include "core/clock.hpp"
#include "exchange/http.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

/// Returns the Kraken adapter sending through `transport`; `clock` stamps nonces, timestamps and
/// tickers. An empty config.base_url means the venue's documented REST root.
std::unique_ptr<Venue> make_kraken_venue(const VenueConfig& config,
                                         std::shared_ptr<HttpTransport> transport,
                                         const Clock& clock);

}  // namespace aitp::exchange
