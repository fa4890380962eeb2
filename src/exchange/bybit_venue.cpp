// SPDX-License-Identifier: MIT
// Bybit v5 spot (https://bybit-exchange.github.io/docs/v5/intro): market data under
// /v5/market with category=spot, private calls signed with the X-BAPI-* headers (HMAC over
// timestamp + key + recv_window + query or JSON body). Every answer is
// {"retCode":0,"retMsg":"OK","result":...}; retCode != 0 becomes one Error.
#include "exchange/bybit_venue.hpp"

#include <algorithm>
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

constexpr std::string_view kVenue = "bybit";
constexpr std::string_view kDefaultBase = "https://api.bybit.com";
constexpr int kMaxKlines = 1000;
constexpr int kMaxDepth = 200;        // spot orderbook limit 1..200
constexpr int kMaxRecentTrades = 60;  // spot recent-trade limit 1..60

Error bybit_error(std::string_view endpoint, std::int64_t code, std::string_view msg) {
    ErrorCode c = ErrorCode::InvalidArgument;
    if (code == 10006 || code == 10016 || code == 10018 || code == 10000) c = ErrorCode::IOError;
    if (code == 110001 || code == 170213) c = ErrorCode::NotFound;  // order does not exist
    return {c, fmt::format("{} {}: retCode {}: {}", kVenue, endpoint, code, msg)};
}

std::string_view interval_name(model::Timeframe tf) {
    switch (tf) {
        case model::Timeframe::M1:
            return "1";
        case model::Timeframe::M5:
            return "5";
        case model::Timeframe::M15:
            return "15";
        case model::Timeframe::H1:
            return "60";
        case model::Timeframe::H4:
            return "240";
        case model::Timeframe::D1:
            return "D";
    }
    return "60";
}

model::OrderStatus status_from(std::string_view s) {
    if (s == "PartiallyFilled") return model::OrderStatus::PartialFill;
    if (s == "Filled") return model::OrderStatus::Filled;
    if (s == "Cancelled" || s == "PartiallyFilledCanceled" || s == "Deactivated")
        return model::OrderStatus::Cancelled;
    if (s == "Rejected") return model::OrderStatus::Rejected;
    return model::OrderStatus::Open;  // New, Untriggered, Triggered, Created
}

model::TimeInForce tif_from(std::string_view s) {
    if (s == "IOC") return model::TimeInForce::Ioc;
    if (s == "FOK") return model::TimeInForce::Fok;
    return model::TimeInForce::Gtc;
}

