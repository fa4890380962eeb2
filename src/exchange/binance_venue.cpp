// SPDX-License-Identifier: MIT
// Binance spot REST (https://developers.binance.com/docs/binance-spot-api-docs/rest-api):
// paths, parameters, weights and response fields as documented there.
#include "exchange/binance_venue.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "exchange/json_util.hpp"
#include "exchange/signing.hpp"

namespace aitp::exchange {

namespace {

using Json = nlohmann::json;

// Non-throwing reads of nlohmann values; errors name the field.
namespace jsonr {

Result<const Json*> field(const Json& object, std::string_view key) {
    if (!object.is_object()) {
        return fail(Error::corruption(fmt::format("expected an object holding '{}'", key)));
    }
    auto it = object.find(key);
    if (it == object.end()) {
        return fail(Error::corruption(fmt::format("field '{}' is missing", key)));
    }
    return &*it;
}

Result<Json> parse(std::string_view body, std::string_view what) {
    Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        return fail(Error::corruption(fmt::format("{}: the response is not valid JSON", what)));
    }
    return j;
}

Result<double> number(const Json& object, std::string_view key) {
    AITP_TRY_ASSIGN(const Json* v, field(object, key));
    if (v->is_number()) return v->get<double>();
    if (v->is_string()) return json::parse_decimal(v->get_ref<const std::string&>(), key);
    return fail(Error::corruption(fmt::format("field '{}' must be a number", key)));
}

Result<std::int64_t> integer(const Json& object, std::string_view key) {
    AITP_TRY_ASSIGN(const Json* v, field(object, key));
    if (v->is_number_integer()) return v->get<std::int64_t>();
    if (v->is_string()) {
        const auto& s = v->get_ref<const std::string&>();
        std::int64_t out = 0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
    }
    return fail(Error::corruption(fmt::format("field '{}' must be an integer", key)));
}

Result<std::string> string(const Json& object, std::string_view key) {
    AITP_TRY_ASSIGN(const Json* v, field(object, key));
    if (v->is_string()) return v->get<std::string>();
    return fail(Error::corruption(fmt::format("field '{}' must be a string", key)));
}

Result<bool> boolean(const Json& object, std::string_view key) {
    AITP_TRY_ASSIGN(const Json* v, field(object, key));
    if (v->is_boolean()) return v->get<bool>();
    return fail(Error::corruption(fmt::format("field '{}' must be true or false", key)));
}

Result<std::string> id(const Json& object, std::string_view key) {
    AITP_TRY_ASSIGN(const Json* v, field(object, key));
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
    return fail(Error::corruption(fmt::format("field '{}' must be an id", key)));
}

}  // namespace jsonr

constexpr std::string_view kDefaultBaseUrl = "https://api.binance.com";
constexpr std::string_view kVenue = "binance";

int depth_weight(int limit) {
    if (limit <= 100) return 5;
    if (limit <= 500) return 25;
    if (limit <= 1000) return 50;
    return 250;
}

int ticker_weight(std::size_t symbols) {
    if (symbols == 0 || symbols > 100) return 80;
    return symbols <= 20 ? 2 : 40;
}

// Replaces every occurrence of a secret value in venue-supplied text, so a venue that echoes
// a parameter can never leak the key or secret into an error.
std::string scrub(std::string text, std::string_view secret) {
    if (secret.empty()) return text;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
        text.replace(pos, secret.size(), "***");
    }
    return text;
}

ErrorCode error_code_for(int status, std::int64_t code) {
    if (code == -2013 || code == -2011) return ErrorCode::NotFound;  // no such order
    if (status == 429 || status == 418 || status >= 500) return ErrorCode::IOError;
    return ErrorCode::InvalidArgument;
}

