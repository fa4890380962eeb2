// SPDX-License-Identifier: MIT
// One interface over every venue: market data (markets, OHLCV pages, tickers, book snapshot,
// recent trades) and private calls (balances, orders, own trades). Symbols cross this
// interface in the unified form BASE/QUOTE ("BTC/USDT"; a plain ticker such as "^GSPC" or
// "AAPL/USD" for Yahoo); each adapter maps them to its wire form both ways. Prices and
// quantities are doubles parsed from the venue's decimal strings. Adapters are not
// thread-safe unless they say so; give each thread its own or guard it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "exchange/http.hpp"
#include "model/bar_series.hpp"
#include "model/order.hpp"
#include "model/timeframe.hpp"

namespace aitp::exchange {

enum class VenueId : std::uint8_t { Binance, Kraken, Bybit, Coinbase, Yahoo };

/// "binance", "kraken", "bybit", "coinbase", "yahoo".
std::string_view venue_name(VenueId v);
/// Parses a venue name (case-insensitive; "yfinance" is Yahoo).
Result<VenueId> parse_venue(std::string_view text);

struct VenueConfig {
    VenueId venue = VenueId::Binance;
    /// REST root, e.g. "https://api.binance.com" (empty: the venue's documented default);
    /// `--base-url` points an adapter at the simulator or a testnet.
    std::string base_url;
    /// WebSocket root (empty: the venue's documented default, or derived from base_url for
    /// the simulator).
    std::string ws_url;
    std::string api_key;     ///< never logged, never returned
    std::string api_secret;  ///< never logged, never returned
    std::int64_t recv_window_ms = 5000;
    /// Request weight allowed per minute (0: the venue's documented limit).
    int weight_per_minute = 0;
};

struct MarketInfo {
    std::string symbol;        ///< unified, "BTC/USDT"
    std::string venue_symbol;  ///< wire form, "BTCUSDT", "XXBTZUSD", "BTC-USD"
    std::string base;
    std::string quote;
    double price_tick = 0.0;  ///< smallest price increment
    double lot_step = 0.0;    ///< smallest quantity increment
    double min_qty = 0.0;
    double min_notional = 0.0;  ///< quote currency
    bool active = true;
};

struct Ticker {
    std::string symbol;  ///< unified
    UnixMillis ts = 0;
    double last = 0.0;
    double bid = 0.0;
    double bid_qty = 0.0;
    double ask = 0.0;
    double ask_qty = 0.0;
    double open_24h = 0.0;
    double high_24h = 0.0;
    double low_24h = 0.0;
    double volume_24h = 0.0;  ///< base currency
    double change_pct_24h = 0.0;
};

struct BookLevel {
    double price = 0.0;
    double qty = 0.0;
    friend bool operator==(const BookLevel&, const BookLevel&) = default;
};

struct BookSnapshot {
    std::string symbol;
    std::int64_t sequence = 0;  ///< Binance lastUpdateId; 0 when the venue has none
    UnixMillis ts = 0;
    std::vector<BookLevel> bids;  ///< best (highest) first
    std::vector<BookLevel> asks;  ///< best (lowest) first
};

struct PublicTrade {
    std::string id;
    UnixMillis ts = 0;
    double price = 0.0;
    double qty = 0.0;
    model::OrderSide taker_side = model::OrderSide::Buy;
};

struct Balance {
    std::string asset;
    double free = 0.0;
    double locked = 0.0;
};

struct NewOrder {
    std::string symbol;  ///< unified
    model::OrderSide side = model::OrderSide::Buy;
    model::OrderType type = model::OrderType::Limit;  ///< Market or Limit
    model::TimeInForce tif = model::TimeInForce::Gtc;
    double qty = 0.0;
    double price = 0.0;           ///< Limit only
    std::string client_order_id;  ///< empty: the adapter makes one
};

/// An order as the venue reports it. Status uses the platform's states: NEW -> Open,
/// PARTIALLY_FILLED -> PartialFill, FILLED -> Filled, CANCELED/EXPIRED -> Cancelled,
/// REJECTED -> Rejected.
struct VenueOrder {
    std::string id;
    std::string client_order_id;
    std::string symbol;  ///< unified
    model::OrderSide side = model::OrderSide::Buy;
    model::OrderType type = model::OrderType::Limit;
    model::TimeInForce tif = model::TimeInForce::Gtc;
    model::OrderStatus status = model::OrderStatus::Open;
    double qty = 0.0;
    double price = 0.0;
    double filled_qty = 0.0;
    double avg_price = 0.0;  ///< cumulative quote / filled qty; 0 before a fill
    UnixMillis created_ts = 0;
    UnixMillis updated_ts = 0;
};

struct OwnTrade {
    std::string id;
    std::string order_id;
    std::string symbol;  ///< unified
    model::OrderSide side = model::OrderSide::Buy;
    double price = 0.0;
    double qty = 0.0;
    double fee = 0.0;
    std::string fee_asset;
    bool maker = false;
    UnixMillis ts = 0;
};

/// One page of bars: open time >= since, ascending, at most `limit` bars (0: the venue's page
/// maximum). `until` (exclusive, 0 = none) bounds the open time. The page may end with the
/// bar still forming; callers keep only bars whose close time (open + timeframe) is <= the
/// venue's server time.
struct OhlcvRequest {
    std::string symbol;  ///< unified
    model::Timeframe timeframe = model::Timeframe::H1;
    UnixMillis since = 0;
    UnixMillis until = 0;
    int limit = 0;
};

class Venue {
  public:
    virtual ~Venue() = default;

    virtual VenueId id() const = 0;
    /// Bars per OHLCV request at most (Binance 1000, Kraken 720, Bybit 1000, Coinbase 300).
    virtual int max_ohlcv_page() const = 0;
    /// False when the venue has no such interval (Yahoo has no 4h): ohlcv() then answers
    /// NotSupported, and the caller builds the bars from a finer timeframe it has (ingest
    /// resamples 1h into 4h with data::resample, the one resampling rule).
    virtual bool has_native_timeframe(model::Timeframe tf) const {
        (void)tf;
        return true;
    }

    // Public market data.
    virtual Result<UnixMillis> server_time() = 0;
    virtual Result<std::vector<MarketInfo>> markets() = 0;
    virtual Result<model::BarSeries> ohlcv(const OhlcvRequest& request) = 0;
    virtual Result<Ticker> ticker(std::string_view symbol) = 0;
    /// All tickers when `symbols` is empty.
    virtual Result<std::vector<Ticker>> tickers(std::span<const std::string> symbols) = 0;
    virtual Result<BookSnapshot> order_book(std::string_view symbol, int depth) = 0;
    virtual Result<std::vector<PublicTrade>> recent_trades(std::string_view symbol, int limit) = 0;

    // Private (signed). A market-data-only adapter answers NotSupported naming the venue and
    // the call.
    virtual Result<std::vector<Balance>> balances() = 0;
    virtual Result<VenueOrder> create_order(const NewOrder& order) = 0;
    virtual Result<VenueOrder> cancel_order(std::string_view symbol, std::string_view order_id) = 0;
    virtual Result<VenueOrder> fetch_order(std::string_view symbol, std::string_view order_id) = 0;
    /// All symbols when `symbol` is empty.
    virtual Result<std::vector<VenueOrder>> open_orders(std::string_view symbol) = 0;
    virtual Result<std::vector<OwnTrade>> own_trades(std::string_view symbol, UnixMillis since) = 0;

    /// Connection health (breaker, latency, last error) of this adapter's client.
    virtual VenueHealth health() const = 0;
};

}  // namespace aitp::exchange