class BybitVenue final : public Venue {
  public:
    BybitVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport, const Clock& clock)
        : config_(std::move(config)), transport_(std::move(transport)), clock_(clock) {
        base_ = config_.base_url.empty() ? std::string(kDefaultBase) : config_.base_url;
    }

    VenueId id() const override { return VenueId::Bybit; }
    int max_ohlcv_page() const override { return kMaxKlines; }

    Result<UnixMillis> server_time() override {
        const UnixMillis sent = clock_.now_ms();
        AITP_TRY_ASSIGN(const Json body, request("GET", "/v5/market/time", Query(), false));
        return adapter::guarded(kVenue, "/v5/market/time", [&]() -> Result<UnixMillis> {
            const UnixMillis server = adapter::integer(body, "time");
            // Signed requests carry the local clock corrected by this skew, so that a drifting
            // local clock stays inside the venue's recv_window.
            skew_ms_ = server - sent;
            return server;
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
        if (all.empty()) return fail(Error::not_found(fmt::format("bybit: no ticker for {}", s)));
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
    /// Sends a request (signed when `sign`; a POST carries `json_body`) and returns the whole
    /// answer after checking retCode.
    Result<Json> request(std::string_view method, std::string_view path, const Query& query,
                         bool sign, const std::string& json_body = {}) {
        HttpRequest req;
        req.method = std::string(method);
        req.url = adapter::make_url(base_, path, query);
        req.endpoint = fmt::format("{} {}", method, path);
        req.body = json_body;
        if (sign) {
            if (config_.api_key.empty() || config_.api_secret.empty()) {
                return fail(Error::invalid_argument(fmt::format(
                    "{}: {} needs an API key and secret (api_key/api_secret)", kVenue, path)));
            }
            const std::string ts = std::to_string(clock_.now_ms() + skew_ms_);
            const std::string window = std::to_string(config_.recv_window_ms);
            const std::string payload = method == "GET" ? query.text() : json_body;
            req.headers = {
                {"X-BAPI-API-KEY", config_.api_key},
                {"X-BAPI-TIMESTAMP", ts},
                {"X-BAPI-RECV-WINDOW", window},
                {"X-BAPI-SIGN",
                 bybit_signature(config_.api_secret, ts, config_.api_key, window, payload)},
            };
            if (method == "POST") req.headers.emplace_back("Content-Type", "application/json");
        }
        return unwrap(path, transport_->send(req));
    }

    Result<Json> unwrap(std::string_view endpoint, const Result<HttpResponse>& response) const {
        if (!response) return fail(adapter::redact(response.error(), config_));
        auto body = adapter::parse_body<Json>(kVenue, endpoint, *response);
        if (!body) return fail(adapter::redact(body.error(), config_));
        if (body->is_object() && body->contains("retCode") &&
            (*body)["retCode"].is_number_integer() && (*body)["retCode"].get<std::int64_t>() != 0) {
            return fail(
                adapter::redact(bybit_error(endpoint, (*body)["retCode"].get<std::int64_t>(),
                                            adapter::text_or_empty(*body, "retMsg")),
                                config_));
        }
        if (response->status < 200 || response->status >= 300) {
            return fail(
                adapter::redact(adapter::http_status_error(kVenue, endpoint, *response), config_));
        }
        return std::move(*body);
    }

    /// The `result` member of a retCode-checked answer.
    Result<Json> result(std::string_view method, std::string_view path, const Query& query,
                        bool sign, const std::string& json_body = {}) {
        AITP_TRY_ASSIGN(Json body, request(method, path, query, sign, json_body));
        if (!body.is_object() || !body.contains("result")) {
            return fail(
                Error::corruption(fmt::format("{} {}: no 'result' in the answer", kVenue, path)));
        }
        return std::move(body["result"]);
    }

    Status load_markets() {
        if (markets_loaded_) return ok_status();
        Query q;
        q.add("category", "spot");
        AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/market/instruments-info", q, false));
        return adapter::guarded(kVenue, "/v5/market/instruments-info", [&]() -> Status {
            std::vector<MarketInfo> out;
            for (const auto& i : adapter::member(r, "list")) {
                MarketInfo m;
                m.venue_symbol = adapter::text(i, "symbol");
                m.base = adapter::text(i, "baseCoin");
                m.quote = adapter::text(i, "quoteCoin");
                m.symbol = m.base + "/" + m.quote;
                const Json& lot = adapter::member(i, "lotSizeFilter");
                m.lot_step = adapter::decimal_or(lot, "basePrecision", 0.0);
                m.min_qty = adapter::decimal_or(lot, "minOrderQty", 0.0);
                m.min_notional = adapter::decimal_or(lot, "minOrderAmt", 0.0);
                m.price_tick = adapter::decimal(adapter::member(i, "priceFilter"), "tickSize");
                m.active = adapter::text_or_empty(i, "status") == "Trading";
                out.push_back(std::move(m));
            }
            std::sort(out.begin(), out.end(),
                      [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
            markets_ = std::move(out);
            for (const auto& m : markets_) by_wire_[m.venue_symbol] = m.symbol;
            markets_loaded_ = true;
            return ok_status();
        });
    }

    Result<const MarketInfo*> market(std::string_view symbol) {
        AITP_TRY(adapter::split_symbol(kVenue, symbol));
        AITP_TRY(load_markets());
        const std::string want = adapter::to_upper(symbol);
        for (const auto& m : markets_) {
            if (m.symbol == want) return &m;
        }
        return fail(Error::not_found(fmt::format("{}: unknown market '{}'", kVenue, want)));
    }

    std::string unified(std::string_view wire) const {
        const auto it = by_wire_.find(std::string(wire));
        return it == by_wire_.end() ? std::string(wire) : it->second;
    }

    VenueOrder parse_order(const Json& o) const {
        VenueOrder v;
        v.id = adapter::text(o, "orderId");
        v.client_order_id = adapter::text_or_empty(o, "orderLinkId");
        v.symbol = unified(adapter::text(o, "symbol"));
        v.side =
            adapter::text(o, "side") == "Sell" ? model::OrderSide::Sell : model::OrderSide::Buy;
        v.type = adapter::text(o, "orderType") == "Market" ? model::OrderType::Market
                                                           : model::OrderType::Limit;
        v.tif = tif_from(adapter::text_or_empty(o, "timeInForce"));
        v.status = status_from(adapter::text(o, "orderStatus"));
        v.qty = adapter::decimal(o, "qty");
        v.price = adapter::decimal_or(o, "price", 0.0);
        v.filled_qty = adapter::decimal_or(o, "cumExecQty", 0.0);
        v.avg_price = adapter::decimal_or(o, "avgPrice", 0.0);
        v.created_ts = adapter::integer(o, "createdTime");
        v.updated_ts = adapter::integer(o, "updatedTime");
        return v;
    }

    Result<std::vector<VenueOrder>> realtime_orders(const Query& q) {
        AITP_TRY(load_markets());
        AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/order/realtime", q, true));
        return adapter::guarded(kVenue, "/v5/order/realtime",
                                [&]() -> Result<std::vector<VenueOrder>> {
                                    std::vector<VenueOrder> out;
                                    for (const auto& o : adapter::member(r, "list")) {
                                        out.push_back(parse_order(o));
                                    }
                                    return out;
                                });
    }

    VenueConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    const Clock& clock_;
    std::string base_;
    std::vector<MarketInfo> markets_;
    std::map<std::string, std::string> by_wire_;
    bool markets_loaded_ = false;
    std::int64_t skew_ms_ = 0;  // venue time - local time, from the last server_time()
};

Result<model::BarSeries> BybitVenue::ohlcv(const OhlcvRequest& request) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(request.symbol));
    const int limit = request.limit > 0 ? std::min(request.limit, kMaxKlines) : kMaxKlines;
    Query q;
    q.add("category", "spot")
        .add("symbol", m->venue_symbol)
        .add("interval", interval_name(request.timeframe));
    // Bybit answers the newest bars of [start, end]; bounding `end` to `limit` bars after
    // `start` makes the page start at `since`.
    const std::int64_t tf_ms = model::timeframe_millis(request.timeframe);
    std::int64_t end = request.since > 0 ? request.since + limit * tf_ms - 1 : 0;
    if (request.until > 0) end = end > 0 ? std::min(end, request.until - 1) : request.until - 1;
    if (request.since > 0) q.add("start", request.since);
    if (end > 0) q.add("end", end);
    q.add("limit", limit);
    AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/market/kline", q, false));
    return adapter::guarded(kVenue, "/v5/market/kline", [&]() -> Result<model::BarSeries> {
        std::vector<model::Bar> rows;
        for (const auto& row : adapter::member(r, "list")) {
            model::Bar b;
            b.ts = std::stoll(row.at(0).get<std::string>());
            b.open = adapter::decimal_value(row.at(1), "open");
            b.high = adapter::decimal_value(row.at(2), "high");
            b.low = adapter::decimal_value(row.at(3), "low");
            b.close = adapter::decimal_value(row.at(4), "close");
            b.volume = adapter::decimal_value(row.at(5), "volume");
            if (b.ts < request.since || (request.until > 0 && b.ts >= request.until)) continue;
            rows.push_back(b);
        }
        // Bybit lists the newest bar first.
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return a.ts < b.ts; });
        model::BarSeries bars;
        for (const auto& b : rows) {
            if (static_cast<int>(bars.size()) == limit) break;
            bars.push_back(b);
        }
        return bars;
    });
}