// {"code":-1121,"msg":"Invalid symbol."} -> "binance: GET /api/v3/klines: HTTP 400, code
// -1121: Invalid symbol."
Error venue_error(const HttpRequest& request, const HttpResponse& response,
                  const VenueConfig& config) {
    Json j = Json::parse(response.body, nullptr, false);
    std::int64_t code = 0;
    std::string msg;
    if (j.is_object() && j.contains("code") && j["code"].is_number_integer()) {
        code = j["code"].get<std::int64_t>();
        if (j.contains("msg") && j["msg"].is_string()) msg = j["msg"].get<std::string>();
    }
    if (msg.empty()) {
        msg = response.body.substr(0, 120);
        std::replace_if(
            msg.begin(), msg.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    }
    msg = scrub(scrub(std::move(msg), config.api_key), config.api_secret);
    if (auto at = request.url.find("signature="); at != std::string::npos) {
        msg = scrub(std::move(msg), std::string_view(request.url).substr(at + 10, 64));
    }
    const std::string text = code != 0 ? fmt::format("{}: {}: HTTP {}, code {}: {}", kVenue,
                                                     request.endpoint, response.status, code, msg)
                                       : fmt::format("{}: {}: HTTP {}: {}", kVenue,
                                                     request.endpoint, response.status, msg);
    return Error(error_code_for(response.status, code), text);
}

Error decode_error(std::string_view endpoint, const Error& e) {
    return Error(e.code(), fmt::format("{}: {}: {}", kVenue, endpoint, e.message()));
}

std::string_view side_name(model::OrderSide s) {
    return s == model::OrderSide::Buy ? "BUY" : "SELL";
}

Result<model::OrderSide> parse_side(std::string_view s) {
    if (s == "BUY") return model::OrderSide::Buy;
    if (s == "SELL") return model::OrderSide::Sell;
    return fail(Error::corruption(fmt::format("unknown side '{}'", s)));
}

std::string_view tif_name(model::TimeInForce t) {
    switch (t) {
        case model::TimeInForce::Ioc:
            return "IOC";
        case model::TimeInForce::Fok:
            return "FOK";
        default:
            return "GTC";
    }
}

model::TimeInForce parse_tif(std::string_view s) {
    if (s == "IOC") return model::TimeInForce::Ioc;
    if (s == "FOK") return model::TimeInForce::Fok;
    return model::TimeInForce::Gtc;
}

model::OrderStatus parse_status(std::string_view s) {
    if (s == "NEW") return model::OrderStatus::Open;
    if (s == "PARTIALLY_FILLED") return model::OrderStatus::PartialFill;
    if (s == "FILLED") return model::OrderStatus::Filled;
    if (s == "CANCELED" || s == "EXPIRED" || s == "EXPIRED_IN_MATCH" || s == "PENDING_CANCEL") {
        return model::OrderStatus::Cancelled;
    }
    if (s == "REJECTED") return model::OrderStatus::Rejected;
    return model::OrderStatus::Error;
}

Result<double> filter_value(const Json& filters, std::string_view type, std::string_view key) {
    for (const Json& f : filters) {
        if (f.is_object() && f.value("filterType", "") == type && f.contains(key)) {
            return jsonr::number(f, key);
        }
    }
    return 0.0;
}

Result<MarketInfo> parse_market(const Json& s) {
    MarketInfo m;
    AITP_TRY_ASSIGN(m.venue_symbol, jsonr::string(s, "symbol"));
    AITP_TRY_ASSIGN(m.base, jsonr::string(s, "baseAsset"));
    AITP_TRY_ASSIGN(m.quote, jsonr::string(s, "quoteAsset"));
    m.symbol = m.base + "/" + m.quote;
    m.active = s.value("status", "") == "TRADING";
    const Json empty = Json::array();
    const Json& filters = s.contains("filters") ? s["filters"] : empty;
    AITP_TRY_ASSIGN(m.price_tick, filter_value(filters, "PRICE_FILTER", "tickSize"));
    AITP_TRY_ASSIGN(m.lot_step, filter_value(filters, "LOT_SIZE", "stepSize"));
    AITP_TRY_ASSIGN(m.min_qty, filter_value(filters, "LOT_SIZE", "minQty"));
    // Binance replaced MIN_NOTIONAL with NOTIONAL (2023); read whichever the symbol has.
    AITP_TRY_ASSIGN(m.min_notional, filter_value(filters, "NOTIONAL", "minNotional"));
    if (m.min_notional == 0.0) {
        AITP_TRY_ASSIGN(m.min_notional, filter_value(filters, "MIN_NOTIONAL", "minNotional"));
    }
    return m;
}

Result<Ticker> parse_ticker_24h(const Json& t, std::string symbol) {
    Ticker k;
    k.symbol = std::move(symbol);
    AITP_TRY_ASSIGN(k.ts, jsonr::integer(t, "closeTime"));
    AITP_TRY_ASSIGN(k.last, jsonr::number(t, "lastPrice"));
    AITP_TRY_ASSIGN(k.bid, jsonr::number(t, "bidPrice"));
    AITP_TRY_ASSIGN(k.bid_qty, jsonr::number(t, "bidQty"));
    AITP_TRY_ASSIGN(k.ask, jsonr::number(t, "askPrice"));
    AITP_TRY_ASSIGN(k.ask_qty, jsonr::number(t, "askQty"));
    AITP_TRY_ASSIGN(k.open_24h, jsonr::number(t, "openPrice"));
    AITP_TRY_ASSIGN(k.high_24h, jsonr::number(t, "highPrice"));
    AITP_TRY_ASSIGN(k.low_24h, jsonr::number(t, "lowPrice"));
    AITP_TRY_ASSIGN(k.volume_24h, jsonr::number(t, "volume"));
    AITP_TRY_ASSIGN(k.change_pct_24h, jsonr::number(t, "priceChangePercent"));
    return k;
}

Result<std::vector<BookLevel>> parse_levels(const Json& book, std::string_view key) {
    if (!book.contains(key) || !book[key].is_array()) {
        return fail(Error::corruption(fmt::format("field '{}' must be an array", key)));
    }
    std::vector<BookLevel> out;
    out.reserve(book[key].size());
    for (const Json& level : book[key]) {
        if (!level.is_array() || level.size() < 2 || !level[0].is_string() ||
            !level[1].is_string()) {
            return fail(Error::corruption(
                fmt::format("field '{}' must hold [price, qty] string pairs", key)));
        }
        BookLevel l;
        AITP_TRY_ASSIGN(l.price, json::parse_decimal(level[0].get_ref<const std::string&>(), key));
        AITP_TRY_ASSIGN(l.qty, json::parse_decimal(level[1].get_ref<const std::string&>(), key));
        out.push_back(l);
    }
    return out;
}

Result<PublicTrade> parse_public_trade(const Json& t) {
    PublicTrade p;
    AITP_TRY_ASSIGN(p.id, jsonr::id(t, "id"));
    AITP_TRY_ASSIGN(p.ts, jsonr::integer(t, "time"));
    AITP_TRY_ASSIGN(p.price, jsonr::number(t, "price"));
    AITP_TRY_ASSIGN(p.qty, jsonr::number(t, "qty"));
    AITP_TRY_ASSIGN(const bool buyer_maker, jsonr::boolean(t, "isBuyerMaker"));
    // The buyer was the resting order: the taker sold.
    p.taker_side = buyer_maker ? model::OrderSide::Sell : model::OrderSide::Buy;
    return p;
}

// Order responses of POST (FULL/RESULT), GET and DELETE /api/v3/order and
// openOrders share these fields; times differ (transactTime / time + updateTime).
Result<VenueOrder> parse_order(const Json& o, std::string symbol) {
    VenueOrder v;
    v.symbol = std::move(symbol);
    AITP_TRY_ASSIGN(v.id, jsonr::id(o, "orderId"));
    const char* client_key =
        o.contains("origClientOrderId") ? "origClientOrderId" : "clientOrderId";
    AITP_TRY_ASSIGN(v.client_order_id, jsonr::string(o, client_key));
    AITP_TRY_ASSIGN(v.price, jsonr::number(o, "price"));
    AITP_TRY_ASSIGN(v.qty, jsonr::number(o, "origQty"));
    AITP_TRY_ASSIGN(v.filled_qty, jsonr::number(o, "executedQty"));
    AITP_TRY_ASSIGN(const double quote, jsonr::number(o, "cummulativeQuoteQty"));
    v.avg_price = v.filled_qty > 0.0 ? quote / v.filled_qty : 0.0;
    AITP_TRY_ASSIGN(const std::string status, jsonr::string(o, "status"));
    v.status = parse_status(status);
    AITP_TRY_ASSIGN(const std::string type, jsonr::string(o, "type"));
    v.type = type == "MARKET" ? model::OrderType::Market : model::OrderType::Limit;
    v.tif = parse_tif(o.value("timeInForce", "GTC"));
    AITP_TRY_ASSIGN(const std::string side, jsonr::string(o, "side"));
    AITP_TRY_ASSIGN(v.side, parse_side(side));
    const char* created_key = o.contains("time") ? "time" : "transactTime";
    if (o.contains(created_key)) {
        AITP_TRY_ASSIGN(v.created_ts, jsonr::integer(o, created_key));
    }
    v.updated_ts = v.created_ts;
    if (o.contains("updateTime")) {
        AITP_TRY_ASSIGN(v.updated_ts, jsonr::integer(o, "updateTime"));
    } else if (o.contains("transactTime")) {
        AITP_TRY_ASSIGN(v.updated_ts, jsonr::integer(o, "transactTime"));
    }
    return v;
}

Result<OwnTrade> parse_own_trade(const Json& t, std::string symbol) {
    OwnTrade o;
    o.symbol = std::move(symbol);
    AITP_TRY_ASSIGN(o.id, jsonr::id(t, "id"));
    AITP_TRY_ASSIGN(o.order_id, jsonr::id(t, "orderId"));
    AITP_TRY_ASSIGN(o.price, jsonr::number(t, "price"));
    AITP_TRY_ASSIGN(o.qty, jsonr::number(t, "qty"));
    AITP_TRY_ASSIGN(o.fee, jsonr::number(t, "commission"));
    AITP_TRY_ASSIGN(o.fee_asset, jsonr::string(t, "commissionAsset"));
    AITP_TRY_ASSIGN(const bool buyer, jsonr::boolean(t, "isBuyer"));
    o.side = buyer ? model::OrderSide::Buy : model::OrderSide::Sell;
    AITP_TRY_ASSIGN(o.maker, jsonr::boolean(t, "isMaker"));
    AITP_TRY_ASSIGN(o.ts, jsonr::integer(t, "time"));
    return o;
}

template <typename T, typename F>
Result<std::vector<T>> parse_array(const Json& j, F&& parse_one) {
    if (!j.is_array()) return fail(Error::corruption("expected a JSON array"));
    std::vector<T> out;
    out.reserve(j.size());
    for (const Json& e : j) {
        AITP_TRY_ASSIGN(T v, parse_one(e));
        out.push_back(std::move(v));
    }
    return out;
}

Result<double> decimal_element(simdjson::ondemand::array_iterator& it,
                               simdjson::ondemand::array_iterator& end, std::size_t row,
                               std::string_view field) {
    if (it == end) {
        return fail(Error::corruption(fmt::format("kline row {}: '{}' is missing", row, field)));
    }
    // Parses the number inside the quotes in place (no unescaped copy, correctly rounded).
    double v = 0.0;
    if ((*it).get_double_in_string().get(v) != simdjson::SUCCESS) {
        return fail(Error::corruption(
            fmt::format("kline row {}: '{}' must be a decimal string", row, field)));
    }
    ++it;
    return v;
}

Result<model::Bar> decode_kline_row(simdjson::ondemand::array row, std::size_t index) {
    auto it = row.begin();
    auto end = row.end();
    if (it.error() != simdjson::SUCCESS || end.error() != simdjson::SUCCESS) {
        return fail(Error::corruption(fmt::format("kline row {}: not an array", index)));
    }
    auto begin = it.value_unsafe();
    auto stop = end.value_unsafe();
    model::Bar bar;
    std::int64_t open_time = 0;
    if (begin == stop || (*begin).get_int64().get(open_time) != simdjson::SUCCESS) {
        return fail(
            Error::corruption(fmt::format("kline row {}: open time must be an integer", index)));
    }
    bar.ts = open_time;
    ++begin;
    AITP_TRY_ASSIGN(bar.open, decimal_element(begin, stop, index, "open"));
    AITP_TRY_ASSIGN(bar.high, decimal_element(begin, stop, index, "high"));
    AITP_TRY_ASSIGN(bar.low, decimal_element(begin, stop, index, "low"));
    AITP_TRY_ASSIGN(bar.close, decimal_element(begin, stop, index, "close"));
    AITP_TRY_ASSIGN(bar.volume, decimal_element(begin, stop, index, "volume"));
    // The remaining fields (close time, quote volume, trade count, taker volumes) are skipped
    // by the on-demand parser when the row goes out of scope.
    return bar;
}

}  // namespace

