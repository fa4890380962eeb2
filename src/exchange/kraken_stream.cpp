// SPDX-License-Identifier: MIT
// Message shapes: Kraken spot WebSocket v2 docs, "Book" and "Trade" channels; checksum:
// docs "Book checksum (WebSocket v2)".
#include "exchange/kraken_stream.hpp"

#include <array>
#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

#include "core/time.hpp"

namespace aitp::exchange {

namespace dom = simdjson::dom;

struct KrakenStreamDecoder::Impl {
    dom::parser parser;
    std::string padded;
};

namespace {

Error bad_field(std::string_view channel, std::string_view field) {
    return Error::corruption(
        fmt::format("kraken stream: {} message: field '{}' missing or malformed", channel, field));
}

// Kraken v2 sends prices and quantities as JSON numbers (integers when whole).
bool get_number(dom::object obj, const char* key, double& out) {
    dom::element e;
    if (obj[key].get(e) != simdjson::SUCCESS) return false;
    return e.get(out) == simdjson::SUCCESS;
}

Status get_levels(dom::object obj, const char* key, std::vector<book::Level>& out) {
    out.clear();
    dom::array arr;
    if (obj[key].get(arr) != simdjson::SUCCESS) return fail(bad_field("book", key));
    for (dom::element item : arr) {
        dom::object lvl;
        book::Level level;
        if (item.get(lvl) != simdjson::SUCCESS || !get_number(lvl, "price", level.price) ||
            !get_number(lvl, "qty", level.qty)) {
            return fail(bad_field("book", key));
        }
        out.push_back(level);
    }
    return ok_status();
}

Status decode_trades(dom::array data, std::vector<TradeEvent>& out) {
    out.clear();
    for (dom::element item : data) {
        dom::object t;
        TradeEvent ev;
        std::string_view symbol;
        std::string_view side;
        std::string_view ts;
        if (item.get(t) != simdjson::SUCCESS || t["symbol"].get(symbol) != simdjson::SUCCESS ||
            !get_number(t, "price", ev.price) || !get_number(t, "qty", ev.qty) ||
            t["side"].get(side) != simdjson::SUCCESS ||
            t["trade_id"].get(ev.trade_id) != simdjson::SUCCESS ||
            t["timestamp"].get(ts) != simdjson::SUCCESS) {
            return fail(bad_field("trade", "data"));
        }
        auto when = parse_timestamp(ts);
        if (!when) return fail(bad_field("trade", "timestamp"));
        ev.symbol.assign(symbol);
        ev.trade_ts = *when;
        ev.event_ts = *when;
        ev.taker_side = side == "sell" ? model::OrderSide::Sell : model::OrderSide::Buy;
        out.push_back(std::move(ev));
    }
    return ok_status();
}

// Price or quantity text for the checksum: fixed decimals, '.' removed, leading zeros gone.
void append_checksum_field(std::string& out, double v, int decimals) {
    std::array<char, 64> buf{};
    auto res = fmt::format_to_n(buf.data(), buf.size(), "{:.{}f}", v, decimals);
    bool leading = true;
    for (const char* p = buf.data(); p != res.out; ++p) {
        if (*p == '.') continue;
        if (leading && *p == '0') continue;
        leading = false;
        out.push_back(*p);
    }
}

std::string subscription(std::string_view method, std::string_view channel,
                         std::span<const std::string> symbols, int depth) {
    std::string syms;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        syms += fmt::format("{}\"{}\"", i == 0 ? "" : ",", symbols[i]);
    }
    std::string extra = depth > 0 ? fmt::format(",\"depth\":{}", depth) : std::string();
    return fmt::format(R"({{"method":"{}","params":{{"channel":"{}","symbol":[{}]{}}}}})", method,
                       channel, syms, extra);
}

}  // namespace

KrakenStreamDecoder::KrakenStreamDecoder() : impl_(std::make_unique<Impl>()) {
    book_.bids.reserve(1024);
    book_.asks.reserve(1024);
}

KrakenStreamDecoder::~KrakenStreamDecoder() = default;

Result<KrakenEvent> KrakenStreamDecoder::decode(std::string_view frame) {
    std::string& buf = impl_->padded;
    if (buf.size() < frame.size() + simdjson::SIMDJSON_PADDING) {
        buf.resize(frame.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(buf.data(), frame.data(), frame.size());
    dom::element root;
    dom::object obj;
    if (impl_->parser.parse(buf.data(), frame.size(), false).get(root) != simdjson::SUCCESS) {
        return fail(Error::corruption("kraken stream: frame is not valid JSON"));
    }
    std::string_view channel;
    if (root.get(obj) != simdjson::SUCCESS || obj["channel"].get(channel) != simdjson::SUCCESS) {
        return KrakenEvent::Other;
    }
    if (channel == "heartbeat") return KrakenEvent::Heartbeat;
    std::string_view type;
    dom::array data;
    const bool has_data =
        obj["type"].get(type) == simdjson::SUCCESS && obj["data"].get(data) == simdjson::SUCCESS;
    if (channel == "trade" && has_data) {
        AITP_TRY(decode_trades(data, trades_));
        return KrakenEvent::Trade;
    }
    if (channel != "book" || !has_data) return KrakenEvent::Other;
    if (type != "snapshot" && type != "update") return fail(bad_field("book", "type"));
    dom::object entry;
    if (data.size() == 0 || data.at(0).get(entry) != simdjson::SUCCESS) {
        return fail(bad_field("book", "data"));
    }
    KrakenBookMessage& b = book_;
    b.is_snapshot = type == "snapshot";
    std::string_view symbol;
    if (entry["symbol"].get(symbol) != simdjson::SUCCESS) return fail(bad_field("book", "symbol"));
    b.symbol.assign(symbol);
    AITP_TRY(get_levels(entry, "bids", b.bids));
    AITP_TRY(get_levels(entry, "asks", b.asks));
    std::uint64_t checksum = 0;
    if (entry["checksum"].get(checksum) != simdjson::SUCCESS || checksum > 0xFFFFFFFFu) {
        return fail(bad_field("book", "checksum"));
    }
    b.checksum = static_cast<std::uint32_t>(checksum);
    return KrakenEvent::Book;
}

std::uint32_t crc32(std::string_view data) {
    static const std::array<std::uint32_t, 256> kTable = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc = kTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

std::uint32_t kraken_book_checksum(const book::OrderBook& book, int price_decimals,
                                   int qty_decimals) {
    std::string text;
    text.reserve(512);
    for (book::Side side : {book::Side::Ask, book::Side::Bid}) {
        const std::size_t n = std::min<std::size_t>(10, book.level_count(side));
        for (std::size_t i = 0; i < n; ++i) {
            const book::Level l = book.level(side, i);
            append_checksum_field(text, l.price, price_decimals);
            append_checksum_field(text, l.qty, qty_decimals);
        }
    }
    return crc32(text);
}

std::string kraken_subscribe_message(std::string_view channel, std::span<const std::string> symbols,
                                     int depth) {
    return subscription("subscribe", channel, symbols, depth);
}

std::string kraken_unsubscribe_message(std::string_view channel,
                                       std::span<const std::string> symbols, int depth) {
    return subscription("unsubscribe", channel, symbols, depth);
}

}  // namespace aitp::exchange
