// SPDX-License-Identifier: MIT
// The server's venues: one shared adapter per venue for tickers and health (made on first use
// through ServerConfig::venue_factory, calls serialised per venue since adapters are not
// thread-safe), a fresh adapter per download job, and the JSON of tickers and health. A venue
// that cannot be made or answers with an error is reported as unreachable, never waited on.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "exchange/venue.hpp"
#include "ingest/venues.hpp"

namespace aitp::server {

class VenuePool {
  public:
    VenuePool(ingest::VenueFactory factory, ingest::VenueUrls urls, const Clock& clock);

    /// A new adapter of its own (download jobs, which run long).
    Result<std::unique_ptr<exchange::Venue>> make(std::string_view source) const;
    /// Runs fn on the shared adapter of the source's venue; errors name the venue.
    Status with(std::string_view source, const std::function<Status(exchange::Venue&)>& fn);
    /// Per venue used so far: breaker state, latency, counts and the last error.
    nlohmann::json health();

  private:
    struct Entry {
        std::mutex mu;  // serialises calls on the adapter
        std::unique_ptr<exchange::Venue> venue;
        std::string error;  // why it could not be made or the last call failed
        UnixMillis error_ms = 0;
    };
    Entry& entry(exchange::VenueId id);

    ingest::VenueFactory factory_;
    ingest::VenueUrls urls_;
    const Clock& clock_;
    std::mutex mu_;
    std::map<exchange::VenueId, std::unique_ptr<Entry>> entries_;
};

/// {"source", "tickers": [...], "error"?}: the tickers of `symbols` from the source's venue;
/// a venue failure gives an empty list and "error" ("binance unreachable: ...").
nlohmann::json tickers_json(VenuePool& pool, std::string_view source,
                            std::span<const std::string> symbols);

}  // namespace aitp::server
