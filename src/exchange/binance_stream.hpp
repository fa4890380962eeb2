// SPDX-License-Identifier: MIT
// Binance spot WebSocket market streams: stream names and the SUBSCRIBE message, and a decoder
// for the events aitp reads (depthUpdate, trade, bookTicker, kline), raw or wrapped in the
// combined-stream envelope {"stream": ..., "data": {...}}; plus the GET /api/v3/depth body.
// A decoder reuses its buffers (no allocation per message after warm-up); not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "book/order_book.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "exchange/venue.hpp"
#include "model/order.hpp"

namespace aitp::exchange {

/// A diff of the book: absolute quantities per level (0 removes), update ids U..u.
struct DepthUpdate {
    std::string symbol;  ///< wire form, "BNBBTC"
    UnixMillis event_ts = 0;
    std::int64_t first_update_id = 0;  ///< U
    std::int64_t final_update_id = 0;  ///< u
    std::vector<book::Level> bids;
    std::vector<book::Level> asks;
};

struct TradeEvent {
    std::string symbol;  ///< wire form
    UnixMillis event_ts = 0;
    UnixMillis trade_ts = 0;
    std::int64_t trade_id = 0;
    double price = 0.0;
    double qty = 0.0;
    model::OrderSide taker_side = model::OrderSide::Buy;  ///< Sell when the buyer was the maker
};

struct BookTickerEvent {
    std::string symbol;  ///< wire form
    std::int64_t update_id = 0;
    double bid = 0.0;
    double bid_qty = 0.0;
    double ask = 0.0;
    double ask_qty = 0.0;
};

struct KlineEvent {
    std::string symbol;    ///< wire form
    std::string interval;  ///< "1m", "1h", ...
    UnixMillis open_ts = 0;
    UnixMillis close_ts = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;  ///< base asset
    bool closed = false;
};

enum class BinanceEvent : std::uint8_t { DepthUpdate, Trade, BookTicker, Kline, Other };

/// Decodes one text frame at a time; the decoded event stays valid until the next decode().
class BinanceStreamDecoder {
  public:
    BinanceStreamDecoder();
    ~BinanceStreamDecoder();
    BinanceStreamDecoder(const BinanceStreamDecoder&) = delete;
    BinanceStreamDecoder& operator=(const BinanceStreamDecoder&) = delete;

    /// Decodes a frame. Other: valid JSON that is no market event (a subscription answer).
    /// Corruption naming the field when an event lacks a field or has a malformed one.
    Result<BinanceEvent> decode(std::string_view frame);

    const DepthUpdate& depth() const { return depth_; }
    const TradeEvent& trade() const { return trade_; }
    const BookTickerEvent& book_ticker() const { return book_ticker_; }
    const KlineEvent& kline() const { return kline_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    DepthUpdate depth_;
    TradeEvent trade_;
    BookTickerEvent book_ticker_;
    KlineEvent kline_;
};

// binance_symbol (unified -> wire) has its one home in binance_venue.hpp.

/// Stream name of a channel for a unified symbol: channel "depth" -> "btcusdt@depth@100ms",
/// "trade" -> "btcusdt@trade", "bookTicker" -> "btcusdt@bookTicker", "kline_1m" ->
/// "btcusdt@kline_1m". InvalidArgument for another channel.
Result<std::string> binance_stream_name(std::string_view unified_symbol, std::string_view channel);

/// {"method":"SUBSCRIBE","params":[...streams],"id":id}
std::string binance_subscribe_message(std::span<const std::string> streams, int id);

/// Parses a GET /api/v3/depth body ({"lastUpdateId":..,"bids":[[p,q]..],"asks":..}).
Result<BookSnapshot> parse_binance_depth_snapshot(std::string_view body);

/// Writes a snapshot in the GET /api/v3/depth shape (what the recorder stores).
std::string format_binance_depth_snapshot(const BookSnapshot& snapshot);

}  // namespace aitp::exchange
