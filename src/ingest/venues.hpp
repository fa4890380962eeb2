// SPDX-License-Identifier: MIT
// Where venues are reached and with which keys, the one home of those rules for the CLI and the
// server: base URLs come from `SOURCE=URL` overrides (`--base-url`, `aitp serve --venue-url`)
// and the environment variable AITP_VENUE_URLS ("binance=http://127.0.0.1:9000,kraken=..."),
// the overrides winning; API keys only from the environment (AITP_<VENUE>_API_KEY and
// AITP_<VENUE>_API_SECRET, e.g. AITP_BINANCE_API_KEY), never from flags that `ps` shows.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "exchange/venue.hpp"

namespace aitp::ingest {

/// Base URL per venue.
using VenueUrls = std::map<exchange::VenueId, std::string>;

/// Reads an environment variable (empty when unset); tests inject their own.
using EnvFn = std::function<std::string(std::string_view name)>;
/// The process environment.
std::string process_env(std::string_view name);

/// Parses "SOURCE=URL" (SOURCE a venue name, URL http:// or https://); InvalidArgument naming
/// `what` (e.g. "--venue-url") and the text otherwise.
Result<std::pair<exchange::VenueId, std::string>> parse_venue_url(std::string_view text,
                                                                  std::string_view what);
/// The URLs of AITP_VENUE_URLS, then the overrides given (later ones win).
Result<VenueUrls> venue_urls(std::span<const std::string> overrides, std::string_view what,
                             const EnvFn& env = process_env);

/// The VenueConfig for a source ("binance", "yfinance", ...): its URL from `urls` (empty: the
/// venue's default) and keys from the environment.
Result<exchange::VenueConfig> venue_config(std::string_view source, const VenueUrls& urls,
                                           const EnvFn& env = process_env);

/// Builds a venue from its config: exchange::make_venue in production, a fake in tests.
using VenueFactory =
    std::function<Result<std::unique_ptr<exchange::Venue>>(const exchange::VenueConfig&)>;
/// exchange::make_venue.
VenueFactory default_venue_factory();

}  // namespace aitp::ingest
