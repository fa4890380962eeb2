// SPDX-License-Identifier: MIT
// Event shapes: Binance spot API docs, "WebSocket Streams" (Trade, Kline/Candlestick,
// Individual Symbol Book Ticker, Diff. Depth) and "Market data endpoints" (Order book).
#include "exchange/binance_stream.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

#include "exchange/binance_venue.hpp"

namespace aitp::exchange {

namespace dom = simdjson::dom;

struct BinanceStreamDecoder::Impl {
    dom::parser parser;
    std::string padded;  ///< the frame copied with simdjson's padding, capacity reused
};

namespace {

Error bad_field(std::string_view event, std::string_view field) {
    return Error::corruption(
        fmt::format("binance stream: {} event: field '{}' missing or malformed", event, field));
}

bool parse_decimal(std::string_view text, double& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

Status get_int(dom::object obj, const char* key, std::string_view event, std::int64_t& out) {
    if (obj[key].get(out) != simdjson::SUCCESS) return fail(bad_field(event, key));
    return ok_status();
}

Status get_decimal(dom::object obj, const char* key, std::string_view event, double& out) {
    std::string_view text;
    if (obj[key].get(text) != simdjson::SUCCESS || !parse_decimal(text, out)) {
        return fail(bad_field(event, key));
    }
    return ok_status();
}

Status get_string(dom::object obj, const char* key, std::string_view event, std::string& out) {
    std::string_view text;
    if (obj[key].get(text) != simdjson::SUCCESS) return fail(bad_field(event, key));
    out.assign(text);
    return ok_status();
}

// [["price","qty"], ...] into levels (the vector's capacity is reused).
Status get_levels(dom::object obj, const char* key, std::string_view event,
                  std::vector<book::Level>& out) {
    out.clear();
    dom::array arr;
    if (obj[key].get(arr) != simdjson::SUCCESS) return fail(bad_field(event, key));
    for (dom::element item : arr) {
        dom::array pair;
        std::string_view p;
        std::string_view q;
        book::Level level;
        if (item.get(pair) != simdjson::SUCCESS || pair.size() < 2 ||
            pair.at(0).get(p) != simdjson::SUCCESS || pair.at(1).get(q) != simdjson::SUCCESS ||
            !parse_decimal(p, level.price) || !parse_decimal(q, level.qty)) {
            return fail(bad_field(event, key));
        }
        out.push_back(level);
    }
    return ok_status();
}

}  // namespace

BinanceStreamDecoder::BinanceStreamDecoder() : impl_(std::make_unique<Impl>()) {
    depth_.bids.reserve(1024);
    depth_.asks.reserve(1024);
}

BinanceStreamDecoder::~BinanceStreamDecoder() = default;

Result<BinanceEvent> BinanceStreamDecoder::decode(std::string_view frame) {
    std::string& buf = impl_->padded;
    if (buf.size() < frame.size() + simdjson::SIMDJSON_PADDING) {
        buf.resize(frame.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(buf.data(), frame.data(), frame.size());
    dom::element root;
    if (impl_->parser.parse(buf.data(), frame.size(), false).get(root) != simdjson::SUCCESS) {
        return fail(Error::corruption("binance stream: frame is not valid JSON"));
    }
    dom::object obj;
    if (root.get(obj) != simdjson::SUCCESS) return BinanceEvent::Other;
    dom::object inner;
    if (obj["data"].get(inner) == simdjson::SUCCESS) obj = inner;  // combined stream envelope

    std::string_view type;
    if (obj["e"].get(type) != simdjson::SUCCESS) {
        // bookTicker events carry no "e": recognise them by their fields.
        if (obj["u"].error() != simdjson::SUCCESS || obj["B"].error() != simdjson::SUCCESS) {
            return BinanceEvent::Other;
        }
        constexpr std::string_view kEv = "bookTicker";
        BookTickerEvent& t = book_ticker_;
        AITP_TRY(get_string(obj, "s", kEv, t.symbol));
        AITP_TRY(get_int(obj, "u", kEv, t.update_id));
        AITP_TRY(get_decimal(obj, "b", kEv, t.bid));
        AITP_TRY(get_decimal(obj, "B", kEv, t.bid_qty));
        AITP_TRY(get_decimal(obj, "a", kEv, t.ask));
        AITP_TRY(get_decimal(obj, "A", kEv, t.ask_qty));
        return BinanceEvent::BookTicker;
    }
    if (type == "depthUpdate") {
        constexpr std::string_view kEv = "depthUpdate";
        DepthUpdate& d = depth_;
        AITP_TRY(get_string(obj, "s", kEv, d.symbol));
        AITP_TRY(get_int(obj, "E", kEv, d.event_ts));
        AITP_TRY(get_int(obj, "U", kEv, d.first_update_id));
        AITP_TRY(get_int(obj, "u", kEv, d.final_update_id));
        AITP_TRY(get_levels(obj, "b", kEv, d.bids));
        AITP_TRY(get_levels(obj, "a", kEv, d.asks));
        if (d.final_update_id < d.first_update_id) return fail(bad_field(kEv, "u"));
        return BinanceEvent::DepthUpdate;
    }
    if (type == "trade") {
        constexpr std::string_view kEv = "trade";
        TradeEvent& t = trade_;
        AITP_TRY(get_string(obj, "s", kEv, t.symbol));
        AITP_TRY(get_int(obj, "E", kEv, t.event_ts));
        AITP_TRY(get_int(obj, "T", kEv, t.trade_ts));
        AITP_TRY(get_int(obj, "t", kEv, t.trade_id));
        AITP_TRY(get_decimal(obj, "p", kEv, t.price));
        AITP_TRY(get_decimal(obj, "q", kEv, t.qty));
        bool buyer_maker = false;
        if (obj["m"].get(buyer_maker) != simdjson::SUCCESS) return fail(bad_field(kEv, "m"));
        t.taker_side = buyer_maker ? model::OrderSide::Sell : model::OrderSide::Buy;
        return BinanceEvent::Trade;
    }
    if (type == "kline") {
        constexpr std::string_view kEv = "kline";
        KlineEvent& k = kline_;
        AITP_TRY(get_string(obj, "s", kEv, k.symbol));
        dom::object kobj;
        if (obj["k"].get(kobj) != simdjson::SUCCESS) return fail(bad_field(kEv, "k"));
        AITP_TRY(get_string(kobj, "i", kEv, k.interval));
        AITP_TRY(get_int(kobj, "t", kEv, k.open_ts));
        AITP_TRY(get_int(kobj, "T", kEv, k.close_ts));
        AITP_TRY(get_decimal(kobj, "o", kEv, k.open));
        AITP_TRY(get_decimal(kobj, "h", kEv, k.high));
        AITP_TRY(get_decimal(kobj, "l", kEv, k.low));
        AITP_TRY(get_decimal(kobj, "c", kEv, k.close));
        AITP_TRY(get_decimal(kobj, "v", kEv, k.volume));
        if (kobj["x"].get(k.closed) != simdjson::SUCCESS) return fail(bad_field(kEv, "x"));
        return BinanceEvent::Kline;
    }
    return BinanceEvent::Other;
}

Result<std::string> binance_stream_name(std::string_view unified_symbol, std::string_view channel) {
    std::string sym = binance_symbol(unified_symbol);
    std::transform(sym.begin(), sym.end(), sym.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    if (sym.empty()) return fail(Error::invalid_argument("symbol must not be empty"));
    if (channel == "depth") return sym + "@depth@100ms";
    if (channel == "trade" || channel == "bookTicker") return fmt::format("{}@{}", sym, channel);
    if (channel.starts_with("kline_") && channel.size() > 6) {
        return fmt::format("{}@{}", sym, channel);
    }
    return fail(Error::invalid_argument(fmt::format(
        "channel must be depth, trade, bookTicker or kline_<interval>, was '{}'", channel)));
}

std::string binance_subscribe_message(std::span<const std::string> streams, int id) {
    std::string out = R"({"method":"SUBSCRIBE","params":[)";
    for (std::size_t i = 0; i < streams.size(); ++i) {
        out += fmt::format("{}\"{}\"", i == 0 ? "" : ",", streams[i]);
    }
    out += fmt::format("],\"id\":{}}}", id);
    return out;
}

Result<BookSnapshot> parse_binance_depth_snapshot(std::string_view body) {
    dom::parser parser;
    dom::element root;
    dom::object obj;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS ||
        root.get(obj) != simdjson::SUCCESS) {
        return fail(Error::corruption("binance depth snapshot: body is not a JSON object"));
    }
    constexpr std::string_view kEv = "depth snapshot";
    BookSnapshot snap;
    AITP_TRY(get_int(obj, "lastUpdateId", kEv, snap.sequence));
    std::vector<book::Level> levels;
    AITP_TRY(get_levels(obj, "bids", kEv, levels));
    for (const book::Level& l : levels) snap.bids.push_back({l.price, l.qty});
    AITP_TRY(get_levels(obj, "asks", kEv, levels));
    for (const book::Level& l : levels) snap.asks.push_back({l.price, l.qty});
    return snap;
}

std::string format_binance_depth_snapshot(const BookSnapshot& snapshot) {
    auto side = [](const std::vector<BookLevel>& levels) {
        std::string out = "[";
        for (std::size_t i = 0; i < levels.size(); ++i) {
            // {} is the shortest text that parses back to the same double.
            out +=
                fmt::format("{}[\"{}\",\"{}\"]", i == 0 ? "" : ",", levels[i].price, levels[i].qty);
        }
        return out + "]";
    };
    return fmt::format(R"({{"lastUpdateId":{},"bids":{},"asks":{}}})", snapshot.sequence,
                       side(snapshot.bids), side(snapshot.asks));
}

}  // namespace aitp::exchange
