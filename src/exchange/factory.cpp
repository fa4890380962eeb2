// SPDX-License-Identifier: MIT
// make_venue: the one place that turns a VenueConfig into an adapter over the resilient
// libcurl client. Interim: answers NotSupported until the adapters land (issue 19, helper A).
#include "exchange/factory.hpp"

#include <fmt/format.h>

namespace aitp::exchange {

Result<std::unique_ptr<Venue>> make_venue(const VenueConfig& config) {
    return fail(Error(ErrorCode::NotSupported,
                      fmt::format("venue {}: no adapter is built yet", venue_name(config.venue))));
}

}  // namespace aitp::exchange
