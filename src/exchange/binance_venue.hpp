// SPDX-License-Identifier: MIT
// The Binance spot adapter: the Venue interface over Binance's REST API (api.binance.com or
// a base_url override such as `aitp venue-sim`), with the documented request weights on each
// request, HMAC-SHA256 signed private calls (timestamp + recvWindow + signature, X-MBX-APIKEY)
// and server-time skew correction. Markets are cached after the first exchangeInfo. Not
// thread-safe (one adapter per thread, or guard it); the transport may be shared.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

class BinanceVenue final : public Venue {
  public:
    BinanceVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport, const Clock& clock);

    VenueId id() const override { return VenueId::Binance; }
    int max_ohlcv_page() const override { return 1000; }

    /// GET /api/v3/time; also sets the offset added to signed timestamps.
    Result<UnixMillis> server_time() override;
    Result<std::vector<MarketInfo>> markets() override;
    Result<model::BarSeries> ohlcv(const OhlcvRequest& request) override;
    Result<Ticker> ticker(std::string_view symbol) override;
    Result<std::vector<Ticker>> tickers(std::span<const std::string> symbols) override;
    Result<BookSnapshot> order_book(std::string_view symbol, int depth) override;
    Result<std::vector<PublicTrade>> recent_trades(std::string_view symbol, int limit) override;
    /// GET /api/v3/ticker/bookTicker: best bid and ask only (weight 2), lighter than ticker().
    Result<Ticker> book_ticker(std::string_view symbol);

    Result<std::vector<Balance>> balances() override;
    Result<VenueOrder> create_order(const NewOrder& order) override;
    Result<VenueOrder> cancel_order(std::string_view symbol, std::string_view order_id) override;
    Result<VenueOrder> fetch_order(std::string_view symbol, std::string_view order_id) override;
    Result<std::vector<VenueOrder>> open_orders(std::string_view symbol) override;
    Result<std::vector<OwnTrade>> own_trades(std::string_view symbol, UnixMillis since) override;

    VenueHealth health() const override;

    /// Returns the offset (server - local, ms) applied to signed timestamps.
    std::int64_t time_offset_ms() const { return time_offset_ms_; }

  private:
    using Params = std::vector<std::pair<std::string, std::string>>;
    struct Call {
        std::string method = "GET";
        std::string path;
        Params params = {};
        int weight = 1;
        bool is_signed = false;
    };
    Result<std::string> send(Call call);
    Status ensure_markets();
    std::string unified(std::string_view wire) const;
    Result<VenueOrder> order_call(Call call, std::string_view requested);

    VenueConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    const Clock& clock_;
    std::vector<MarketInfo> markets_;
    std::map<std::string, std::string, std::less<>> unified_by_wire_;
    std::int64_t time_offset_ms_ = 0;
    bool time_synced_ = false;
};

/// Returns the Binance spot adapter over `transport` (the resilient client in production, a
/// fake in tests).
std::unique_ptr<Venue> make_binance_venue(const VenueConfig& config,
                                          std::shared_ptr<HttpTransport> transport,
                                          const Clock& clock);

/// Decodes a /api/v3/klines body (an array of 12-element arrays: open time, OHLCV as decimal
/// strings, close time, ...) into bars, with simdjson: the bulk history path. Fails naming the
/// row and field on a malformed page.
Result<model::BarSeries> decode_binance_klines(std::string_view body);

/// Returns the Binance wire symbol of a unified one ("BTC/USDT" -> "BTCUSDT").
std::string binance_symbol(std::string_view unified);

}  // namespace aitp::exchange