std::string binance_symbol(std::string_view unified) {
    std::string out;
    out.reserve(unified.size());
    for (char c : unified) {
        if (c != '/') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

Result<model::BarSeries> decode_binance_klines(std::string_view body) {
    // One parser per thread: it keeps its buffers between pages.
    thread_local simdjson::ondemand::parser parser;
    simdjson::padded_string padded(body);
    simdjson::ondemand::document doc;
    simdjson::ondemand::array rows;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_array().get(rows) != simdjson::SUCCESS) {
        return fail(Error::corruption("klines: the response is not a JSON array"));
    }
    model::BarSeries bars;
    bars.reserve(1000);
    std::size_t index = 0;
    for (auto row_result : rows) {
        simdjson::ondemand::array row;
        if (row_result.get_array().get(row) != simdjson::SUCCESS) {
            return fail(Error::corruption(fmt::format("kline row {}: not an array", index)));
        }
        AITP_TRY_ASSIGN(model::Bar bar, decode_kline_row(row, index));
        bars.push_back(bar);
        ++index;
    }
    return bars;
}

BinanceVenue::BinanceVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport,
                           const Clock& clock)
    : config_(std::move(config)), transport_(std::move(transport)), clock_(clock) {
    if (config_.base_url.empty()) config_.base_url = std::string(kDefaultBaseUrl);
    while (!config_.base_url.empty() && config_.base_url.back() == '/') {
        config_.base_url.pop_back();
    }
}

