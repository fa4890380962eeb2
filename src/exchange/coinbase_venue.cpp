// SPDX-License-Identifier: MIT
// Coinbase Advanced Trade, public market data only
// (https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/): server
// time, products, candles, product book and the ticker (recent trades). Private calls need JWT
// (ES256) authentication, which aitp does not build: they answer NotSupported.
#include "exchange/coinbase_venue.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exchange/adapter_support.hpp"

namespace aitp::exchange {

namespace {

using Json = nlohmann::json;
using adapter::Query;

constexpr std::string_view kVenue = "coinbase";
constexpr std::string_view kDefaultBase = "https://api.coinbase.com";
constexpr std::string_view kMarket = "/api/v3/brokerage/market";
constexpr int kMaxCandles = 350;
constexpr std::string_view kNoAuth =
    "Advanced Trade private calls need JWT ES256 authentication, which aitp does not build yet";

std::string_view granularity(model::Timeframe tf) {
    switch (tf) {
        case model::Timeframe::M1:
            return "ONE_MINUTE";
        case model::Timeframe::M5:
            return "FIVE_MINUTE";
        case model::Timeframe::M15:
            return "FIFTEEN_MINUTE";
        case model::Timeframe::H1:
            return "ONE_HOUR";
        case model::Timeframe::D1:
            return "ONE_DAY";
        case model::Timeframe::H4:
            break;
    }
    return {};
}

// "BTC/USD" <-> "BTC-USD".
Result<std::string> product_id(std::string_view symbol) {
    AITP_TRY_ASSIGN(const auto parts, adapter::split_symbol(kVenue, symbol));
    return parts.first + "-" + parts.second;
}

std::string unified(std::string_view product) {
    std::string s(product);
    const auto dash = s.find('-');
    if (dash != std::string::npos) s[dash] = '/';
    return s;
}

// "-1.25" or "9.43%" -> 9.43.
double percent(const Json& o, std::string_view field) {
    std::string s = adapter::text_or_empty(o, field);
    if (!s.empty() && s.back() == '%') s.pop_back();
    if (s.empty()) return 0.0;
    return adapter::decimal_value(Json(s), fmt::format("field '{}'", field));
}

UnixMillis iso_time(const Json& o, std::string_view field) {
    auto t = parse_iso8601(adapter::text(o, field));
    if (!t) throw adapter::BadField(fmt::format("field '{}' is not ISO-8601", field));
    return *t;
}

class CoinbaseVenue final : public Venue {
  public:
    CoinbaseVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport, const Clock& clock)
        : config_(std::move(config)), transport_(std::move(transport)), clock_(clock) {
        base_ = config_.base_url.empty() ? std::string(kDefaultBase) : config_.base_url;
    }

    VenueId id() const override { return VenueId::Coinbase; }
    int max_ohlcv_page() const override { return kMaxCandles; }
    bool has_native_timeframe(model::Timeframe tf) const override {
        return !granularity(tf).empty();
    }

    Result<UnixMillis> server_time() override {
        AITP_TRY_ASSIGN(const Json r,
                        get("/api/v3/brokerage/time", "/api/v3/brokerage/time", Query()));
        return adapter::guarded(kVenue, "time", [&]() -> Result<UnixMillis> {
            return adapter::integer(r, "epochMillis");
        });
    }

