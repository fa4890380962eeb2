// SPDX-License-Identifier: MIT
#include "exchange/coinbase_venue.hpp"

namespace aitp::exchange {
std::unique_ptr<Venue> make_coinbase_venue(const VenueConfig&, std::shared_ptr<HttpTransport>, const Clock&) { return nullptr; }
}