Result<std::string> BinanceVenue::send(Call call) {
    HttpRequest request;
    request.method = call.method;
    request.weight = call.weight;
    request.endpoint = fmt::format("{} {}", call.method, call.path);
    if (call.is_signed) {
        if (config_.api_key.empty() || config_.api_secret.empty()) {
            return fail(Error::invalid_argument(
                fmt::format("{}: {} needs an API key and secret", kVenue, request.endpoint)));
        }
        if (!time_synced_) AITP_TRY(server_time());
        // The order of the documentation's signed example (SIGNED endpoint examples).
        call.params.emplace_back("recvWindow", std::to_string(config_.recv_window_ms));
        call.params.emplace_back("timestamp", std::to_string(clock_.now_ms() + time_offset_ms_));
    }
    std::string query = json::query_string(call.params);
    if (call.is_signed) {
        const std::string signature = binance_signature(config_.api_secret, query);
        query += "&signature=" + signature;
        request.headers.emplace_back("X-MBX-APIKEY", config_.api_key);
    }
    request.url = config_.base_url + call.path;
    if (!query.empty()) request.url += "?" + query;
    AITP_TRY_ASSIGN(HttpResponse response, transport_->send(request));
    if (response.status < 200 || response.status >= 300) {
        return fail(venue_error(request, response, config_));
    }
    return std::move(response.body);
}

