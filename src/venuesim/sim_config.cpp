// SPDX-License-Identifier: MIT
#include "venuesim/sim_config.hpp"

#include <array>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace aitp::venuesim {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 13> kQuoteAssets = {"USDT", "USDC", "FDUSD", "BUSD", "TUSD",
                                                           "DAI",  "BTC",  "ETH",   "BNB",  "EUR",
                                                           "USD",  "GBP",  "TRY"};

bool is_asset_name(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s) {
        if (std::isupper(static_cast<unsigned char>(c)) == 0 &&
            std::isdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Result<std::pair<std::string, std::string>> split_symbol(std::string_view text) {
    const std::string sym = upper(text);
    const auto slash = sym.find('/');
    if (slash != std::string::npos) {
        std::string base = sym.substr(0, slash);
        std::string quote = sym.substr(slash + 1);
        if (is_asset_name(base) && is_asset_name(quote)) return std::pair{base, quote};
    } else {
        for (std::string_view q : kQuoteAssets) {
            if (sym.size() > q.size() && sym.ends_with(q) &&
                is_asset_name(sym.substr(0, sym.size() - q.size()))) {
                return std::pair{sym.substr(0, sym.size() - q.size()), std::string(q)};
            }
        }
    }
    return fail(Error::invalid_argument(
        fmt::format("--bars: symbol must be BASE/QUOTE or BASEQUOTE with a known quote asset, "
                    "was '{}'",
                    text)));
}

Result<std::int64_t> get_int(const json& rule, const char* field, const std::string& where,
                             std::int64_t min, std::int64_t fallback) {
    if (!rule.contains(field)) return fallback;
    const json& v = rule.at(field);
    if (!v.is_number_integer() || v.get<std::int64_t>() < min) {
        return fail(Error::invalid_argument(
            fmt::format("{}.{}: must be an integer >= {}, was {}", where, field, min, v.dump())));
    }
    return v.get<std::int64_t>();
}

Result<FaultKind> parse_kind(const json& rule, const std::string& where) {
    static const std::array<FaultKind, 7> kKinds = {FaultKind::LatencyMs,    FaultKind::HttpStatus,
                                                    FaultKind::WsDrop,       FaultKind::WsDuplicate,
                                                    FaultKind::WsReorder,    FaultKind::WsGap,
                                                    FaultKind::OrderStuckNew};
    if (!rule.contains("kind") || !rule.at("kind").is_string()) {
        return fail(Error::invalid_argument(fmt::format("{}.kind: missing (a string)", where)));
    }
    const auto name = rule.at("kind").get<std::string>();
    for (FaultKind k : kKinds) {
        if (fault_kind_name(k) == name) return k;
    }
    return fail(Error::invalid_argument(fmt::format(
        "{}.kind: unknown kind '{}' (latency_ms, http_status, ws_drop, ws_duplicate, ws_reorder, "
        "ws_gap, order_stuck_new)",
        where, name)));
}

Status parse_kind_fields(FaultRule& r, const json& rule, const std::string& where) {
    if (r.kind == FaultKind::LatencyMs) {
        AITP_TRY_ASSIGN(r.ms, get_int(rule, "ms", where, 0, -1));
        if (r.ms < 0) {
            return fail(Error::invalid_argument(fmt::format("{}.ms: missing (an integer)", where)));
        }
    }
    if (r.kind == FaultKind::HttpStatus) {
        AITP_TRY_ASSIGN(std::int64_t status, get_int(rule, "status", where, 0, 0));
        if (status != 429 && (status < 500 || status > 599)) {
            return fail(Error::invalid_argument(
                fmt::format("{}.status: must be 429 or 5xx, was {}", where, status)));
        }
        r.status = static_cast<int>(status);
        AITP_TRY_ASSIGN(r.retry_after_s, get_int(rule, "retry_after", where, 0, 1));
    }
    return ok_status();
}

Result<FaultRule> parse_rule(const json& rule, std::size_t index) {
    const std::string where = fmt::format("faults[{}]", index);
    if (!rule.is_object()) {
        return fail(Error::invalid_argument(fmt::format("{}: must be an object", where)));
    }
    FaultRule r;
    AITP_TRY_ASSIGN(r.kind, parse_kind(rule, where));
    if (rule.contains("path")) {
        if (!rule.at("path").is_string() || rule.at("path").get<std::string>().empty()) {
            return fail(
                Error::invalid_argument(fmt::format("{}.path: must be a non-empty string", where)));
        }
        r.path = rule.at("path").get<std::string>();
    }
    AITP_TRY_ASSIGN(r.from, get_int(rule, "from", where, 1, 1));
    AITP_TRY_ASSIGN(r.to, get_int(rule, "to", where, 1, INT64_MAX));
    AITP_TRY_ASSIGN(r.every, get_int(rule, "every", where, 1, 0));
    AITP_TRY_ASSIGN(std::int64_t after, get_int(rule, "after", where, 0, -1));
    if (after >= 0) r.from = r.to = after + 1;  // "close the socket after n messages"
    if (r.to < r.from) {
        return fail(Error::invalid_argument(
            fmt::format("{}.to: must be >= from ({}), was {}", where, r.from, r.to)));
    }
    AITP_TRY(parse_kind_fields(r, rule, where));
    return r;
}

}  // namespace

bool FaultRule::in_window(std::int64_t n) const {
    if (n < from || n > to) return false;
    return every == 0 || (n - from + 1) % every == 0;
}

bool FaultRule::is_ws() const {
    return kind == FaultKind::WsDrop || kind == FaultKind::WsDuplicate ||
           kind == FaultKind::WsReorder || kind == FaultKind::WsGap;
}

std::string_view fault_kind_name(FaultKind kind) {
    switch (kind) {
        case FaultKind::LatencyMs:
            return "latency_ms";
        case FaultKind::HttpStatus:
            return "http_status";
        case FaultKind::WsDrop:
            return "ws_drop";
        case FaultKind::WsDuplicate:
            return "ws_duplicate";
        case FaultKind::WsReorder:
            return "ws_reorder";
        case FaultKind::WsGap:
            return "ws_gap";
        case FaultKind::OrderStuckNew:
            return "order_stuck_new";
    }
    return "?";
}

Result<BarsSpec> parse_bars_spec(std::string_view text) {
    const auto first = text.find(':');
    const auto second = first == std::string_view::npos ? first : text.find(':', first + 1);
    if (second == std::string_view::npos || second + 1 >= text.size()) {
        return fail(Error::invalid_argument(
            fmt::format("--bars: expected SYMBOL:TIMEFRAME:FILE, was '{}'", text)));
    }
    BarsSpec spec;
    AITP_TRY_ASSIGN(auto pair, split_symbol(text.substr(0, first)));
    spec.base = pair.first;
    spec.quote = pair.second;
    auto tf = model::parse_timeframe(text.substr(first + 1, second - first - 1));
    if (!tf) return fail(tf.error().with_context("--bars"));
    spec.timeframe = *tf;
    spec.file = std::string(text.substr(second + 1));
    return spec;
}

AccountSpec default_account() {
    return AccountSpec{"venuesim-demo-key", "venuesim-demo-secret", {}};
}

Result<std::vector<AccountSpec>> parse_accounts_json(std::string_view text) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("accounts") ||
        !doc.at("accounts").is_array()) {
        return fail(Error::invalid_argument("accounts: expected {\"accounts\": [...]}"));
    }
    std::vector<AccountSpec> out;
    for (std::size_t i = 0; i < doc.at("accounts").size(); ++i) {
        const json& a = doc.at("accounts").at(i);
        const std::string where = fmt::format("accounts[{}]", i);
        AccountSpec spec;
        for (const char* field : {"api_key", "api_secret"}) {
            if (!a.is_object() || !a.contains(field) || !a.at(field).is_string() ||
                a.at(field).get<std::string>().empty()) {
                return fail(Error::invalid_argument(
                    fmt::format("{}.{}: missing (a non-empty string)", where, field)));
            }
        }
        spec.api_key = a.at("api_key").get<std::string>();
        spec.api_secret = a.at("api_secret").get<std::string>();
        if (a.contains("balances")) {
            if (!a.at("balances").is_object()) {
                return fail(Error::invalid_argument(where + ".balances: must be an object"));
            }
            for (const auto& [asset, amount] : a.at("balances").items()) {
                if (!amount.is_number() || amount.get<double>() < 0 || !is_asset_name(asset)) {
                    return fail(Error::invalid_argument(fmt::format(
                        "{}.balances.{}: must be an upper-case asset with a number >= 0", where,
                        asset)));
                }
                spec.balances[asset] = amount.get<double>();
            }
        }
        for (const AccountSpec& other : out) {
            if (other.api_key == spec.api_key) {
                return fail(Error::invalid_argument(where + ".api_key: duplicate key"));
            }
        }
        out.push_back(std::move(spec));
    }
    if (out.empty()) return fail(Error::invalid_argument("accounts: the list is empty"));
    return out;
}

Result<std::vector<FaultRule>> parse_faults_json(std::string_view text) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail(Error::invalid_argument("faults: not valid JSON"));
    const json* list = &doc;
    if (doc.is_object() && doc.contains("faults")) list = &doc.at("faults");
    if (!list->is_array()) {
        return fail(Error::invalid_argument("faults: expected {\"faults\": [...]} or a list"));
    }
    std::vector<FaultRule> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        AITP_TRY_ASSIGN(FaultRule r, parse_rule(list->at(i), i));
        out.push_back(std::move(r));
    }
    return out;
}

Result<UnixMillis> parse_sim_time(std::string_view text) {
    bool digits = !text.empty();
    for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (digits) return parse_integer(text, "--now", 0, kMaxUnixMillis);
    auto t = parse_iso8601(text);
    if (!t) {
        return fail(Error::invalid_argument(
            fmt::format("--now: expected an ISO 8601 date-time or epoch ms, was '{}'", text)));
    }
    return *t;
}

}  // namespace aitp::venuesim