Result<std::vector<Ticker>> BybitVenue::tickers(std::span<const std::string> symbols) {
    AITP_TRY(load_markets());
    std::vector<std::string> wanted;
    for (const auto& s : symbols) {
        AITP_TRY_ASSIGN(const MarketInfo* m, market(s));
        wanted.push_back(m->venue_symbol);
    }
    Query q;
    q.add("category", "spot");
    if (wanted.size() == 1) q.add("symbol", wanted.front());
    AITP_TRY_ASSIGN(const Json body, request("GET", "/v5/market/tickers", q, false));
    return adapter::guarded(kVenue, "/v5/market/tickers", [&]() -> Result<std::vector<Ticker>> {
        const UnixMillis ts =
            body.contains("time") ? adapter::integer(body, "time") : clock_.now_ms();
        std::vector<Ticker> out;
        for (const auto& t : adapter::member(adapter::member(body, "result"), "list")) {
            const std::string wire = adapter::text(t, "symbol");
            if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), wire) == wanted.end())
                continue;
            if (!by_wire_.contains(wire)) continue;
            Ticker x;
            x.symbol = unified(wire);
            x.ts = ts;
            x.last = adapter::decimal(t, "lastPrice");
            x.bid = adapter::decimal_or(t, "bid1Price", 0.0);
            x.bid_qty = adapter::decimal_or(t, "bid1Size", 0.0);
            x.ask = adapter::decimal_or(t, "ask1Price", 0.0);
            x.ask_qty = adapter::decimal_or(t, "ask1Size", 0.0);
            x.open_24h = adapter::decimal_or(t, "prevPrice24h", 0.0);
            x.high_24h = adapter::decimal_or(t, "highPrice24h", 0.0);
            x.low_24h = adapter::decimal_or(t, "lowPrice24h", 0.0);
            x.volume_24h = adapter::decimal_or(t, "volume24h", 0.0);
            // price24hPcnt is a fraction ("0.0068" = 0.68 %).
            x.change_pct_24h = adapter::decimal_or(t, "price24hPcnt", 0.0) * 100.0;
            out.push_back(std::move(x));
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
        return out;
    });
}