Result<UnixMillis> BinanceVenue::server_time() {
    const UnixMillis before = clock_.now_ms();
    Call call{.path = "/api/v3/time", .weight = 1};
    const bool was_synced = time_synced_;
    time_synced_ = true;  // the time call itself is not signed; no recursion either way
    auto body = send(call);
    if (!body) {
        time_synced_ = was_synced;
        return fail(body.error());
    }
    const UnixMillis after = clock_.now_ms();
    auto j = jsonr::parse(*body, "binance GET /api/v3/time");
    if (!j) return fail(j.error());
    auto t = jsonr::integer(*j, "serverTime");
    if (!t) return fail(decode_error("GET /api/v3/time", t.error()));
    // The server stamped its time about half way through the round trip.
    time_offset_ms_ = *t - (before + (after - before) / 2);
    return *t;
}

Status BinanceVenue::ensure_markets() {
    if (!markets_.empty()) return {};
    AITP_TRY_ASSIGN(std::string body, send({.path = "/api/v3/exchangeInfo", .weight = 20}));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/exchangeInfo"));
    if (!j.is_object() || !j.contains("symbols")) {
        return fail(Error::corruption("binance: GET /api/v3/exchangeInfo: 'symbols' is missing"));
    }
    auto parsed = parse_array<MarketInfo>(j["symbols"], parse_market);
    if (!parsed) return fail(decode_error("GET /api/v3/exchangeInfo", parsed.error()));
    markets_ = std::move(*parsed);
    unified_by_wire_.clear();
    for (const auto& m : markets_) unified_by_wire_[m.venue_symbol] = m.symbol;
    return {};
}