    Result<std::vector<MarketInfo>> markets() override {
        Query q;
        q.add("product_type", "SPOT");
        AITP_TRY_ASSIGN(const Json r, products(q));
        return adapter::guarded(kVenue, "products", [&]() -> Result<std::vector<MarketInfo>> {
            std::vector<MarketInfo> out;
            for (const auto& p : adapter::member(r, "products")) out.push_back(parse_market(p));
            std::sort(out.begin(), out.end(),
                      [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
            return out;
        });
    }

    Result<model::BarSeries> ohlcv(const OhlcvRequest& request) override;
    Result<Ticker> ticker(std::string_view symbol) override;
    Result<std::vector<Ticker>> tickers(std::span<const std::string> symbols) override;
    Result<BookSnapshot> order_book(std::string_view symbol, int depth) override;
    Result<std::vector<PublicTrade>> recent_trades(std::string_view symbol, int limit) override;

    Result<std::vector<Balance>> balances() override {
        return fail(adapter::not_supported(kVenue, "balances", kNoAuth));
    }
    Result<VenueOrder> create_order(const NewOrder&) override {
        return fail(adapter::not_supported(kVenue, "create_order", kNoAuth));
    }
    Result<VenueOrder> cancel_order(std::string_view, std::string_view) override {
        return fail(adapter::not_supported(kVenue, "cancel_order", kNoAuth));
    }
    Result<VenueOrder> fetch_order(std::string_view, std::string_view) override {
        return fail(adapter::not_supported(kVenue, "fetch_order", kNoAuth));
    }
    Result<std::vector<VenueOrder>> open_orders(std::string_view) override {
        return fail(adapter::not_supported(kVenue, "open_orders", kNoAuth));
    }
    Result<std::vector<OwnTrade>> own_trades(std::string_view, UnixMillis) override {
        return fail(adapter::not_supported(kVenue, "own_trades", kNoAuth));
    }

    VenueHealth health() const override {
        VenueHealth h = transport_->health();
        if (h.venue.empty()) h.venue = std::string(kVenue);
        return h;
    }

  private:
    /// GET `path`; `name` is the endpoint with placeholders for metrics ("GET .../{id}/...").
    Result<Json> get(const std::string& path, std::string_view name, const Query& query) {
        HttpRequest req;
        req.url = adapter::make_url(base_, path, query);
        req.endpoint = fmt::format("GET {}", name);
        auto response = transport_->send(req);
        if (!response) return fail(adapter::redact(response.error(), config_));
        auto body = adapter::parse_body<Json>(kVenue, name, *response);
        if (!body) return fail(body.error());
        if (response->status < 200 || response->status >= 300) {
            // Coinbase explains errors as {"error":"NOT_FOUND","message":"..."}.
            if (body->is_object() && body->contains("error")) {
                Error e = adapter::http_status_error(kVenue, name, *response);
                return fail(adapter::redact(
                    Error(e.code(),
                          fmt::format("{} {}: HTTP {}: {}: {}", kVenue, name, response->status,
                                      adapter::text_or_empty(*body, "error"),
                                      adapter::text_or_empty(*body, "message"))),
                    config_));
            }
            return fail(
                adapter::redact(adapter::http_status_error(kVenue, name, *response), config_));
        }
        return std::move(*body);
    }

    Result<Json> products(const Query& q) {
        return get(std::string(kMarket) + "/products", "/market/products", q);
    }

    static MarketInfo parse_market(const Json& p) {
        MarketInfo m;
        m.venue_symbol = adapter::text(p, "product_id");
        m.base = adapter::text_or_empty(p, "base_currency_id");
        m.quote = adapter::text_or_empty(p, "quote_currency_id");
        m.symbol = m.base.empty() ? unified(m.venue_symbol) : m.base + "/" + m.quote;
        m.price_tick = adapter::decimal_or(p, "price_increment",
                                           adapter::decimal_or(p, "quote_increment", 0.0));
        m.lot_step = adapter::decimal_or(p, "base_increment", 0.0);
        m.min_qty = adapter::decimal_or(p, "base_min_size", 0.0);
        m.min_notional = adapter::decimal_or(p, "quote_min_size", 0.0);
        const auto flag = [&](std::string_view f) {
            return p.contains(f) && p[std::string(f)].is_boolean() && p[std::string(f)].get<bool>();
        };
        const std::string status = adapter::text_or_empty(p, "status");
        m.active = !flag("trading_disabled") && !flag("is_disabled") &&
                   (status.empty() || status == "online");
        return m;
    }

    static Ticker parse_product_ticker(const Json& p, UnixMillis ts) {
        Ticker t;
        t.symbol = unified(adapter::text(p, "product_id"));
        t.ts = ts;
        t.last = adapter::decimal_or(p, "price", 0.0);
        t.volume_24h = adapter::decimal_or(p, "volume_24h", 0.0);
        t.change_pct_24h = percent(p, "price_percentage_change_24h");
        // The price 24 h ago, from the change Coinbase reports against it.
        t.open_24h = t.last / (1.0 + t.change_pct_24h / 100.0);
        return t;
    }

    VenueConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    const Clock& clock_;
    std::string base_;
};

Result<model::BarSeries> CoinbaseVenue::ohlcv(const OhlcvRequest& request) {
    const std::string_view gran = granularity(request.timeframe);
    if (gran.empty()) {
        return fail(adapter::not_supported(
            kVenue, fmt::format("ohlcv {}", model::timeframe_name(request.timeframe)),
            "Coinbase has no 4h candles; build them from 1h"));
    }
    AITP_TRY_ASSIGN(const std::string id, product_id(request.symbol));
    const int limit = request.limit > 0 ? std::min(request.limit, kMaxCandles) : kMaxCandles;
    const std::int64_t tf_ms = model::timeframe_millis(request.timeframe);
    // Coinbase needs both ends (UNIX seconds, inclusive): a page of `limit` bars from `since`,
    // or the latest `limit` bars when no `since` is given.
    UnixMillis start = request.since;
    if (start <= 0) start = (clock_.now_ms() / tf_ms - (limit - 1)) * tf_ms;
    UnixMillis last_open = start + (limit - 1) * tf_ms;
    if (request.until > 0) last_open = std::min(last_open, request.until - 1);
    Query q;
    q.add("start", (start + kMillisPerSecond - 1) / kMillisPerSecond)
        .add("end", last_open / kMillisPerSecond)
        .add("granularity", gran)
        .add("limit", limit);
    AITP_TRY_ASSIGN(const Json r, get(fmt::format("{}/products/{}/candles", kMarket, id),
                                      "/market/products/{product_id}/candles", q));
    return adapter::guarded(kVenue, "candles", [&]() -> Result<model::BarSeries> {
        std::vector<model::Bar> rows;
        for (const auto& c : adapter::member(r, "candles")) {
            model::Bar b;
            b.ts = adapter::integer(c, "start") * kMillisPerSecond;
            b.open = adapter::decimal(c, "open");
            b.high = adapter::decimal(c, "high");
            b.low = adapter::decimal(c, "low");
            b.close = adapter::decimal(c, "close");
            b.volume = adapter::decimal(c, "volume");
            if (b.ts < request.since || (request.until > 0 && b.ts >= request.until)) continue;
            rows.push_back(b);
        }
        // Coinbase lists the newest candle first.
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

Result<Ticker> CoinbaseVenue::ticker(std::string_view symbol) {
    AITP_TRY_ASSIGN(const std::string id, product_id(symbol));
    AITP_TRY_ASSIGN(const Json p, get(fmt::format("{}/products/{}", kMarket, id),
                                      "/market/products/{product_id}", Query()));
    Query q;
    q.add("limit", 1);
    AITP_TRY_ASSIGN(const Json t, get(fmt::format("{}/products/{}/ticker", kMarket, id),
                                      "/market/products/{product_id}/ticker", q));
    return adapter::guarded(kVenue, "ticker", [&]() -> Result<Ticker> {
        Ticker x = parse_product_ticker(p, clock_.now_ms());
        x.bid = adapter::decimal_or(t, "best_bid", 0.0);
        x.ask = adapter::decimal_or(t, "best_ask", 0.0);
        const Json& trades = adapter::member(t, "trades");
        if (!trades.empty()) x.ts = iso_time(trades.at(0), "time");
        return x;
    });
}

Result<std::vector<Ticker>> CoinbaseVenue::tickers(std::span<const std::string> symbols) {
    Query q;
    q.add("product_type", "SPOT");
    for (const auto& s : symbols) {
        AITP_TRY_ASSIGN(const std::string id, product_id(s));
        q.add("product_ids", id);
    }
    AITP_TRY_ASSIGN(const Json r, products(q));
    const UnixMillis now = clock_.now_ms();
    return adapter::guarded(kVenue, "products", [&]() -> Result<std::vector<Ticker>> {
        std::vector<Ticker> out;
        for (const auto& p : adapter::member(r, "products")) {
            out.push_back(parse_product_ticker(p, now));
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
        return out;
    });
}

Result<BookSnapshot> CoinbaseVenue::order_book(std::string_view symbol, int depth) {
    AITP_TRY_ASSIGN(const std::string id, product_id(symbol));
    Query q;
    q.add("product_id", id);
    if (depth > 0) q.add("limit", depth);
    AITP_TRY_ASSIGN(const Json r,
                    get(std::string(kMarket) + "/product_book", "/market/product_book", q));
    return adapter::guarded(kVenue, "product_book", [&]() -> Result<BookSnapshot> {
        const Json& book = adapter::member(r, "pricebook");
        BookSnapshot out;
        out.symbol = unified(id);
        out.ts = iso_time(book, "time");
        for (const auto& l : adapter::member(book, "bids")) {
            out.bids.push_back({adapter::decimal(l, "price"), adapter::decimal(l, "size")});
        }
        for (const auto& l : adapter::member(book, "asks")) {
            out.asks.push_back({adapter::decimal(l, "price"), adapter::decimal(l, "size")});
        }
        return out;
    });
}

Result<std::vector<PublicTrade>> CoinbaseVenue::recent_trades(std::string_view symbol, int limit) {
    AITP_TRY_ASSIGN(const std::string id, product_id(symbol));
    Query q;
    q.add("limit", limit > 0 ? limit : 100);
    AITP_TRY_ASSIGN(const Json r, get(fmt::format("{}/products/{}/ticker", kMarket, id),
                                      "/market/products/{product_id}/ticker", q));
    return adapter::guarded(kVenue, "ticker", [&]() -> Result<std::vector<PublicTrade>> {
        std::vector<PublicTrade> out;
        for (const auto& t : adapter::member(r, "trades")) {
            PublicTrade x;
            x.id = adapter::text(t, "trade_id");
            x.ts = iso_time(t, "time");
            x.price = adapter::decimal(t, "price");
            x.qty = adapter::decimal(t, "size");
            x.taker_side =
                adapter::text(t, "side") == "SELL" ? model::OrderSide::Sell : model::OrderSide::Buy;
            out.push_back(std::move(x));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const auto& a, const auto& b) { return a.ts < b.ts; });
        return out;
    });
}

}  // namespace

std::unique_ptr<Venue> make_coinbase_venue(const VenueConfig& config,
                                           std::shared_ptr<HttpTransport> transport,
                                           const Clock& clock) {
    return std::make_unique<CoinbaseVenue>(config, std::move(transport), clock);
}

}  // namespace aitp::exchange
