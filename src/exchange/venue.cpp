// SPDX-License-Identifier: MIT
#include "exchange/venue.hpp"

#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

namespace aitp::exchange {

namespace {
constexpr std::array<std::string_view, 5> kVenueNames = {"binance", "kraken", "bybit", "coinbase",
                                                         "yahoo"};
}  // namespace

std::string_view venue_name(VenueId v) { return kVenueNames.at(static_cast<std::size_t>(v)); }

Result<VenueId> parse_venue(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "yfinance") return VenueId::Yahoo;
    for (std::size_t i = 0; i < kVenueNames.size(); ++i) {
        if (lower == kVenueNames[i]) return static_cast<VenueId>(i);
    }
    return fail(Error::invalid_argument(fmt::format(
        "unknown venue '{}' (expected binance, kraken, bybit, coinbase or yahoo)", text)));
}

std::string_view breaker_state_name(BreakerState s) {
    switch (s) {
        case BreakerState::Closed:
            return "closed";
        case BreakerState::Open:
            return "open";
        case BreakerState::HalfOpen:
            return "half_open";
    }
    return "closed";
}

std::string_view HttpResponse::header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return {};
}

}  // namespace aitp::exchange