std::string BinanceVenue::unified(std::string_view wire) const {
    auto it = unified_by_wire_.find(wire);
    return it == unified_by_wire_.end() ? std::string(wire) : it->second;
}

Result<std::vector<MarketInfo>> BinanceVenue::markets() {
    AITP_TRY(ensure_markets());
    return markets_;
}

Result<model::BarSeries> BinanceVenue::ohlcv(const OhlcvRequest& request) {
    const int limit = request.limit > 0 ? std::min(request.limit, 1000) : 1000;
    Call call{.path = "/api/v3/klines", .weight = 2};
    call.params = {{"symbol", binance_symbol(request.symbol)},
                   {"interval", std::string(model::timeframe_name(request.timeframe))}};
    if (request.since > 0) call.params.emplace_back("startTime", std::to_string(request.since));
    if (request.until > 0) call.params.emplace_back("endTime", std::to_string(request.until - 1));
    call.params.emplace_back("limit", std::to_string(limit));
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    auto bars = decode_binance_klines(body);
    if (!bars) return fail(decode_error("GET /api/v3/klines", bars.error()));
    return bars;
}

Result<Ticker> BinanceVenue::ticker(std::string_view symbol) {
    Call call{.path = "/api/v3/ticker/24hr", .weight = 2};
    call.params = {{"symbol", binance_symbol(symbol)}};
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/ticker/24hr"));
    auto t = parse_ticker_24h(j, std::string(symbol));
    if (!t) return fail(decode_error("GET /api/v3/ticker/24hr", t.error()));
    return t;
}

Result<std::vector<Ticker>> BinanceVenue::tickers(std::span<const std::string> symbols) {
    if (symbols.empty() || symbols.size() > 100) AITP_TRY(ensure_markets());
    Call call{.path = "/api/v3/ticker/24hr", .weight = ticker_weight(symbols.size())};
    if (!symbols.empty()) {
        std::string list = "[";
        for (const auto& s : symbols) {
            if (list.size() > 1) list += ",";
            list += fmt::format("\"{}\"", binance_symbol(s));
        }
        call.params = {{"symbols", list + "]"}};
    }
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/ticker/24hr"));
    // Unified names: the requested ones when given, else from the market list.
    std::map<std::string, std::string, std::less<>> requested;
    for (const auto& s : symbols) requested[binance_symbol(s)] = s;
    auto out = parse_array<Ticker>(j, [&](const Json& t) -> Result<Ticker> {
        AITP_TRY_ASSIGN(std::string wire, jsonr::string(t, "symbol"));
        auto it = requested.find(wire);
        return parse_ticker_24h(t, it != requested.end() ? it->second : unified(wire));
    });
    if (!out) return fail(decode_error("GET /api/v3/ticker/24hr", out.error()));
    return out;
}

