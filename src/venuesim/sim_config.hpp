// SPDX-License-Identifier: MIT
// The venue simulator's configuration: the bar files it serves, the accounts that may trade,
// the fault script, and the parsers of their command-line and JSON forms. Plain values; the
// parsers are pure and name the offending field in their errors (never a secret's value).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "model/timeframe.hpp"

namespace aitp::venuesim {

/// One `--bars SYMBOL:TIMEFRAME:FILE`: SYMBOL is BASE/QUOTE or Binance's BASEQUOTE form.
struct BarsSpec {
    std::string base;
    std::string quote;
    model::Timeframe timeframe = model::Timeframe::H1;
    std::filesystem::path file;
    /// Returns the Binance symbol, e.g. "BTCUSDT".
    std::string symbol() const { return base + quote; }
};

/// Parses "BTC/USDT:1h:bars.csv" or "BTCUSDT:1h:bars.parquet" (a BASEQUOTE symbol must end in a
/// known quote asset: USDT, USDC, FDUSD, BUSD, TUSD, DAI, BTC, ETH, BNB, EUR, USD, GBP, TRY).
Result<BarsSpec> parse_bars_spec(std::string_view text);

/// An account that may sign requests. Balances are free amounts per asset.
struct AccountSpec {
    std::string api_key;
    std::string api_secret;
    std::map<std::string, double> balances;
};

/// The account used when no --accounts file is given; its key and secret are documented in
/// src/venuesim/README.md (test-only credentials, never printed).
AccountSpec default_account();

/// Parses {"accounts":[{"api_key":..,"api_secret":..,"balances":{"USDT":10000}}]}.
Result<std::vector<AccountSpec>> parse_accounts_json(std::string_view text);

/// What a fault rule does.
enum class FaultKind {
    LatencyMs,      ///< delays the HTTP response by `ms`
    HttpStatus,     ///< answers `status` (429 with Retry-After `retry_after` s, or 5xx)
    WsDrop,         ///< closes the WebSocket instead of sending the matched message
    WsDuplicate,    ///< sends the matched message twice
    WsReorder,      ///< sends the matched message after the next one
    WsGap,          ///< drops the matched message (a depth stream then has a sequence gap)
    OrderStuckNew,  ///< the matched order is accepted, stays NEW and never fills
};

/// One rule: a path (REST path such as "/api/v3/klines", WebSocket path such as
/// "/ws/btcusdt@depth" or "/stream", or "*") and a window over the rule's matching events
/// (requests for REST kinds and order_stuck_new, sent data messages for ws_* kinds), counted
/// from 1: events from..to (inclusive), or every k-th, or all when neither is given.
struct FaultRule {
    FaultKind kind = FaultKind::LatencyMs;
    std::string path = "*";
    std::int64_t from = 1;
    std::int64_t to = INT64_MAX;
    std::int64_t every = 0;  ///< 0: not periodic
    std::int64_t ms = 0;
    int status = 0;
    std::int64_t retry_after_s = 1;

    /// Returns true when the n-th matching event (1-based) lies in the window.
    bool in_window(std::int64_t n) const;
    /// Returns true when this rule applies to a WebSocket message (the ws_* kinds).
    bool is_ws() const;
};

/// Parses {"faults":[{"kind":"http_status","path":"/api/v3/klines","from":2,"to":3,
/// "status":429,"retry_after":2}, ...]} (a bare list is accepted too). Errors name the rule
/// index and field, e.g. "faults[1].kind: unknown kind 'slow'".
Result<std::vector<FaultRule>> parse_faults_json(std::string_view text);

/// Returns the name used in the JSON form, e.g. "latency_ms".
std::string_view fault_kind_name(FaultKind kind);

/// Everything `aitp venue-sim` passes to the simulator.
struct SimConfig {
    std::string host = "127.0.0.1";
    int port = 0;
    std::vector<BarsSpec> bars;
    std::vector<AccountSpec> accounts;  ///< empty: default_account()
    std::vector<FaultRule> faults;
    std::optional<UnixMillis> now;     ///< the simulated time at start; default: after the last bar
    std::int64_t weight_limit = 6000;  ///< request weight per minute before -1003 / HTTP 429
    std::uint64_t seed = 19;           ///< seeds the synthetic order flow
    double fee_rate = 0.001;           ///< maker and taker commission (Binance's 10 bps)
};

/// Parses --now: an ISO 8601 date-time or epoch milliseconds.
Result<UnixMillis> parse_sim_time(std::string_view text);

}  // namespace aitp::venuesim
