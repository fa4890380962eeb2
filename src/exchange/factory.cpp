// SPDX-License-Identifier: MIT
// make_venue: the one place that turns a VenueConfig into an adapter over the resilient
// libcurl client, for every venue.
#include "exchange/factory.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "exchange/binance_venue.hpp"
#include "exchange/bybit_venue.hpp"
#include "exchange/coinbase_venue.hpp"
#include "exchange/curl_transport.hpp"
#include "exchange/kraken_venue.hpp"
#include "exchange/resilient_client.hpp"
#include "exchange/yahoo_venue.hpp"

namespace aitp::exchange {

namespace {

// Request weight per minute when the config sets none (docs/venues.md): Binance spot's
// documented REQUEST_WEIGHT 6000/min; Kraken's public endpoints about 1 call/s; Bybit 20
// requests/s per endpoint; Coinbase public 10 requests/s; Yahoo publishes nothing, so 2/s.
int default_weight_per_minute(VenueId v) {
    switch (v) {
        case VenueId::Binance:
            return 6000;
        case VenueId::Kraken:
            return 60;
        case VenueId::Bybit:
            return 1200;
        case VenueId::Coinbase:
            return 600;
        case VenueId::Yahoo:
            return 120;
    }
    return 60;
}

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
    auto transport = production_transport(config);
    const Clock& clock = SystemClock::instance();
    switch (config.venue) {
        case VenueId::Binance:
            return make_binance_venue(config, std::move(transport), clock);
        case VenueId::Kraken:
            return make_kraken_venue(config, std::move(transport), clock);
        case VenueId::Bybit:
            return make_bybit_venue(config, std::move(transport), clock);
        case VenueId::Coinbase:
            return make_coinbase_venue(config, std::move(transport), clock);
        case VenueId::Yahoo:
            return make_yahoo_venue(config, std::move(transport), clock);
    }
    return fail(Error::invalid_argument(
        fmt::format("unknown venue id {}", static_cast<int>(config.venue))));
}

}  // namespace aitp::exchange