Result<BookSnapshot> BybitVenue::order_book(std::string_view symbol, int depth) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("category", "spot").add("symbol", m->venue_symbol);
    if (depth > 0) q.add("limit", std::min(depth, kMaxDepth));
    AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/market/orderbook", q, false));
    return adapter::guarded(kVenue, "/v5/market/orderbook", [&]() -> Result<BookSnapshot> {
        BookSnapshot book;
        book.symbol = m->symbol;
        book.sequence = adapter::integer(r, "u");
        book.ts = adapter::integer(r, "ts");
        for (const auto& l : adapter::member(r, "b")) {
            book.bids.push_back({adapter::decimal_value(l.at(0), "bid price"),
                                 adapter::decimal_value(l.at(1), "bid size")});
        }
        for (const auto& l : adapter::member(r, "a")) {
            book.asks.push_back({adapter::decimal_value(l.at(0), "ask price"),
                                 adapter::decimal_value(l.at(1), "ask size")});
        }
        return book;
    });
}

Result<std::vector<PublicTrade>> BybitVenue::recent_trades(std::string_view symbol, int limit) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("category", "spot").add("symbol", m->venue_symbol);
    if (limit > 0) q.add("limit", std::min(limit, kMaxRecentTrades));
    AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/market/recent-trade", q, false));
    return adapter::guarded(
        kVenue, "/v5/market/recent-trade", [&]() -> Result<std::vector<PublicTrade>> {
            std::vector<PublicTrade> out;
            for (const auto& t : adapter::member(r, "list")) {
                PublicTrade x;
                x.id = adapter::text(t, "execId");
                x.ts = adapter::integer(t, "time");
                x.price = adapter::decimal(t, "price");
                x.qty = adapter::decimal(t, "size");
                x.taker_side = adapter::text(t, "side") == "Sell" ? model::OrderSide::Sell
                                                                  : model::OrderSide::Buy;
                out.push_back(std::move(x));
            }
            std::sort(out.begin(), out.end(),
                      [](const auto& a, const auto& b) { return a.ts < b.ts; });
            return out;
        });
}

Result<std::vector<Balance>> BybitVenue::balances() {
    Query q;
    q.add("accountType", "UNIFIED");
    AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/account/wallet-balance", q, true));
    return adapter::guarded(
        kVenue, "/v5/account/wallet-balance", [&]() -> Result<std::vector<Balance>> {
            std::vector<Balance> out;
            for (const auto& account : adapter::member(r, "list")) {
                for (const auto& c : adapter::member(account, "coin")) {
                    const double total = adapter::decimal(c, "walletBalance");
                    const double locked = adapter::decimal_or(c, "locked", 0.0);
                    out.push_back({adapter::text(c, "coin"), total - locked, locked});
                }
            }
            return out;
        });
}

