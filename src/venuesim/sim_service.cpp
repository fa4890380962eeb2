// SPDX-License-Identifier: MIT
#include "venuesim/sim_service.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "exchange/signing.hpp"
#include "venuesim/rest_endpoints.hpp"

namespace aitp::venuesim {

namespace {

using detail::Params;
using nlohmann::json;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kMaxRecvWindow = 60'000;

SimResponse json_response(int status, std::string body) {
    SimResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
    return r;
}

SimResponse error_response(const ApiError& e) {
    return json_response(e.http, json{{"code", e.code}, {"msg", e.msg}}.dump());
}

/// The raw parameter text without its `signature=` pair (what the client signed), and the
/// signature it carried.
std::string without_signature(std::string_view raw, std::string& signature) {
    std::string out;
    while (!raw.empty()) {
        const auto amp = raw.find('&');
        const std::string_view pair = raw.substr(0, amp);
        if (pair.starts_with("signature=")) {
            signature = std::string(pair.substr(10));
        } else if (!pair.empty()) {
            if (!out.empty()) out += '&';
            out += pair;
        }
        if (amp == std::string_view::npos) break;
        raw.remove_prefix(amp + 1);
    }
    return out;
}

/// Binance's checks of a signed request, in its order: key, timestamp and recvWindow, signature.
ApiResult<int> authenticate(const SimExchange& sim, const SimRequest& req, const Params& p) {
    if (req.api_key.empty()) return tl::unexpected(ApiError{401, -2014, "API-key format invalid."});
    const int account = sim.find_account(req.api_key);
    if (account < 0) {
        return tl::unexpected(
            ApiError{401, -2015, "Invalid API-key, IP, or permissions for action."});
    }
    auto number = [&](const char* name) -> std::optional<std::int64_t> {
        auto it = p.find(name);
        if (it == p.end()) return std::nullopt;
        auto v = parse_integer(it->second, name, 0, kMaxUnixMillis);
        return v ? std::optional<std::int64_t>(*v) : std::nullopt;
    };
    const auto ts = number("timestamp");
    if (!ts) {
        return tl::unexpected(ApiError{400, -1102,
                                       "Mandatory parameter 'timestamp' was not sent, was "
                                       "empty/null, or malformed."});
    }
    const std::int64_t window = number("recvWindow").value_or(5000);
    if (window > kMaxRecvWindow) {
        return tl::unexpected(ApiError{400, -1131, "recvWindow must be less than 60000"});
    }
    const UnixMillis now = sim.now();
    if (*ts >= now + 1000) {
        return tl::unexpected(ApiError{
            400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."});
    }
    if (now - *ts > window) {
        return tl::unexpected(
            ApiError{400, -1021, "Timestamp for this request is outside of the recvWindow."});
    }
    std::string signature;
    const std::string signed_text =
        without_signature(req.query, signature) + without_signature(req.body, signature);
    if (signature.empty()) {
        return tl::unexpected(ApiError{400, -1102,
                                       "Mandatory parameter 'signature' was not sent, was "
                                       "empty/null, or malformed."});
    }
    const std::string expected =
        exchange::binance_signature(sim.account_secret(account), signed_text);
    if (expected != signature) {
        return tl::unexpected(ApiError{400, -1022, "Signature for this request is not valid."});
    }
    return account;
}

bool path_matches(const std::string& pattern, const std::string& path) {
    return pattern == "*" || pattern == path;
}

std::string interval_name(std::int64_t ms) {
    for (const char* name : {"1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h",
                             "12h", "1d", "3d", "1w"}) {
        if (detail::interval_millis(name) == ms) return name;
    }
    return "?";
}

}  // namespace

SimService::SimService(std::unique_ptr<SimExchange> exchange, const SimConfig& config,
                       const Clock& wall)
    : exchange_(std::move(exchange)),
      wall_(wall),
      weight_limit_(config.weight_limit),
      faults_(config.faults),
      fault_counts_(config.faults.size(), 0) {}

std::int64_t SimService::add_weight(std::int64_t weight) {
    const UnixMillis t = wall_.now_ms();
    Weights& w = weights_;
    if (t / kMinuteMs != w.minute) {
        w.minute = t / kMinuteMs;
        w.used = 0;
    }
    w.used += weight;
    w.max_fixed = std::max(w.max_fixed, w.used);
    w.recent.emplace_back(t, weight);
    w.rolling += weight;
    while (!w.recent.empty() && w.recent.front().first <= t - kMinuteMs) {
        w.rolling -= w.recent.front().second;
        w.recent.pop_front();
    }
    w.max_rolling = std::max(w.max_rolling, w.rolling);
    return w.used;
}

bool SimService::apply_rest_faults(const SimRequest& request, SimResponse& response) {
    for (std::size_t i = 0; i < faults_.size(); ++i) {
        const FaultRule& rule = faults_[i];
        if (rule.is_ws() || rule.kind == FaultKind::OrderStuckNew ||
            !path_matches(rule.path, request.path)) {
            continue;
        }
        if (!rule.in_window(++fault_counts_[i])) continue;
        if (rule.kind == FaultKind::LatencyMs) {
            response.delay_ms += rule.ms;
            continue;
        }
        if (rule.status == 429) {
            response = error_response(ApiError{429, -1003,
                                               "Too many requests; injected by the venue "
                                               "simulator's fault script."});
            response.headers.emplace_back("Retry-After", std::to_string(rule.retry_after_s));
        } else {
            response = error_response(ApiError{rule.status, -1001,
                                               "Internal error; unable to process your request. "
                                               "Please try again."});
        }
        return true;
    }
    return false;
}

bool SimService::next_order_is_stuck() {
    bool stuck = false;
    for (std::size_t i = 0; i < faults_.size(); ++i) {
        const FaultRule& rule = faults_[i];
        if (rule.kind != FaultKind::OrderStuckNew || !path_matches(rule.path, "/api/v3/order")) {
            continue;
        }
        if (rule.in_window(++fault_counts_[i])) stuck = true;
    }
    return stuck;
}

WsFaultAction SimService::ws_message(const std::string& path) {
    WsFaultAction action;
    for (std::size_t i = 0; i < faults_.size(); ++i) {
        const FaultRule& rule = faults_[i];
        if (!rule.is_ws() || !path_matches(rule.path, path)) continue;
        if (!rule.in_window(++fault_counts_[i])) continue;
        action.drop_connection |= rule.kind == FaultKind::WsDrop;
        action.duplicate |= rule.kind == FaultKind::WsDuplicate;
        action.reorder |= rule.kind == FaultKind::WsReorder;
        action.skip |= rule.kind == FaultKind::WsGap;
    }
    return action;
}

SimResponse SimService::handle(const SimRequest& request) {
    if (request.path.starts_with("/sim/v1/")) return admin(request);
    ++requests_by_path_[request.path];
    ++requests_by_endpoint_[request.method + " " + request.path];
    exchange_->catch_up();
    Params params;
    detail::parse_form(request.query, params);
    detail::parse_form(request.body, params);
    const std::int64_t weight = detail::endpoint_weight(request.method, request.path, params);
    if (weight < 0) {
        return json_response(
            404, json{{"code", -1000},
                      {"msg", fmt::format("Unknown endpoint {} {}.", request.method, request.path)}}
                     .dump());
    }
    const std::int64_t used = add_weight(weight);
    SimResponse response;
    if (used > weight_limit_) {
        ++weights_.rejected;
        response = error_response(ApiError{
            429, -1003,
            fmt::format("Too much request weight used; current limit is {} request weight per 1 "
                        "MINUTE. Please use WebSocket Streams for live updates to avoid polling "
                        "the API.",
                        weight_limit_)});
        const UnixMillis t = wall_.now_ms();
        const std::int64_t wait_s = ((t / kMinuteMs + 1) * kMinuteMs - t + 999) / 1000;
        response.headers.emplace_back("Retry-After",
                                      std::to_string(std::max<std::int64_t>(1, wait_s)));
    } else if (!apply_rest_faults(request, response)) {
        const std::int64_t delay = response.delay_ms;
        response = route(request);
        response.delay_ms = delay;
    }
    response.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(used));
    return response;
}

SimResponse SimService::route(const SimRequest& request) {
    Params params;
    detail::parse_form(request.query, params);
    detail::parse_form(request.body, params);
    if (request.path == "/api/v3/ping") return json_response(200, "{}");
    if (!detail::is_signed(request.method, request.path)) {
        auto body = detail::public_endpoint(*exchange_, request.path, params, weight_limit_);
        return body ? json_response(200, *body) : error_response(body.error());
    }
    auto account = authenticate(*exchange_, request, params);
    if (!account) return error_response(account.error());
    const bool stuck =
        request.method == "POST" && request.path == "/api/v3/order" && next_order_is_stuck();
    auto body =
        detail::private_endpoint(*exchange_, request.method, request.path, params, *account, stuck);
    return body ? json_response(200, *body) : error_response(body.error());
}

SimResponse SimService::admin(const SimRequest& request) {
    auto bad = [](const std::string& msg) {
        return json_response(400, json{{"error", msg}}.dump());
    };
    if (request.path == "/sim/v1/stats" && request.method == "GET") return stats();
    if (request.path == "/sim/v1/clock") {
        if (request.method == "POST") {
            const json body = json::parse(request.body, nullptr, false);
            if (body.is_object() && body.contains("now") && body.at("now").is_number_integer()) {
                exchange_->set_now(body.at("now").get<std::int64_t>());
            } else if (body.is_object() && body.contains("advance_ms") &&
                       body.at("advance_ms").is_number_integer() &&
                       body.at("advance_ms").get<std::int64_t>() >= 0) {
                exchange_->advance(body.at("advance_ms").get<std::int64_t>());
            } else {
                return bad("clock: expected {\"now\": epoch ms} or {\"advance_ms\": n >= 0}");
            }
            exchange_->catch_up();
        }
        return json_response(200, json{{"now", exchange_->now()}}.dump());
    }
    if (request.path == "/sim/v1/faults" && request.method == "POST") {
        auto rules = parse_faults_json(request.body);
        if (!rules) return bad(rules.error().message());
        faults_ = std::move(*rules);
        fault_counts_.assign(faults_.size(), 0);
        return json_response(200, json{{"rules", faults_.size()}}.dump());
    }
    return json_response(404, json{{"error", "unknown admin endpoint " + request.path}}.dump());
}

SimResponse SimService::stats() const {
    const UnixMillis t = wall_.now_ms();
    const std::int64_t current = t / kMinuteMs == weights_.minute ? weights_.used : 0;
    return json_response(200, json{{"requests", requests_by_path_},
                                   {"requests_by_endpoint", requests_by_endpoint_},
                                   {"weight_limit", weight_limit_},
                                   {"weight_current_minute", current},
                                   {"max_weight_per_minute", weights_.max_fixed},
                                   {"max_weight_rolling_minute", weights_.max_rolling},
                                   {"rejected_429", weights_.rejected},
                                   {"ws_connections", ws_connections_},
                                   {"now", exchange_->now()}}
                                  .dump());
}

std::string SimService::depth_event(const std::string& symbol, const DepthDiff& diff) const {
    if (diff.is_empty()) return "";
    const SymbolSpec& s = *exchange_->find_symbol(symbol);
    auto levels = [&](const std::vector<LevelQty>& side) {
        json out = json::array();
        for (const LevelQty& l : side) {
            out.push_back({detail::format_ticks(l.price_ticks, s.price_decimals),
                           detail::format_ticks(l.qty_lots, s.qty_decimals)});
        }
        return out;
    };
    return json{{"e", "depthUpdate"},        {"E", exchange_->now()},    {"s", symbol},
                {"U", diff.first_update_id}, {"u", diff.last_update_id}, {"b", levels(diff.bids)},
                {"a", levels(diff.asks)}}
        .dump();
}

std::string SimService::trade_event(const std::string& symbol, const PublicTrade& t) const {
    const SymbolSpec& s = *exchange_->find_symbol(symbol);
    return json{{"e", "trade"},
                {"E", exchange_->now()},
                {"s", symbol},
                {"t", t.id},
                {"p", detail::format_ticks(t.price_ticks, s.price_decimals)},
                {"q", detail::format_ticks(t.qty_lots, s.qty_decimals)},
                {"T", t.time},
                {"m", t.buyer_is_maker},
                {"M", true}}
        .dump();
}

std::string SimService::book_ticker_event(const std::string& symbol) {
    const SymbolSpec& s = *exchange_->find_symbol(symbol);
    const LimitBook& book = exchange_->book(symbol);
    const LevelQty bid = book.best_bid().value_or(LevelQty{});
    const LevelQty ask = book.best_ask().value_or(LevelQty{});
    return json{{"u", book.last_update_id()},
                {"s", symbol},
                {"b", detail::format_ticks(bid.price_ticks, s.price_decimals)},
                {"B", detail::format_ticks(bid.qty_lots, s.qty_decimals)},
                {"a", detail::format_ticks(ask.price_ticks, s.price_decimals)},
                {"A", detail::format_ticks(ask.qty_lots, s.qty_decimals)}}
        .dump();
}

std::string SimService::kline_event(const std::string& symbol, std::int64_t interval_ms,
                                    const Kline& k, bool closed) const {
    using detail::format_exact;
    return json{{"e", "kline"},
                {"E", exchange_->now()},
                {"s", symbol},
                {"k",
                 {{"t", k.bar.ts},
                  {"T", k.close_time},
                  {"s", symbol},
                  {"i", interval_name(interval_ms)},
                  {"f", -1},
                  {"L", -1},
                  {"o", format_exact(k.bar.open)},
                  {"c", format_exact(k.bar.close)},
                  {"h", format_exact(k.bar.high)},
                  {"l", format_exact(k.bar.low)},
                  {"v", format_exact(k.bar.volume)},
                  {"n", 0},
                  {"x", closed},
                  {"q", detail::format_amount(k.bar.volume * k.bar.close)},
                  {"V", "0"},
                  {"Q", "0"},
                  {"B", "0"}}}}
        .dump();
}

}  // namespace aitp::venuesim
