// SPDX-License-Identifier: MIT
#include "server/market.hpp"

#include <fmt/format.h>

#include "exchange/http.hpp"

namespace aitp::server {

using nlohmann::json;

VenuePool::VenuePool(ingest::VenueFactory factory, ingest::VenueUrls urls, const Clock& clock)
    : factory_(factory ? std::move(factory) : ingest::default_venue_factory()),
      urls_(std::move(urls)),
      clock_(clock) {}

Result<std::unique_ptr<exchange::Venue>> VenuePool::make(std::string_view source) const {
    AITP_TRY_ASSIGN(const auto config, ingest::venue_config(source, urls_));
    return factory_(config);
}

VenuePool::Entry& VenuePool::entry(exchange::VenueId id) {
    const std::lock_guard lock(mu_);
    auto& e = entries_[id];
    if (!e) e = std::make_unique<Entry>();
    return *e;
}

Status VenuePool::with(std::string_view source, const std::function<Status(exchange::Venue&)>& fn) {
    AITP_TRY_ASSIGN(const auto id, exchange::parse_venue(source));
    Entry& e = entry(id);
    const std::lock_guard lock(e.mu);
    const auto record = [&](const Error& err) {
        e.error = err.message();
        e.error_ms = clock_.now_ms();
        // Only a transport failure means the venue is unreachable; a venue's answer (a bad
        // symbol) keeps its own message.
        if (err.code() != ErrorCode::IOError) return fail(err);
        return fail(Error(err.code(), fmt::format("{} unreachable: {}", exchange::venue_name(id),
                                                  err.message())));
    };
    if (!e.venue) {
        auto made = make(source);
        if (!made) return record(made.error());
        e.venue = std::move(*made);
    }
    const Status s = fn(*e.venue);
    if (!s) return record(s.error());
    return ok_status();
}

json VenuePool::health() {
    std::vector<std::pair<exchange::VenueId, Entry*>> all;
    {
        const std::lock_guard lock(mu_);
        for (auto& [id, e] : entries_) all.emplace_back(id, e.get());
    }
    json out = json::array();
    for (auto& [id, e] : all) {
        const std::lock_guard lock(e->mu);
        exchange::VenueHealth h;
        if (e->venue) h = e->venue->health();
        h.venue = std::string(exchange::venue_name(id));
        // The adapter's own last error, else the pool's (the venue could not be made).
        const bool pool_error_newer = e->error_ms > h.last_error_ms;
        out.push_back(
            {{"venue", h.venue},
             // Built, breaker not open, and its last request did not fail.
             {"available", e->venue != nullptr && h.breaker != exchange::BreakerState::Open &&
                               h.last_success_ms >= h.last_error_ms},
             {"breaker", exchange::breaker_state_name(h.breaker)},
             {"requests", h.requests},
             {"failures", h.failures},
             {"retries", h.retries},
             {"rate_limited", h.rate_limited},
             {"last_latency_ms", h.last_latency_ms},
             {"latency_p50_ms", h.latency_p50_ms},
             {"latency_p99_ms", h.latency_p99_ms},
             {"last_success_ms", h.last_success_ms},
             {"last_error_ms", pool_error_newer ? e->error_ms : h.last_error_ms},
             {"last_error", pool_error_newer ? e->error : h.last_error}});
    }
    return out;
}

json tickers_json(VenuePool& pool, std::string_view source, std::span<const std::string> symbols) {
    json out = {{"source", std::string(source)}, {"tickers", json::array()}};
    const Status s = pool.with(source, [&](exchange::Venue& v) -> Status {
        AITP_TRY_ASSIGN(const auto tickers, v.tickers(symbols));
        for (const auto& t : tickers) {
            out["tickers"].push_back({{"symbol", t.symbol},
                                      {"ts", t.ts},
                                      {"last", t.last},
                                      {"bid", t.bid},
                                      {"ask", t.ask},
                                      {"open_24h", t.open_24h},
                                      {"high_24h", t.high_24h},
                                      {"low_24h", t.low_24h},
                                      {"volume_24h", t.volume_24h},
                                      {"change_pct_24h", t.change_pct_24h}});
        }
        return ok_status();
    });
    if (!s) out["error"] = s.error().message();
    return out;
}

}  // namespace aitp::server
