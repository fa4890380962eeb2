// SPDX-License-Identifier: MIT
#include "exchange/bybit_venue.hpp"

namespace aitp::exchange {
std::unique_ptr<Venue> make_bybit_venue(const VenueConfig&, std::shared_ptr<HttpTransport>, const Clock&) { return nullptr; }
}
