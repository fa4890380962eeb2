// SPDX-License-Identifier: MIT
// Kraken spot REST (https://docs.kraken.com/api/docs/rest-api/): public market data under
// /0/public, private calls as signed form POSTs under /0/private. Every answer is
// {"error":[...],"result":...}; a non-empty error array becomes one Error.
#include "exchange/kraken_venue.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exchange/adapter_support.hpp"
#include "exchange/signing.hpp"

namespace aitp::exchange {

namespace {

using Json = nlohmann::json;
using adapter::Query;

constexpr std::string_view kVenue = "kraken";
constexpr std::string_view kDefaultBase = "https://api.kraken.com";
constexpr int kMaxOhlcv = 720;

// Kraken's legacy four-letter asset codes (X for crypto, Z for fiat) and its names for BTC and
// DOGE; every other code is already the common one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kLegacyAssets = {{
    {"XXBT", "BTC"}, {"XBT", "BTC"},  {"XXDG", "DOGE"}, {"XDG", "DOGE"}, {"XETH", "ETH"},
    {"XETC", "ETC"}, {"XLTC", "LTC"}, {"XMLN", "MLN"},  {"XREP", "REP"}, {"XXLM", "XLM"},
    {"XXMR", "XMR"}, {"XXRP", "XRP"}, {"XZEC", "ZEC"},  {"ZUSD", "USD"}, {"ZEUR", "EUR"},
    {"ZGBP", "GBP"}, {"ZCAD", "CAD"}, {"ZJPY", "JPY"},  {"ZAUD", "AUD"}, {"ZCHF", "CHF"},
}};

Error kraken_error(std::string_view endpoint, const Json& errors) {
    std::string joined;
    ErrorCode code = ErrorCode::InvalidArgument;
    for (const auto& e : errors) {
        const std::string msg = e.is_string() ? e.get<std::string>() : e.dump();
        if (!joined.empty()) joined += "; ";
        joined += msg;
        if (msg.starts_with("EQuery:Unknown asset pair") || msg.starts_with("EOrder:Unknown order"))
            code = ErrorCode::NotFound;
        if (msg.starts_with("EAPI:Rate limit") || msg.starts_with("EService:") ||
            msg.starts_with("EGeneral:Temporary") || msg.starts_with("EOrder:Rate limit"))
            code = ErrorCode::IOError;
    }
    return {code, fmt::format("{} {}: {}", kVenue, endpoint, joined)};
}

model::OrderType order_type_from(std::string_view t) {
    if (t == "market") return model::OrderType::Market;
    if (t == "stop-loss") return model::OrderType::Stop;
    if (t == "stop-loss-limit") return model::OrderType::StopLimit;
    if (t == "trailing-stop") return model::OrderType::TrailingStop;
    return model::OrderType::Limit;
}

UnixMillis seconds_to_ms(double s) { return static_cast<UnixMillis>(std::llround(s * 1000.0)); }

double seconds_field(const Json& o, std::string_view field) {
    return adapter::decimal_or(o, field, 0.0);
}

