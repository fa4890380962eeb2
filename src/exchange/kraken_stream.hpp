// SPDX-License-Identifier: MIT
// Kraken spot WebSocket v2: the book channel (snapshot + updates, each with a CRC32 checksum
// over the top 10 levels), trades, and the subscribe message. The decoder reuses its buffers;
// not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "book/order_book.hpp"
#include "core/status.hpp"
#include "exchange/binance_stream.hpp"

namespace aitp::exchange {

/// One entry of a book message's data array.
struct KrakenBookMessage {
    bool is_snapshot = false;
    std::string symbol;  ///< "BTC/USD"
    std::vector<book::Level> bids;
    std::vector<book::Level> asks;
    std::uint32_t checksum = 0;
};

enum class KrakenEvent : std::uint8_t { Book, Trade, Heartbeat, Other };

class KrakenStreamDecoder {
  public:
    KrakenStreamDecoder();
    ~KrakenStreamDecoder();
    KrakenStreamDecoder(const KrakenStreamDecoder&) = delete;
    KrakenStreamDecoder& operator=(const KrakenStreamDecoder&) = delete;

    /// Decodes a frame; Book fills book() (the first entry of "data"), Trade fills trades().
    /// Corruption naming the field for a malformed book or trade message.
    Result<KrakenEvent> decode(std::string_view frame);

    const KrakenBookMessage& book() const { return book_; }
    const std::vector<TradeEvent>& trades() const { return trades_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    KrakenBookMessage book_;
    std::vector<TradeEvent> trades_;
};

/// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of `data`.
std::uint32_t crc32(std::string_view data);

/// Kraken's book checksum (docs "Book checksum (WebSocket v2)"): for the 10 best asks (low to
/// high) then the 10 best bids (high to low), price and qty printed with the pair's decimals,
/// '.' removed and leading zeros stripped, concatenated; the CRC-32 of that text.
std::uint32_t kraken_book_checksum(const book::OrderBook& book, int price_decimals,
                                   int qty_decimals);

/// {"method":"subscribe","params":{"channel":channel,"symbol":[...],"depth":depth}}
/// (depth is left out when 0).
std::string kraken_subscribe_message(std::string_view channel, std::span<const std::string> symbols,
                                     int depth);
/// The matching unsubscribe message.
std::string kraken_unsubscribe_message(std::string_view channel,
                                       std::span<const std::string> symbols, int depth);

}  // namespace aitp::exchange
