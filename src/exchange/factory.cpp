// SPDX-License-Identifier: MIT
// make_venue: the one place that turns a VenueConfig into an adapter over the resilient
// libcurl client. Binance is wired; the other venues answer NotSupported until their
// adapters are wired here.
#include "exchange/factory.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "exchange/binance_venue.hpp"
#include "exchange/curl_transport.hpp"
#include "exchange/resilient_client.hpp"

namespace aitp::exchange {

namespace {

// Documented request weight per minute (Binance spot REQUEST_WEIGHT 6000/min).
int default_weight_per_minute(VenueId v) { return v == VenueId::Binance ? 6000 : 600; }

Status check_base_url(const std::string& url) {
    if (url.empty()) return {};
    const bool http = url.rfind("http://", 0) == 0 && url.size() > 7;
    const bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
    if (!http && !https) {
        return fail(Error::invalid_argument(fmt::format(
            "base URL must start with http:// or https://, was '{}'", url.substr(0, 80))));
    }
    return {};
}

std::shared_ptr<HttpTransport> production_transport(const VenueConfig& config) {
    const std::string name(venue_name(config.venue));
    auto curl = std::make_shared<CurlTransport>(CurlTransportConfig{.venue = name});
    ResilientClientConfig rc;
    rc.venue = name;
    rc.weight_per_minute = config.weight_per_minute > 0 ? config.weight_per_minute
                                                        : default_weight_per_minute(config.venue);
    return std::make_shared<ResilientClient>(std::move(curl), SystemClock::instance(), rc);
}

}  // namespace

Result<std::unique_ptr<Venue>> make_venue(const VenueConfig& config) {
    AITP_TRY(check_base_url(config.base_url));
    switch (config.venue) {
        case VenueId::Binance:
            return make_binance_venue(config, production_transport(config),
                                      SystemClock::instance());
        default:
            break;
    }
    return fail(Error(ErrorCode::NotSupported,
                      fmt::format("venue {}: no adapter is built yet", venue_name(config.venue))));
}

}  // namespace aitp::exchange