class KrakenVenue final : public Venue {
  public:
    KrakenVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport, const Clock& clock)
        : config_(std::move(config)), transport_(std::move(transport)), clock_(clock) {
        base_ = config_.base_url.empty() ? std::string(kDefaultBase) : config_.base_url;
    }

    VenueId id() const override { return VenueId::Kraken; }
    int max_ohlcv_page() const override { return kMaxOhlcv; }

    Result<UnixMillis> server_time() override {
        AITP_TRY_ASSIGN(const Json r, get_public("Time", Query()));
        return adapter::guarded(kVenue, "Time", [&]() -> Result<UnixMillis> {
            return adapter::integer(r, "unixtime") * kMillisPerSecond;
        });
    }

    Result<std::vector<MarketInfo>> markets() override {
        AITP_TRY(load_markets());
        return markets_;
    }

    Result<model::BarSeries> ohlcv(const OhlcvRequest& request) override;
    Result<Ticker> ticker(std::string_view symbol) override {
        const std::string s(symbol);
        AITP_TRY_ASSIGN(auto all, tickers(std::span<const std::string>(&s, 1)));
        if (all.empty()) return fail(Error::not_found(fmt::format("kraken: no ticker for {}", s)));
        return all.front();
    }
    Result<std::vector<Ticker>> tickers(std::span<const std::string> symbols) override;
    Result<BookSnapshot> order_book(std::string_view symbol, int depth) override;
    Result<std::vector<PublicTrade>> recent_trades(std::string_view symbol, int limit) override;

    Result<std::vector<Balance>> balances() override;
    Result<VenueOrder> create_order(const NewOrder& order) override;
    Result<VenueOrder> cancel_order(std::string_view symbol, std::string_view order_id) override;
    Result<VenueOrder> fetch_order(std::string_view symbol, std::string_view order_id) override;
    Result<std::vector<VenueOrder>> open_orders(std::string_view symbol) override;
    Result<std::vector<OwnTrade>> own_trades(std::string_view symbol, UnixMillis since) override;

    VenueHealth health() const override {
        VenueHealth h = transport_->health();
        if (h.venue.empty()) h.venue = std::string(kVenue);
        return h;
    }

  private:
    Result<Json> unwrap(std::string_view endpoint, const Result<HttpResponse>& response) const {
        if (!response) return fail(adapter::redact(response.error(), config_));
        AITP_TRY_ASSIGN(Json body, adapter::parse_body<Json>(kVenue, endpoint, *response));
        if (body.is_object() && body.contains("error") && body["error"].is_array() &&
            !body["error"].empty()) {
            return fail(adapter::redact(kraken_error(endpoint, body["error"]), config_));
        }
        if (response->status < 200 || response->status >= 300) {
            return fail(
                adapter::redact(adapter::http_status_error(kVenue, endpoint, *response), config_));
        }
        if (!body.is_object() || !body.contains("result")) {
            return fail(Error::corruption(
                fmt::format("{} {}: no 'result' in the answer", kVenue, endpoint)));
        }
        return std::move(body["result"]);
    }

    Result<Json> get_public(std::string_view method, const Query& query) {
        HttpRequest req;
        req.method = "GET";
        req.url = adapter::make_url(base_, fmt::format("/0/public/{}", method), query);
        req.endpoint = fmt::format("GET /0/public/{}", method);
        return unwrap(method, transport_->send(req));
    }

    Result<Json> post_private(std::string_view method, const Query& params) {
        if (config_.api_key.empty() || config_.api_secret.empty()) {
            return fail(Error::invalid_argument(fmt::format(
                "{}: {} needs an API key and secret (api_key/api_secret)", kVenue, method)));
        }
        const std::int64_t nonce = std::max(clock_.now_ms(), last_nonce_ + 1);
        last_nonce_ = nonce;
        Query body;
        body.add("nonce", nonce);
        std::string form = body.text();
        if (!params.is_empty()) form += "&" + params.text();
        const std::string path = fmt::format("/0/private/{}", method);
        auto sign = kraken_signature(path, std::to_string(nonce), form, config_.api_secret);
        if (!sign) return fail(adapter::redact(sign.error(), config_));
        HttpRequest req;
        req.method = "POST";
        req.url = adapter::make_url(base_, path, Query());
        req.endpoint = "POST " + path;
        // Kraken's call-rate counter: history calls cost 2, the others 1.
        req.weight = method == "TradesHistory" ? 2 : 1;
        req.body = std::move(form);
        req.headers = {{"API-Key", config_.api_key},
                       {"API-Sign", *sign},
                       {"Content-Type", "application/x-www-form-urlencoded"}};
        return unwrap(method, transport_->send(req));
    }

    Status load_markets() {
        if (markets_loaded_) return ok_status();
        AITP_TRY_ASSIGN(const Json r, get_public("AssetPairs", Query()));
        return adapter::guarded(kVenue, "AssetPairs", [&]() -> Status {
            std::vector<MarketInfo> out;
            for (const auto& [key, p] : r.items()) out.push_back(parse_market(key, p));
            std::sort(out.begin(), out.end(),
                      [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
            markets_ = std::move(out);
            for (const auto& m : markets_) by_wire_[m.venue_symbol] = m.symbol;
            for (const auto& [key, p] : r.items()) {
                const std::string alt = adapter::text_or_empty(p, "altname");
                if (!alt.empty() && by_wire_.contains(key)) by_wire_[alt] = by_wire_[key];
            }
            markets_loaded_ = true;
            return ok_status();
        });
    }

    static MarketInfo parse_market(const std::string& key, const Json& p) {
        MarketInfo m;
        m.venue_symbol = key;
        const std::string ws = adapter::text_or_empty(p, "wsname");
        const auto slash = ws.find('/');
        if (slash != std::string::npos) {
            m.base = unified_asset(ws.substr(0, slash));
            m.quote = unified_asset(ws.substr(slash + 1));
        } else {
            m.base = unified_asset(adapter::text(p, "base"));
            m.quote = unified_asset(adapter::text(p, "quote"));
        }
        m.symbol = m.base + "/" + m.quote;
        const double pair_decimals = adapter::decimal_or(p, "pair_decimals", 0.0);
        m.price_tick = adapter::decimal_or(p, "tick_size", std::pow(10.0, -pair_decimals));
        m.lot_step = std::pow(10.0, -adapter::decimal_or(p, "lot_decimals", 0.0));
        m.min_qty = adapter::decimal_or(p, "ordermin", 0.0);
        m.min_notional = adapter::decimal_or(p, "costmin", 0.0);
        const std::string status = adapter::text_or_empty(p, "status");
        m.active = status.empty() || status == "online";
        return m;
    }

  public:
    /// Kraken asset code -> common code (XXBT -> BTC, ZUSD -> USD, DOT -> DOT).
    static std::string unified_asset(std::string_view code) {
        for (const auto& [k, v] : kLegacyAssets) {
            if (k == code) return std::string(v);
        }
        return std::string(code);
    }

  private:
    Result<const MarketInfo*> market(std::string_view symbol) {
        AITP_TRY(adapter::split_symbol(kVenue, symbol));
        AITP_TRY(load_markets());
        const std::string want = adapter::to_upper(symbol);
        for (const auto& m : markets_) {
            if (m.symbol == want) return &m;
        }
        return fail(Error::not_found(fmt::format("{}: unknown market '{}'", kVenue, want)));
    }

    std::string unified_pair(std::string_view wire) const {
        const auto it = by_wire_.find(std::string(wire));
        return it == by_wire_.end() ? std::string(wire) : it->second;
    }

    // Kraken keys one-pair answers by the pair's name: the first member that is not `last`.
    static const Json& pair_member(const Json& r) {
        for (const auto& [k, v] : r.items()) {
            if (k != "last") return v;
        }
        throw adapter::BadField("no pair member in the result");
    }

    VenueOrder parse_order(const std::string& id, const Json& o) const;

    VenueConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    const Clock& clock_;
    std::string base_;
    std::vector<MarketInfo> markets_;
    std::map<std::string, std::string> by_wire_;  // pair key and altname -> unified symbol
    bool markets_loaded_ = false;
    std::int64_t last_nonce_ = 0;
};

int interval_minutes(model::Timeframe tf) {
    return static_cast<int>(model::timeframe_millis(tf) / kMillisPerMinute);
}

Result<model::BarSeries> KrakenVenue::ohlcv(const OhlcvRequest& request) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(request.symbol));
    Query q;
    q.add("pair", m->venue_symbol).add("interval", interval_minutes(request.timeframe));
    // Kraken returns bars after `since` (seconds); one second less keeps the bar at `since`.
    if (request.since > 0) q.add("since", (request.since - 1) / kMillisPerSecond);
    AITP_TRY_ASSIGN(const Json r, get_public("OHLC", q));
    const int limit = request.limit > 0 ? std::min(request.limit, kMaxOhlcv) : kMaxOhlcv;
    return adapter::guarded(kVenue, "OHLC", [&]() -> Result<model::BarSeries> {
        model::BarSeries bars;
        for (const auto& row : pair_member(r)) {
            model::Bar b;
            b.ts = row.at(0).get<std::int64_t>() * kMillisPerSecond;
            if (b.ts < request.since || (request.until > 0 && b.ts >= request.until)) continue;
            b.open = adapter::decimal_value(row.at(1), "open");
            b.high = adapter::decimal_value(row.at(2), "high");
            b.low = adapter::decimal_value(row.at(3), "low");
            b.close = adapter::decimal_value(row.at(4), "close");
            b.volume = adapter::decimal_value(row.at(6), "volume");
            bars.push_back(b);
            if (static_cast<int>(bars.size()) == limit) break;
        }
        return bars;
    });
}

