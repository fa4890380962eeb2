// SPDX-License-Identifier: MIT
#include "venuesim/rest_endpoints.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

// AITP_TRY_ASSIGN for ApiResult: returns the Binance error of a failed step. `lhs` may be a
// declaration, so it cannot be parenthesised (as core/status.hpp's macro).
// NOLINTBEGIN(bugprone-macro-parentheses)
#define AITP_API_TRY_ASSIGN_IMPL(tmp, lhs, expr)             \
    auto tmp = (expr);                                       \
    if (!tmp) return tl::unexpected(std::move(tmp).error()); \
    lhs = std::move(*tmp)
#define AITP_API_TRY_ASSIGN(lhs, expr) \
    AITP_API_TRY_ASSIGN_IMPL(AITP_CONCAT(aitp_api_try_, __COUNTER__), lhs, expr)
// NOLINTEND(bugprone-macro-parentheses)

namespace aitp::venuesim::detail {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, std::int64_t>, 15> kIntervals = {{
    {"1s", 1000},
    {"1m", 60'000},
    {"3m", 180'000},
    {"5m", 300'000},
    {"15m", 900'000},
    {"30m", 1'800'000},
    {"1h", 3'600'000},
    {"2h", 7'200'000},
    {"4h", 14'400'000},
    {"6h", 21'600'000},
    {"8h", 28'800'000},
    {"12h", 43'200'000},
    {"1d", 86'400'000},
    {"3d", 259'200'000},
    {"1w", 604'800'000},
}};

ApiError err(int code, std::string msg, int http = 400) {
    return ApiError{http, code, std::move(msg)};
}

ApiError missing(std::string_view name) {
    return err(-1102, fmt::format("Mandatory parameter '{}' was not sent, was empty/null, or "
                                  "malformed.",
                                  name));
}

ApiError illegal_decimal(std::string_view name) {
    return err(-1100, fmt::format("Illegal characters found in parameter '{}'; legal range is "
                                  "'^([0-9]{{1,20}})(\\.[0-9]{{1,20}})?$'.",
                                  name));
}

ApiError illegal_integer(std::string_view name) {
    return err(-1100, fmt::format("Illegal characters found in parameter '{}'; legal range is "
                                  "'^[0-9]{{1,20}}$'.",
                                  name));
}

std::optional<std::string> get(const Params& p, const char* name) {
    auto it = p.find(name);
    if (it == p.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

ApiResult<std::optional<std::int64_t>> get_int(const Params& p, const char* name) {
    auto v = get(p, name);
    if (!v) return std::optional<std::int64_t>{};
    std::int64_t out = 0;
    const auto* end = v->data() + v->size();
    auto [ptr, ec] = std::from_chars(v->data(), end, out);
    if (ec != std::errc() || ptr != end || out < 0 || v->size() > 20) {
        return tl::unexpected(illegal_integer(name));
    }
    return std::optional<std::int64_t>{out};
}

/// Parses a decimal into integer units of 10^-decimals; nullopt value when it has more
/// precision than that (a filter failure, not a syntax error).
ApiResult<std::optional<std::int64_t>> get_units(const Params& p, const char* name, int decimals) {
    auto v = get(p, name);
    if (!v) return tl::unexpected(missing(name));
    const auto dot = v->find('.');
    const std::string whole = v->substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : v->substr(dot + 1);
    auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 20 || frac.size() > 20 || !digits(whole) || !digits(frac) ||
        (dot != std::string::npos && frac.empty())) {
        return tl::unexpected(illegal_decimal(name));
    }
    for (std::size_t i = static_cast<std::size_t>(decimals); i < frac.size(); ++i) {
        if (frac[i] != '0') return std::optional<std::int64_t>{};
    }
    std::string padded = frac.substr(0, std::min(frac.size(), static_cast<std::size_t>(decimals)));
    padded.resize(static_cast<std::size_t>(decimals), '0');
    const std::string all = whole + padded;
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(all.data(), all.data() + all.size(), out);
    if (ec != std::errc() || ptr != all.data() + all.size()) {
        return tl::unexpected(illegal_decimal(name));
    }
    return std::optional<std::int64_t>{out};
}

ApiResult<const SymbolSpec*> symbol_param(const SimExchange& sim, const Params& p) {
    auto s = get(p, "symbol");
    if (!s) return tl::unexpected(missing("symbol"));
    const SymbolSpec* spec = sim.find_symbol(*s);
    if (spec == nullptr) return tl::unexpected(err(-1121, "Invalid symbol."));
    return spec;
}

json symbol_json(const SymbolSpec& s) {
    return json{
        {"symbol", s.symbol},
        {"status", "TRADING"},
        {"baseAsset", s.base},
        {"baseAssetPrecision", 8},
        {"quoteAsset", s.quote},
        {"quotePrecision", 8},
        {"quoteAssetPrecision", 8},
        {"baseCommissionPrecision", 8},
        {"quoteCommissionPrecision", 8},
        {"orderTypes", {"LIMIT", "MARKET"}},
        {"icebergAllowed", false},
        {"ocoAllowed", false},
        {"otoAllowed", false},
        {"quoteOrderQtyMarketAllowed", true},
        {"allowTrailingStop", false},
        {"cancelReplaceAllowed", false},
        {"isSpotTradingAllowed", true},
        {"isMarginTradingAllowed", false},
        {"filters",
         {{{"filterType", "PRICE_FILTER"},
           {"minPrice", format_ticks(1, s.price_decimals)},
           {"maxPrice", "1000000.00000000"},
           {"tickSize", format_ticks(1, s.price_decimals)}},
          {{"filterType", "LOT_SIZE"},
           {"minQty", format_ticks(1, s.qty_decimals)},
           {"maxQty", "9000000.00000000"},
           {"stepSize", format_ticks(1, s.qty_decimals)}},
          {{"filterType", "NOTIONAL"},
           {"minNotional", format_amount(s.min_notional)},
           {"applyMinToMarket", true},
           {"maxNotional", "9000000.00000000"},
           {"applyMaxToMarket", false},
           {"avgPriceMins", 5}}}},
        {"permissions", json::array()},
        {"permissionSets", {{"SPOT"}}},
        {"defaultSelfTradePreventionMode", "NONE"},
        {"allowedSelfTradePreventionModes", {"NONE"}},
    };
}

json exchange_info(const SimExchange& sim, const Params& p, std::int64_t weight_limit) {
    json symbols = json::array();
    const auto only = get(p, "symbol");
    for (const SymbolSpec& s : sim.symbols()) {
        if (!only || *only == s.symbol) symbols.push_back(symbol_json(s));
    }
    return json{{"timezone", "UTC"},
                {"serverTime", sim.now()},
                {"rateLimits",
                 {{{"rateLimitType", "REQUEST_WEIGHT"},
                   {"interval", "MINUTE"},
                   {"intervalNum", 1},
                   {"limit", weight_limit}},
                  {{"rateLimitType", "ORDERS"},
                   {"interval", "SECOND"},
                   {"intervalNum", 10},
                   {"limit", 100}}}},
                {"exchangeFilters", json::array()},
                {"symbols", symbols}};
}

ApiResult<json> klines(SimExchange& sim, const Params& p) {
    AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
    const auto interval = get(p, "interval");
    if (!interval) return tl::unexpected(missing("interval"));
    const std::int64_t ms = interval_millis(*interval);
    if (ms < 0) return tl::unexpected(err(-1120, "Invalid interval."));
    AITP_API_TRY_ASSIGN(auto limit, get_int(p, "limit"));
    AITP_API_TRY_ASSIGN(auto start, get_int(p, "startTime"));
    AITP_API_TRY_ASSIGN(auto end, get_int(p, "endTime"));
    if (limit && (*limit < 1 || *limit > 1000)) {
        return tl::unexpected(err(-1100,
                                  "Illegal characters found in parameter 'limit'; legal "
                                  "range is '1..1000'."));
    }
    if (start && end && *start > *end) {
        return tl::unexpected(err(-1023, "Start time is greater than end time."));
    }
    json out = json::array();
    for (const Kline& k :
         sim.klines(spec->symbol, ms, start, end, static_cast<std::size_t>(limit.value_or(500)))) {
        out.push_back(json::array({k.bar.ts, format_exact(k.bar.open), format_exact(k.bar.high),
                                   format_exact(k.bar.low), format_exact(k.bar.close),
                                   format_exact(k.bar.volume), k.close_time,
                                   format_amount(k.bar.volume * k.bar.close), 0, "0", "0", "0"}));
    }
    return out;
}

json levels_json(const std::vector<LevelQty>& levels, const SymbolSpec& s) {
    json out = json::array();
    for (const LevelQty& l : levels) {
        out.push_back({format_ticks(l.price_ticks, s.price_decimals),
                       format_ticks(l.qty_lots, s.qty_decimals)});
    }
    return out;
}

ApiResult<json> depth(SimExchange& sim, const Params& p) {
    AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
    AITP_API_TRY_ASSIGN(auto limit, get_int(p, "limit"));
    if (limit && (*limit < 1 || *limit > 5000)) {
        return tl::unexpected(err(-1100,
                                  "Illegal characters found in parameter 'limit'; legal "
                                  "range is '1..5000'."));
    }
    LimitBook& book = sim.book(spec->symbol);
    const auto [bids, asks] = book.depth(static_cast<std::size_t>(limit.value_or(100)));
    return json{{"lastUpdateId", book.last_update_id()},
                {"bids", levels_json(bids, *spec)},
                {"asks", levels_json(asks, *spec)}};
}

ApiResult<json> trades(SimExchange& sim, const Params& p) {
    AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
    AITP_API_TRY_ASSIGN(auto limit, get_int(p, "limit"));
    const auto& all = sim.recent_trades(spec->symbol);
    const std::size_t n = std::min(all.size(), static_cast<std::size_t>(limit.value_or(500)));
    json out = json::array();
    for (std::size_t i = all.size() - n; i < all.size(); ++i) {
        const PublicTrade& t = all[i];
        const double qty = static_cast<double>(t.qty_lots) * spec->step();
        out.push_back(
            {{"id", t.id},
             {"price", format_ticks(t.price_ticks, spec->price_decimals)},
             {"qty", format_ticks(t.qty_lots, spec->qty_decimals)},
             {"quoteQty", format_amount(static_cast<double>(t.price_ticks) * spec->tick() * qty)},
             {"time", t.time},
             {"isBuyerMaker", t.buyer_is_maker},
             {"isBestMatch", true}});
    }
    return out;
}

json book_ticker(SimExchange& sim, const SymbolSpec& s) {
    const LimitBook& book = sim.book(s.symbol);
    const LevelQty bid = book.best_bid().value_or(LevelQty{});
    const LevelQty ask = book.best_ask().value_or(LevelQty{});
    return json{{"symbol", s.symbol},
                {"bidPrice", format_ticks(bid.price_ticks, s.price_decimals)},
                {"bidQty", format_ticks(bid.qty_lots, s.qty_decimals)},
                {"askPrice", format_ticks(ask.price_ticks, s.price_decimals)},
                {"askQty", format_ticks(ask.qty_lots, s.qty_decimals)}};
}

/// The rolling 24 h statistics from the bars: the finest interval's bars that overlap the 24 h
/// up to now.
json ticker_24hr(SimExchange& sim, const SymbolSpec& s) {
    const UnixMillis now = sim.now();
    const auto bar = sim.current_bar(s.symbol).value_or(model::Bar{});
    double open = bar.open;
    double high = bar.high;
    double low = bar.low;
    double volume = 0.0;
    double quote_volume = 0.0;
    for (std::int64_t ms :
         {60'000LL, 300'000LL, 900'000LL, 3'600'000LL, 14'400'000LL, 86'400'000LL}) {
        // Bars that overlap the 24 h before now.
        const auto window = sim.klines(s.symbol, ms, now - 86'400'000 - ms + 1, now, 100'000);
        if (window.empty()) continue;
        open = window.front().bar.open;
        high = window.front().bar.high;
        low = window.front().bar.low;
        for (const Kline& k : window) {
            high = std::max(high, k.bar.high);
            low = std::min(low, k.bar.low);
            volume += k.bar.volume;
            quote_volume += k.bar.volume * k.bar.close;
        }
        break;
    }
    json t = book_ticker(sim, s);
    t["priceChange"] = format_amount(bar.close - open);
    t["priceChangePercent"] =
        fmt::format("{:.3f}", open != 0 ? (bar.close - open) / open * 100 : 0);
    t["weightedAvgPrice"] = format_amount(volume > 0 ? quote_volume / volume : bar.close);
    t["prevClosePrice"] = format_exact(open);
    t["lastPrice"] = format_exact(bar.close);
    t["lastQty"] = "0.00000000";
    t["openPrice"] = format_exact(open);
    t["highPrice"] = format_exact(high);
    t["lowPrice"] = format_exact(low);
    t["volume"] = format_amount(volume);
    t["quoteVolume"] = format_amount(quote_volume);
    t["openTime"] = now - 86'400'000;
    t["closeTime"] = now;
    const auto& recent = sim.recent_trades(s.symbol);
    t["firstId"] = recent.empty() ? -1 : recent.front().id;
    t["lastId"] = recent.empty() ? -1 : recent.back().id;
    t["count"] = recent.size();
    return t;
}

template <typename Fn>
ApiResult<json> per_symbol(SimExchange& sim, const Params& p, Fn fn) {
    if (get(p, "symbols")) {
        const json wanted = json::parse(*get(p, "symbols"), nullptr, false);
        if (!wanted.is_array()) return tl::unexpected(missing("symbols"));
        json out = json::array();
        for (const json& name : wanted) {
            const SymbolSpec* s =
                name.is_string() ? sim.find_symbol(name.get<std::string>()) : nullptr;
            if (s == nullptr) return tl::unexpected(err(-1121, "Invalid symbol."));
            out.push_back(fn(*s));
        }
        return out;
    }
    if (get(p, "symbol")) {
        AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
        return fn(*spec);
    }
    json out = json::array();
    for (const SymbolSpec& s : sim.symbols()) out.push_back(fn(s));
    return out;
}

std::string_view side_name(Side s) { return s == Side::Buy ? "BUY" : "SELL"; }
std::string_view type_name(OrderType t) { return t == OrderType::Limit ? "LIMIT" : "MARKET"; }
std::string_view tif_name(TimeInForce t) {
    return t == TimeInForce::Gtc ? "GTC" : (t == TimeInForce::Ioc ? "IOC" : "FOK");
}

json order_json(const OrderRecord& o, const SymbolSpec& s) {
    return json{{"symbol", o.symbol},
                {"orderId", o.order_id},
                {"orderListId", -1},
                {"clientOrderId", o.client_order_id},
                {"price", format_ticks(o.price_ticks, s.price_decimals)},
                {"origQty", format_ticks(o.orig_lots, s.qty_decimals)},
                {"executedQty", format_ticks(o.executed_lots, s.qty_decimals)},
                {"cummulativeQuoteQty", format_amount(o.cum_quote)},
                {"status", order_status_name(o.status)},
                {"timeInForce", tif_name(o.tif)},
                {"type", type_name(o.type)},
                {"side", side_name(o.side)},
                {"stopPrice", "0.00000000"},
                {"icebergQty", "0.00000000"},
                {"time", o.time},
                {"updateTime", o.update_time},
                {"isWorking", true},
                {"workingTime", o.time},
                {"origQuoteOrderQty", format_amount(o.orig_quote_qty)},
                {"selfTradePreventionMode", "NONE"}};
}

json new_order_json(const OrderRecord& o, const SymbolSpec& s, std::string_view resp_type) {
    json out{{"symbol", o.symbol},
             {"orderId", o.order_id},
             {"orderListId", -1},
             {"clientOrderId", o.client_order_id},
             {"transactTime", o.time}};
    if (resp_type == "ACK") return out;
    const json full = order_json(o, s);
    for (const char* k :
         {"price", "origQty", "executedQty", "cummulativeQuoteQty", "status", "timeInForce", "type",
          "side", "workingTime", "selfTradePreventionMode"}) {
        out[k] = full.at(k);
    }
    out["origQuoteOrderQty"] = full.at("origQuoteOrderQty");
    if (resp_type == "RESULT") return out;
    json fills = json::array();
    for (const OrderFill& f : o.fills) {
        fills.push_back({{"price", format_ticks(f.price_ticks, s.price_decimals)},
                         {"qty", format_ticks(f.qty_lots, s.qty_decimals)},
                         {"commission", format_amount(f.commission)},
                         {"commissionAsset", f.commission_asset},
                         {"tradeId", f.trade_id}});
    }
    out["fills"] = fills;
    return out;
}

ApiResult<OrderRequest> order_request(const Params& p, const SymbolSpec& s) {
    OrderRequest r;
    const auto side = get(p, "side");
    if (!side) return tl::unexpected(missing("side"));
    if (*side != "BUY" && *side != "SELL") return tl::unexpected(err(-1117, "Invalid side."));
    r.side = *side == "BUY" ? Side::Buy : Side::Sell;
    const auto type = get(p, "type");
    if (!type) return tl::unexpected(missing("type"));
    if (*type != "LIMIT" && *type != "MARKET")
        return tl::unexpected(err(-1116, "Invalid orderType."));
    r.type = *type == "LIMIT" ? OrderType::Limit : OrderType::Market;
    r.client_order_id = get(p, "newClientOrderId").value_or("");
    if (r.type == OrderType::Limit) {
        const auto tif = get(p, "timeInForce");
        if (!tif) return tl::unexpected(missing("timeInForce"));
        if (*tif != "GTC" && *tif != "IOC" && *tif != "FOK") {
            return tl::unexpected(err(-1115, "Invalid timeInForce."));
        }
        r.tif = *tif == "GTC" ? TimeInForce::Gtc
                              : (*tif == "IOC" ? TimeInForce::Ioc : TimeInForce::Fok);
        AITP_API_TRY_ASSIGN(auto price, get_units(p, "price", s.price_decimals));
        if (!price || *price <= 0)
            return tl::unexpected(err(-1013, "Filter failure: PRICE_FILTER"));
        r.price_ticks = *price;
    }
    if (r.type == OrderType::Market && get(p, "quoteOrderQty")) {
        if (get(p, "quantity")) {
            return tl::unexpected(err(-1106, "Parameter 'quantity' sent when not required."));
        }
        AITP_API_TRY_ASSIGN(auto quote, get_units(p, "quoteOrderQty", 8));
        if (!quote || *quote <= 0) return tl::unexpected(illegal_decimal("quoteOrderQty"));
        r.quote_qty = static_cast<double>(*quote) * 1e-8;
        if (*r.quote_qty < s.min_notional) {
            return tl::unexpected(err(-1013, "Filter failure: NOTIONAL"));
        }
        return r;
    }
    AITP_API_TRY_ASSIGN(auto qty, get_units(p, "quantity", s.qty_decimals));
    if (!qty || *qty <= 0) return tl::unexpected(err(-1013, "Filter failure: LOT_SIZE"));
    r.qty_lots = *qty;
    return r;
}

ApiResult<json> new_order(SimExchange& sim, const Params& p, int account, bool stuck) {
    AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
    AITP_API_TRY_ASSIGN(OrderRequest req, order_request(p, *spec));
    if (req.type == OrderType::Limit) {
        const double notional = static_cast<double>(req.price_ticks) * spec->tick() *
                                static_cast<double>(req.qty_lots) * spec->step();
        if (notional + 1e-12 < spec->min_notional) {
            return tl::unexpected(err(-1013, "Filter failure: NOTIONAL"));
        }
    } else if (!req.quote_qty) {
        const auto ref = sim.current_bar(spec->symbol).value_or(model::Bar{}).close;
        if (ref * static_cast<double>(req.qty_lots) * spec->step() + 1e-12 < spec->min_notional) {
            return tl::unexpected(err(-1013, "Filter failure: NOTIONAL"));
        }
    }
    const std::string resp_type = get(p, "newOrderRespType").value_or("FULL");
    if (resp_type != "ACK" && resp_type != "RESULT" && resp_type != "FULL") {
        return tl::unexpected(err(-1100,
                                  "Illegal characters found in parameter "
                                  "'newOrderRespType'; legal range is 'ACK, RESULT, FULL'."));
    }
    AITP_API_TRY_ASSIGN(OrderRecord o, sim.place(account, spec->symbol, req, stuck));
    return new_order_json(o, *spec, resp_type);
}

struct OrderRef {
    const SymbolSpec* spec = nullptr;
    std::optional<std::int64_t> id;
    std::optional<std::string> client_id;
};

ApiResult<OrderRef> order_ref(const SimExchange& sim, const Params& p) {
    OrderRef ref;
    AITP_API_TRY_ASSIGN(ref.spec, symbol_param(sim, p));
    AITP_API_TRY_ASSIGN(ref.id, get_int(p, "orderId"));
    ref.client_id = get(p, "origClientOrderId");
    if (!ref.id && !ref.client_id) {
        return tl::unexpected(err(-1102,
                                  "Param 'origClientOrderId' or 'orderId' must be sent, "
                                  "but both were empty/null!"));
    }
    return ref;
}

json account_json(const SimExchange& sim, int account) {
    json balances = json::array();
    for (const auto& [asset, b] : sim.balances(account)) {
        balances.push_back({{"asset", asset},
                            {"free", format_amount(b.free)},
                            {"locked", format_amount(b.locked)}});
    }
    const std::string fee = format_amount(sim.fee_rate());
    const int bps = static_cast<int>(std::lround(sim.fee_rate() * 10000));
    return json{
        {"makerCommission", bps},
        {"takerCommission", bps},
        {"buyerCommission", 0},
        {"sellerCommission", 0},
        {"commissionRates",
         {{"maker", fee}, {"taker", fee}, {"buyer", "0.00000000"}, {"seller", "0.00000000"}}},
        {"canTrade", true},
        {"canWithdraw", false},
        {"canDeposit", false},
        {"brokered", false},
        {"requireSelfTradePrevention", false},
        {"preventSor", false},
        {"updateTime", sim.now()},
        {"accountType", "SPOT"},
        {"balances", balances},
        {"permissions", {"SPOT"}},
        {"uid", 1000 + account}};
}

json trade_json(const OwnTrade& t, const SymbolSpec& s) {
    return json{{"symbol", t.symbol},
                {"id", t.id},
                {"orderId", t.order_id},
                {"orderListId", -1},
                {"price", format_ticks(t.price_ticks, s.price_decimals)},
                {"qty", format_ticks(t.qty_lots, s.qty_decimals)},
                {"quoteQty", format_amount(t.quote_qty)},
                {"commission", format_amount(t.commission)},
                {"commissionAsset", t.commission_asset},
                {"time", t.time},
                {"isBuyer", t.is_buyer},
                {"isMaker", t.is_maker},
                {"isBestMatch", true}};
}

ApiResult<json> my_trades(const SimExchange& sim, const Params& p, int account) {
    AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
    AITP_API_TRY_ASSIGN(auto order_id, get_int(p, "orderId"));
    AITP_API_TRY_ASSIGN(auto from_id, get_int(p, "fromId"));
    AITP_API_TRY_ASSIGN(auto start, get_int(p, "startTime"));
    AITP_API_TRY_ASSIGN(auto end, get_int(p, "endTime"));
    AITP_API_TRY_ASSIGN(auto limit, get_int(p, "limit"));
    json out = json::array();
    for (const OwnTrade& t : sim.my_trades(account, spec->symbol)) {
        if ((order_id && t.order_id != *order_id) || (from_id && t.id < *from_id) ||
            (start && t.time < *start) || (end && t.time > *end)) {
            continue;
        }
        out.push_back(trade_json(t, *spec));
    }
    const auto n = static_cast<std::size_t>(limit.value_or(500));
    if (out.size() > n) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(n));
    return out;
}

ApiResult<json> open_orders(const SimExchange& sim, const Params& p, int account) {
    std::optional<std::string> symbol;
    if (get(p, "symbol")) {
        AITP_API_TRY_ASSIGN(const SymbolSpec* spec, symbol_param(sim, p));
        symbol = spec->symbol;
    }
    json out = json::array();
    for (const OrderRecord& o : sim.open_orders(account, symbol)) {
        out.push_back(order_json(o, *sim.find_symbol(o.symbol)));
    }
    return out;
}

ApiResult<json> cancel_order(SimExchange& sim, const Params& p, int account) {
    AITP_API_TRY_ASSIGN(OrderRef ref, order_ref(sim, p));
    AITP_API_TRY_ASSIGN(OrderRecord o,
                        sim.cancel(account, ref.spec->symbol, ref.id, ref.client_id));
    json out = order_json(o, *ref.spec);
    json answer{{"symbol", o.symbol},
                {"origClientOrderId", o.client_order_id},
                {"orderId", o.order_id},
                {"orderListId", -1},
                {"clientOrderId", get(p, "newClientOrderId").value_or(o.client_order_id)},
                {"transactTime", sim.now()}};
    for (const char* k : {"price", "origQty", "executedQty", "cummulativeQuoteQty", "status",
                          "timeInForce", "type", "side", "selfTradePreventionMode"}) {
        answer[k] = out.at(k);
    }
    return answer;
}

}  // namespace

void parse_form(std::string_view text, Params& params) {
    auto decode = [](std::string_view s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '+') {
                out += ' ';
            } else if (s[i] == '%' && i + 2 < s.size()) {
                unsigned value = 0;
                auto [ptr, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
                if (ec == std::errc() && ptr == s.data() + i + 3) {
                    out += static_cast<char>(value);
                    i += 2;
                } else {
                    out += s[i];
                }
            } else {
                out += s[i];
            }
        }
        return out;
    };
    while (!text.empty()) {
        const auto amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        const auto eq = pair.find('=');
        if (!pair.empty()) {
            params[decode(pair.substr(0, eq))] =
                eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
        }
        if (amp == std::string_view::npos) break;
        text.remove_prefix(amp + 1);
    }
}

std::int64_t interval_millis(std::string_view interval) {
    for (const auto& [name, ms] : kIntervals) {
        if (name == interval) return ms;
    }
    return -1;
}

std::string format_ticks(std::int64_t ticks, int decimals) {
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const std::string frac = fmt::format("{:0{}d}", ticks % scale, decimals);
    return fmt::format("{}.{}{}", ticks / scale, frac,
                       std::string(static_cast<std::size_t>(8 - decimals), '0'));
}

std::string format_amount(double value) {
    if (std::abs(value) < 5e-9) value = 0.0;  // no "-0.00000000" from rounding residue
    return fmt::format("{:.8f}", value);
}

std::string format_exact(double value) {
    std::array<char, 400> buf{};
    auto [ptr, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
    if (ec != std::errc()) return fmt::format("{}", value);
    return std::string(buf.data(), ptr);
}

std::int64_t endpoint_weight(std::string_view method, std::string_view path, const Params& p) {
    const bool has_symbol = p.contains("symbol");
    if (method == "GET") {
        if (path == "/api/v3/ping" || path == "/api/v3/time") return 1;
        if (path == "/api/v3/exchangeInfo") return 20;
        if (path == "/api/v3/klines" || path == "/api/v3/uiKlines") return 2;
        if (path == "/api/v3/trades") return 25;
        if (path == "/api/v3/ticker/24hr") return has_symbol ? 2 : 80;
        if (path == "/api/v3/ticker/price" || path == "/api/v3/ticker/bookTicker") {
            return has_symbol ? 2 : 4;
        }
        if (path == "/api/v3/depth") {
            const auto it = p.find("limit");
            const long limit = it == p.end() ? 100 : std::atol(it->second.c_str());
            if (limit <= 100) return 5;
            if (limit <= 500) return 25;
            return limit <= 1000 ? 50 : 250;
        }
        if (path == "/api/v3/account" || path == "/api/v3/myTrades") return 20;
        if (path == "/api/v3/order") return 4;
        if (path == "/api/v3/openOrders") return has_symbol ? 6 : 80;
    }
    if ((method == "POST" || method == "DELETE") && path == "/api/v3/order") return 1;
    return -1;
}

bool is_signed(std::string_view method, std::string_view path) {
    (void)method;
    return path == "/api/v3/account" || path == "/api/v3/order" || path == "/api/v3/openOrders" ||
           path == "/api/v3/myTrades";
}

ApiResult<std::string> public_endpoint(SimExchange& sim, std::string_view path, const Params& p,
                                       std::int64_t weight_limit) {
    ApiResult<json> out = json::object();
    if (path == "/api/v3/time") {
        out = json{{"serverTime", sim.now()}};
    } else if (path == "/api/v3/exchangeInfo") {
        if (get(p, "symbol") && sim.find_symbol(*get(p, "symbol")) == nullptr) {
            return tl::unexpected(err(-1121, "Invalid symbol."));
        }
        out = exchange_info(sim, p, weight_limit);
    } else if (path == "/api/v3/klines" || path == "/api/v3/uiKlines") {
        out = klines(sim, p);
    } else if (path == "/api/v3/depth") {
        out = depth(sim, p);
    } else if (path == "/api/v3/trades") {
        out = trades(sim, p);
    } else if (path == "/api/v3/ticker/24hr") {
        out = per_symbol(sim, p, [&](const SymbolSpec& s) { return ticker_24hr(sim, s); });
    } else if (path == "/api/v3/ticker/price") {
        out = per_symbol(sim, p, [&](const SymbolSpec& s) {
            return json{
                {"symbol", s.symbol},
                {"price", format_exact(sim.current_bar(s.symbol).value_or(model::Bar{}).close)}};
        });
    } else if (path == "/api/v3/ticker/bookTicker") {
        out = per_symbol(sim, p, [&](const SymbolSpec& s) { return book_ticker(sim, s); });
    }
    if (!out) return tl::unexpected(out.error());
    return out->dump();
}

ApiResult<std::string> private_endpoint(SimExchange& sim, std::string_view method,
                                        std::string_view path, const Params& p, int account,
                                        bool stuck) {
    ApiResult<json> out = json::object();
    if (path == "/api/v3/account") {
        out = account_json(sim, account);
    } else if (path == "/api/v3/order" && method == "POST") {
        out = new_order(sim, p, account, stuck);
    } else if (path == "/api/v3/order" && method == "GET") {
        auto ref = order_ref(sim, p);
        if (!ref) return tl::unexpected(ref.error());
        auto o = sim.find_order(account, ref->spec->symbol, ref->id, ref->client_id);
        if (!o) return tl::unexpected(o.error());
        out = order_json(*o, *ref->spec);
    } else if (path == "/api/v3/order" && method == "DELETE") {
        out = cancel_order(sim, p, account);
    } else if (path == "/api/v3/openOrders") {
        out = open_orders(sim, p, account);
    } else if (path == "/api/v3/myTrades") {
        out = my_trades(sim, p, account);
    }
    if (!out) return tl::unexpected(out.error());
    return out->dump();
}

}  // namespace aitp::venuesim::detail