Result<VenueOrder> BybitVenue::create_order(const NewOrder& order) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(order.symbol));
    const bool limit = order.type == model::OrderType::Limit;
    if (!limit && order.type != model::OrderType::Market) {
        return fail(
            Error::invalid_argument(fmt::format("{}: order type must be market or limit, was {}",
                                                kVenue, model::order_type_name(order.type))));
    }
    if (order.tif == model::TimeInForce::Day) {
        return fail(Error::invalid_argument(
            fmt::format("{}: time in force must be GTC, IOC or FOK, was day", kVenue)));
    }
    nlohmann::ordered_json body;
    body["category"] = "spot";
    body["symbol"] = m->venue_symbol;
    body["side"] = order.side == model::OrderSide::Buy ? "Buy" : "Sell";
    body["orderType"] = limit ? "Limit" : "Market";
    body["qty"] = adapter::format_decimal(order.qty);
    if (limit) {
        body["price"] = adapter::format_decimal(order.price);
        body["timeInForce"] = order.tif == model::TimeInForce::Ioc   ? "IOC"
                              : order.tif == model::TimeInForce::Fok ? "FOK"
                                                                     : "GTC";
    } else {
        // A spot market buy is sized in the quote coin unless marketUnit says otherwise.
        body["marketUnit"] = "baseCoin";
    }
    if (!order.client_order_id.empty()) body["orderLinkId"] = order.client_order_id;
    AITP_TRY_ASSIGN(const Json r, result("POST", "/v5/order/create", Query(), true, body.dump()));
    return adapter::guarded(kVenue, "/v5/order/create", [&]() -> Result<VenueOrder> {
        VenueOrder v;
        v.id = adapter::text(r, "orderId");
        v.client_order_id = adapter::text_or_empty(r, "orderLinkId");
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

Result<VenueOrder> BybitVenue::cancel_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    nlohmann::ordered_json body;
    body["category"] = "spot";
    body["symbol"] = m->venue_symbol;
    body["orderId"] = std::string(order_id);
    AITP_TRY_ASSIGN(const Json r, result("POST", "/v5/order/cancel", Query(), true, body.dump()));
    return adapter::guarded(kVenue, "/v5/order/cancel", [&]() -> Result<VenueOrder> {
        VenueOrder v;
        v.id = adapter::text(r, "orderId");
        v.client_order_id = adapter::text_or_empty(r, "orderLinkId");
        v.symbol = m->symbol;
        v.status = model::OrderStatus::Cancelled;
        v.updated_ts = clock_.now_ms();
        return v;
    });
}

Result<VenueOrder> BybitVenue::fetch_order(std::string_view symbol, std::string_view order_id) {
    AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
    Query q;
    q.add("category", "spot").add("symbol", m->venue_symbol).add("orderId", order_id);
    AITP_TRY_ASSIGN(auto orders, realtime_orders(q));
    for (auto& o : orders) {
        if (o.id == order_id) return std::move(o);
    }
    return fail(Error::not_found(
        fmt::format("{}: no order {} among the open and recent orders", kVenue, order_id)));
}

Result<std::vector<VenueOrder>> BybitVenue::open_orders(std::string_view symbol) {
    Query q;
    q.add("category", "spot");
    if (!symbol.empty()) {
        AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
        q.add("symbol", m->venue_symbol);
    }
    q.add("openOnly", 0);
    AITP_TRY_ASSIGN(auto orders, realtime_orders(q));
    std::erase_if(orders, [](const auto& o) { return model::is_terminal(o.status); });
    return orders;
}

Result<std::vector<OwnTrade>> BybitVenue::own_trades(std::string_view symbol, UnixMillis since) {
    Query q;
    q.add("category", "spot");
    if (!symbol.empty()) {
        AITP_TRY_ASSIGN(const MarketInfo* m, market(symbol));
        q.add("symbol", m->venue_symbol);
    }
    AITP_TRY(load_markets());
    if (since > 0) q.add("startTime", since);
    AITP_TRY_ASSIGN(const Json r, result("GET", "/v5/execution/list", q, true));
    return adapter::guarded(kVenue, "/v5/execution/list", [&]() -> Result<std::vector<OwnTrade>> {
        std::vector<OwnTrade> out;
        for (const auto& t : adapter::member(r, "list")) {
            OwnTrade x;
            x.id = adapter::text(t, "execId");
            x.order_id = adapter::text(t, "orderId");
            x.symbol = unified(adapter::text(t, "symbol"));
            x.side =
                adapter::text(t, "side") == "Sell" ? model::OrderSide::Sell : model::OrderSide::Buy;
            x.price = adapter::decimal(t, "execPrice");
            x.qty = adapter::decimal(t, "execQty");
            x.fee = adapter::decimal_or(t, "execFee", 0.0);
            x.fee_asset = adapter::text_or_empty(t, "feeCurrency");
            x.maker =
                t.contains("isMaker") && t["isMaker"].is_boolean() && t["isMaker"].get<bool>();
            x.ts = adapter::integer(t, "execTime");
            if (x.ts >= since) out.push_back(std::move(x));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.ts < b.ts; });
        return out;
    });
}

}  // namespace

std::unique_ptr<Venue> make_bybit_venue(const VenueConfig& config,
                                        std::shared_ptr<HttpTransport> transport,
                                        const Clock& clock) {
    return std::make_unique<BybitVenue>(config, std::move(transport), clock);
}

}  // namespace aitp::exchange