Result<std::vector<Ticker>> KrakenVenue::tickers(std::span<const std::string> symbols) {
    AITP_TRY(load_markets());
    Query q;
    if (!symbols.empty()) {
        std::string pairs;
        for (const auto& s : symbols) {
            AITP_TRY_ASSIGN(const MarketInfo* m, market(s));
            if (!pairs.empty()) pairs += ",";
            pairs += m->venue_symbol;
        }
        q.add("pair", pairs);
    }
    AITP_TRY_ASSIGN(const Json r, get_public("Ticker", q));
    const UnixMillis now = clock_.now_ms();
    return adapter::guarded(kVenue, "Ticker", [&]() -> Result<std::vector<Ticker>> {
        std::vector<Ticker> out;
        for (const auto& [key, t] : r.items()) {
            if (!by_wire_.contains(key)) continue;  // a pair AssetPairs did not list
            Ticker x;
            x.symbol = unified_pair(key);
            x.ts = now;
            x.last = adapter::decimal_value(t.at("c").at(0), "c[0]");
            x.ask = adapter::decimal_value(t.at("a").at(0), "a[0]");
            x.ask_qty = adapter::decimal_value(t.at("a").at(2), "a[2]");
            x.bid = adapter::decimal_value(t.at("b").at(0), "b[0]");
            x.bid_qty = adapter::decimal_value(t.at("b").at(2), "b[2]");
            x.open_24h = adapter::decimal(t, "o");
            x.high_24h = adapter::decimal_value(t.at("h").at(1), "h[1]");
            x.low_24h = adapter::decimal_value(t.at("l").at(1), "l[1]");
            x.volume_24h = adapter::decimal_value(t.at("v").at(1), "v[1]");
            x.change_pct_24h = x.open_24h > 0 ? (x.last - x.open_24h) / x.open_24h * 100.0 : 0.0;
            out.push_back(std::move(x));
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
        return out;
    });
}

Result<BookSnapshot> KrakenVenue::order_book(std::string_view symbol, int depth) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("pair", m->venue_symbol);
    if (depth > 0) q.add("count", depth);
    AITP_TRY_ASSIGN(const Json r, get_public("Depth", q));
    return adapter::guarded(kVenue, "Depth", [&]() -> Result<BookSnapshot> {
        BookSnapshot book;
        book.symbol = m->symbol;
        const Json& side = pair_member(r);
        double newest = 0.0;
        for (const auto& [name, levels] :
             {std::pair{"bids", &book.bids}, std::pair{"asks", &book.asks}}) {
            for (const auto& l : side.at(name)) {
                levels->push_back({adapter::decimal_value(l.at(0), "price"),
                                   adapter::decimal_value(l.at(1), "volume")});
                newest = std::max(newest, adapter::decimal_value(l.at(2), "timestamp"));
            }
        }
        book.ts = newest > 0 ? seconds_to_ms(newest) : clock_.now_ms();
        return book;
    });
}

