// SPDX-License-Identifier: MIT
// The Yahoo Finance chart source: the Venue interface over Yahoo's /v8/finance/chart endpoint for
// equities, indices and forex, with yfinance's symbol mapping and history limits (see
// src/exchange/README.md and docs/venues.md). Market data only. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "exchange/http.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

/// Returns the Yahoo adapter sending through `transport`; `clock` stamps nonces, timestamps and
/// tickers. An empty config.base_url means the venue's documented REST root.
std::unique_ptr<Venue> make_yahoo_venue(const VenueConfig& config,
                                        std::shared_ptr<HttpTransport> transport,
                                        const Clock& clock);

/// Returns Yahoo's ticker for a unified symbol, as yfinance and the original map them: forex
/// "EUR/USD" -> "EURUSD=X" (both sides ISO currency codes), an equity "AAPL/USD" -> "AAPL" (the
/// quote is dropped: Yahoo quotes a listing in its own currency), an index "^GSPC" and any
/// symbol without '/' unchanged (upper-cased). InvalidArgument for an empty or malformed symbol.
Result<std::string> yahoo_symbol(std::string_view unified);

/// The reverse: "EURUSD=X" -> "EUR/USD", "JPY=X" -> "USD/JPY", "BTC-USD" -> "BTC/USD", "^GSPC"
/// -> "^GSPC", "AAPL" -> "AAPL/USD".
std::string unified_from_yahoo(std::string_view yahoo);

}  // namespace aitp::exchange
