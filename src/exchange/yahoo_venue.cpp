// SPDX-License-Identifier: MIT
#include "exchange/yahoo_venue.hpp"

namespace aitp::exchange {
std::unique_ptr<Venue> make_yahoo_venue(const VenueConfig&, std::shared_ptr<HttpTransport>, const Clock&) { return nullptr; }
}