Result<std::vector<PublicTrade>> KrakenVenue::recent_trades(std::string_view symbol, int limit) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("pair", m->venue_symbol);
    if (limit > 0) q.add("count", limit);
    AITP_TRY_ASSIGN(const Json r, get_public("Trades", q));
    return adapter::guarded(kVenue, "Trades", [&]() -> Result<std::vector<PublicTrade>> {
        std::vector<PublicTrade> out;
        for (const auto& row : pair_member(r)) {
            PublicTrade t;
            t.price = adapter::decimal_value(row.at(0), "price");
            t.qty = adapter::decimal_value(row.at(1), "volume");
            t.ts = seconds_to_ms(adapter::decimal_value(row.at(2), "time"));
            t.taker_side = row.at(3).get<std::string>() == "s" ? model::OrderSide::Sell
                                                               : model::OrderSide::Buy;
            if (row.size() > 6 && row.at(6).is_number_integer()) {
                t.id = std::to_string(row.at(6).get<std::int64_t>());
            }
            out.push_back(std::move(t));
        }
        return out;
    });
}

Result<std::vector<Balance>> KrakenVenue::balances() {
    AITP_TRY_ASSIGN(const Json r, post_private("Balance", Query()));
    return adapter::guarded(kVenue, "Balance", [&]() -> Result<std::vector<Balance>> {
        std::vector<Balance> out;
        for (const auto& [asset, amount] : r.items()) {
            out.push_back({unified_asset(asset), adapter::decimal_value(amount, asset), 0.0});
        }
        return out;
    });
}