Result<Ticker> BinanceVenue::book_ticker(std::string_view symbol) {
    Call call{.path = "/api/v3/ticker/bookTicker", .weight = 2};
    call.params = {{"symbol", binance_symbol(symbol)}};
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/ticker/bookTicker"));
    auto parse = [&]() -> Result<Ticker> {
        Ticker k;
        k.symbol = std::string(symbol);
        k.ts = clock_.now_ms() + time_offset_ms_;
        AITP_TRY_ASSIGN(k.bid, jsonr::number(j, "bidPrice"));
        AITP_TRY_ASSIGN(k.bid_qty, jsonr::number(j, "bidQty"));
        AITP_TRY_ASSIGN(k.ask, jsonr::number(j, "askPrice"));
        AITP_TRY_ASSIGN(k.ask_qty, jsonr::number(j, "askQty"));
        return k;
    };
    auto t = parse();
    if (!t) return fail(decode_error("GET /api/v3/ticker/bookTicker", t.error()));
    return t;
}

Result<BookSnapshot> BinanceVenue::order_book(std::string_view symbol, int depth) {
    const int limit = std::clamp(depth <= 0 ? 100 : depth, 1, 5000);
    Call call{.path = "/api/v3/depth", .weight = depth_weight(limit)};
    call.params = {{"symbol", binance_symbol(symbol)}, {"limit", std::to_string(limit)}};
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/depth"));
    auto parse = [&]() -> Result<BookSnapshot> {
        BookSnapshot b;
        b.symbol = std::string(symbol);
        b.ts = clock_.now_ms() + time_offset_ms_;
        AITP_TRY_ASSIGN(b.sequence, jsonr::integer(j, "lastUpdateId"));
        AITP_TRY_ASSIGN(b.bids, parse_levels(j, "bids"));
        AITP_TRY_ASSIGN(b.asks, parse_levels(j, "asks"));
        return b;
    };
    auto book = parse();
    if (!book) return fail(decode_error("GET /api/v3/depth", book.error()));
    return book;
}

Result<std::vector<PublicTrade>> BinanceVenue::recent_trades(std::string_view symbol, int limit) {
    Call call{.path = "/api/v3/trades", .weight = 25};
    call.params = {{"symbol", binance_symbol(symbol)},
                   {"limit", std::to_string(std::clamp(limit <= 0 ? 500 : limit, 1, 1000))}};
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/trades"));
    auto out = parse_array<PublicTrade>(j, parse_public_trade);
    if (!out) return fail(decode_error("GET /api/v3/trades", out.error()));
    return out;
}

Result<std::vector<Balance>> BinanceVenue::balances() {
    AITP_TRY_ASSIGN(std::string body,
                    send({.path = "/api/v3/account", .weight = 20, .is_signed = true}));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/account"));
    auto parse = [&]() -> Result<std::vector<Balance>> {
        if (!j.is_object() || !j.contains("balances")) {
            return fail(Error::corruption("field 'balances' is missing"));
        }
        std::vector<Balance> out;
        for (const Json& b : j["balances"]) {
            Balance bal;
            AITP_TRY_ASSIGN(bal.asset, jsonr::string(b, "asset"));
            AITP_TRY_ASSIGN(bal.free, jsonr::number(b, "free"));
            AITP_TRY_ASSIGN(bal.locked, jsonr::number(b, "locked"));
            // The account lists every asset Binance has; keep the ones held.
            if (bal.free != 0.0 || bal.locked != 0.0) out.push_back(std::move(bal));
        }
        return out;
    };
    auto out = parse();
    if (!out) return fail(decode_error("GET /api/v3/account", out.error()));
    return out;
}

Result<VenueOrder> BinanceVenue::order_call(Call call, std::string_view requested) {
    const std::string endpoint = fmt::format("{} {}", call.method, call.path);
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance " + endpoint));
    const std::string wire = j.is_object() ? j.value("symbol", "") : "";
    auto order =
        parse_order(j, wire == binance_symbol(requested) ? std::string(requested) : unified(wire));
    if (!order) return fail(decode_error(endpoint, order.error()));
    return order;
}