Result<VenueOrder> KrakenVenue::create_order(const NewOrder& order) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(order.symbol));
    if (order.type != model::OrderType::Market && order.type != model::OrderType::Limit) {
        return fail(
            Error::invalid_argument(fmt::format("{}: order type must be market or limit, was {}",
                                                kVenue, model::order_type_name(order.type))));
    }
    if (order.tif != model::TimeInForce::Gtc && order.tif != model::TimeInForce::Ioc) {
        return fail(
            Error::invalid_argument(fmt::format("{}: time in force must be GTC or IOC, was {}",
                                                kVenue, model::time_in_force_name(order.tif))));
    }
    const bool limit = order.type == model::OrderType::Limit;
    Query q;
    q.add("ordertype", limit ? "limit" : "market")
        .add("type", order.side == model::OrderSide::Buy ? "buy" : "sell")
        .add("volume", adapter::format_decimal(order.qty))
        .add("pair", m->venue_symbol);
    if (limit) q.add("price", adapter::format_decimal(order.price));
    if (limit) q.add("timeinforce", order.tif == model::TimeInForce::Ioc ? "IOC" : "GTC");
    if (!order.client_order_id.empty()) q.add("cl_ord_id", order.client_order_id);
    AITP_TRY_ASSIGN(const Json r, post_private("AddOrder", q));
    return adapter::guarded(kVenue, "AddOrder", [&]() -> Result<VenueOrder> {
        VenueOrder v;
        v.id = adapter::member(r, "txid").at(0).get<std::string>();
        v.client_order_id = order.client_order_id;
        v.symbol = m->symbol;
        v.side = order.side;
        v.type = order.type;
        v.tif = order.tif;
        v.status = model::OrderStatus::Open;
        v.qty = order.qty;
        v.price = limit ? order.price : 0.0;
        v.created_ts = v.updated_ts = clock_.now_ms();
        return v;
    });
}

Result<VenueOrder> KrakenVenue::cancel_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("txid", order_id);
    AITP_TRY_ASSIGN(const Json r, post_private("CancelOrder", q));
    return adapter::guarded(kVenue, "CancelOrder", [&]() -> Result<VenueOrder> {
        if (adapter::integer(r, "count") < 1) {
            return fail(Error::not_found(
                fmt::format("{} CancelOrder: no order {} was cancelled", kVenue, order_id)));
        }
        VenueOrder v;
        v.id = std::string(order_id);
        v.symbol = m->symbol;
        v.status = model::OrderStatus::Cancelled;
        v.updated_ts = clock_.now_ms();
        return v;
    });
}

VenueOrder KrakenVenue::parse_order(const std::string& id, const Json& o) const {
    const Json& d = adapter::member(o, "descr");
    VenueOrder v;
    v.id = id;
    v.client_order_id = adapter::text_or_empty(o, "cl_ord_id");
    v.symbol = unified_pair(adapter::text(d, "pair"));
    v.side = adapter::text(d, "type") == "sell" ? model::OrderSide::Sell : model::OrderSide::Buy;
    v.type = order_type_from(adapter::text(d, "ordertype"));
    v.qty = adapter::decimal(o, "vol");
    v.filled_qty = adapter::decimal_or(o, "vol_exec", 0.0);
    v.price = adapter::decimal_or(d, "price", 0.0);
    const double cost = adapter::decimal_or(o, "cost", 0.0);
    v.avg_price = v.filled_qty > 0 ? cost / v.filled_qty : 0.0;
    const std::string status = adapter::text(o, "status");
    if (status == "closed") {
        v.status = model::OrderStatus::Filled;
    } else if (status == "canceled" || status == "expired") {
        v.status = model::OrderStatus::Cancelled;
    } else {
        v.status = v.filled_qty > 0 ? model::OrderStatus::PartialFill : model::OrderStatus::Open;
    }
    v.created_ts = seconds_to_ms(seconds_field(o, "opentm"));
    const double closed = seconds_field(o, "closetm");
    v.updated_ts = closed > 0 ? seconds_to_ms(closed) : v.created_ts;
    return v;
}

Result<VenueOrder> KrakenVenue::fetch_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY(market(symbol));
    Query q;
    q.add("txid", order_id);
    AITP_TRY_ASSIGN(const Json r, post_private("QueryOrders", q));
    return adapter::guarded(kVenue, "QueryOrders", [&]() -> Result<VenueOrder> {
        const auto it = r.find(std::string(order_id));
        if (it == r.end()) {
            return fail(
                Error::not_found(fmt::format("{} QueryOrders: no order {}", kVenue, order_id)));
        }
        return parse_order(std::string(order_id), *it);
    });
}

Result<std::vector<VenueOrder>> KrakenVenue::open_orders(std::string_view symbol) {
    std::string want;
    if (!symbol.empty()) {
        AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
        want = m->symbol;
    }
    AITP_TRY(load_markets());
    AITP_TRY_ASSIGN(const Json r, post_private("OpenOrders", Query()));
    return adapter::guarded(kVenue, "OpenOrders", [&]() -> Result<std::vector<VenueOrder>> {
        std::vector<VenueOrder> out;
        for (const auto& [id, o] : adapter::member(r, "open").items()) {
            VenueOrder v = parse_order(id, o);
            if (want.empty() || v.symbol == want) out.push_back(std::move(v));
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.created_ts < b.created_ts; });
        return out;
    });
}

Result<std::vector<OwnTrade>> KrakenVenue::own_trades(std::string_view symbol, UnixMillis since) {
    std::string want;
    if (!symbol.empty()) {
        AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
        want = m->symbol;
    }
    AITP_TRY(load_markets());
    Query q;
    if (since > 0) q.add("start", (since - 1) / kMillisPerSecond);
    AITP_TRY_ASSIGN(const Json r, post_private("TradesHistory", q));
    return adapter::guarded(kVenue, "TradesHistory", [&]() -> Result<std::vector<OwnTrade>> {
        std::vector<OwnTrade> out;
        for (const auto& [id, t] : adapter::member(r, "trades").items()) {
            OwnTrade x;
            x.id = id;
            x.order_id = adapter::text(t, "ordertxid");
            x.symbol = unified_pair(adapter::text(t, "pair"));
            x.side =
                adapter::text(t, "type") == "sell" ? model::OrderSide::Sell : model::OrderSide::Buy;
            x.price = adapter::decimal(t, "price");
            x.qty = adapter::decimal(t, "vol");
            x.fee = adapter::decimal_or(t, "fee", 0.0);
            // Kraken charges spot fees in the quote currency unless the order said otherwise.
            const auto slash = x.symbol.find('/');
            x.fee_asset = slash == std::string::npos ? "" : x.symbol.substr(slash + 1);
            x.maker = t.contains("maker") && t["maker"].is_boolean() && t["maker"].get<bool>();
            x.ts = seconds_to_ms(adapter::decimal(t, "time"));
            if ((want.empty() || x.symbol == want) && x.ts >= since) out.push_back(std::move(x));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.ts < b.ts; });
        return out;
    });
}

}  // namespace

std::unique_ptr<Venue> make_kraken_venue(const VenueConfig& config,
                                         std::shared_ptr<HttpTransport> transport,
                                         const Clock& clock) {
    return std::make_unique<KrakenVenue>(config, std::move(transport), clock);
}

}  // namespace aitp::exchange