Result<VenueOrder> BinanceVenue::create_order(const NewOrder& order) {
    if (order.type != model::OrderType::Market && order.type != model::OrderType::Limit) {
        return fail(Error::not_supported("binance: create_order takes market or limit orders"));
    }
    if (!(order.qty > 0.0)) {
        return fail(Error::invalid_argument(
            fmt::format("binance: order qty must be > 0, was {}", order.qty)));
    }
    AITP_TRY(ensure_markets());
    Call call{.method = "POST", .path = "/api/v3/order", .weight = 1, .is_signed = true};
    const bool limit = order.type == model::OrderType::Limit;
    call.params = {{"symbol", binance_symbol(order.symbol)},
                   {"side", std::string(side_name(order.side))},
                   {"type", limit ? "LIMIT" : "MARKET"}};
    if (limit) call.params.emplace_back("timeInForce", std::string(tif_name(order.tif)));
    call.params.emplace_back("quantity", json::format_decimal(order.qty));
    if (limit) call.params.emplace_back("price", json::format_decimal(order.price));
    // Without newClientOrderId Binance assigns one; the response carries it. LIMIT and
    // MARKET orders answer with the FULL response, a superset of RESULT.
    if (!order.client_order_id.empty()) {
        call.params.emplace_back("newClientOrderId", order.client_order_id);
    }
    return order_call(std::move(call), order.symbol);
}

Result<VenueOrder> BinanceVenue::cancel_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY(ensure_markets());
    Call call{.method = "DELETE", .path = "/api/v3/order", .weight = 1, .is_signed = true};
    call.params = {{"symbol", binance_symbol(symbol)}, {"orderId", std::string(order_id)}};
    return order_call(std::move(call), symbol);
}

Result<VenueOrder> BinanceVenue::fetch_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY(ensure_markets());
    Call call{.path = "/api/v3/order", .weight = 4, .is_signed = true};
    call.params = {{"symbol", binance_symbol(symbol)}, {"orderId", std::string(order_id)}};
    return order_call(std::move(call), symbol);
}

Result<std::vector<VenueOrder>> BinanceVenue::open_orders(std::string_view symbol) {
    AITP_TRY(ensure_markets());
    Call call{.path = "/api/v3/openOrders", .weight = symbol.empty() ? 80 : 6, .is_signed = true};
    if (!symbol.empty()) call.params = {{"symbol", binance_symbol(symbol)}};
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/openOrders"));
    auto out = parse_array<VenueOrder>(j, [&](const Json& o) -> Result<VenueOrder> {
        AITP_TRY_ASSIGN(std::string wire, jsonr::string(o, "symbol"));
        return parse_order(o, unified(wire));
    });
    if (!out) return fail(decode_error("GET /api/v3/openOrders", out.error()));
    return out;
}

Result<std::vector<OwnTrade>> BinanceVenue::own_trades(std::string_view symbol, UnixMillis since) {
    Call call{.path = "/api/v3/myTrades", .weight = 20, .is_signed = true};
    call.params = {{"symbol", binance_symbol(symbol)}};
    if (since > 0) call.params.emplace_back("startTime", std::to_string(since));
    AITP_TRY_ASSIGN(std::string body, send(std::move(call)));
    AITP_TRY_ASSIGN(Json j, jsonr::parse(body, "binance GET /api/v3/myTrades"));
    const std::string name(symbol);
    auto out = parse_array<OwnTrade>(j, [&](const Json& t) { return parse_own_trade(t, name); });
    if (!out) return fail(decode_error("GET /api/v3/myTrades", out.error()));
    return out;
}

VenueHealth BinanceVenue::health() const {
    VenueHealth h = transport_->health();
    h.venue = std::string(kVenue);
    return h;
}

std::unique_ptr<Venue> make_binance_venue(const VenueConfig& config,
                                          std::shared_ptr<HttpTransport> transport,
                                          const Clock& clock) {
    return std::make_unique<BinanceVenue>(config, std::move(transport), clock);
}

}  // namespace aitp::exchange
