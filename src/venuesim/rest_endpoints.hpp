// SPDX-License-Identifier: MIT
// The Binance spot REST endpoints of the simulator (internal to venuesim): request weights,
// parameter checks with Binance's codes and messages, and the JSON bodies. Stateless functions
// over a SimExchange.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "venuesim/sim_exchange.hpp"

namespace aitp::venuesim::detail {

using Params = std::map<std::string, std::string>;

/// Adds the URL-decoded pairs of a query string or form body to params.
void parse_form(std::string_view text, Params& params);

/// Returns the documented request weight, or -1 when the endpoint is not served.
std::int64_t endpoint_weight(std::string_view method, std::string_view path, const Params& p);
/// Returns true for the endpoints that need X-MBX-APIKEY and a signature.
bool is_signed(std::string_view method, std::string_view path);

/// Answers a public market-data endpoint with its JSON body.
ApiResult<std::string> public_endpoint(SimExchange& sim, std::string_view path, const Params& p,
                                       std::int64_t weight_limit);
/// Answers a signed endpoint for `account`; `stuck` makes a new order stay NEW.
ApiResult<std::string> private_endpoint(SimExchange& sim, std::string_view method,
                                        std::string_view path, const Params& p, int account,
                                        bool stuck);

/// "42000.01000000": integer ticks of 10^-decimals with Binance's 8 decimals.
std::string format_ticks(std::int64_t ticks, int decimals);
/// An amount with 8 decimals.
std::string format_amount(double value);
/// The shortest fixed-point text that reads back as the same double (kline values, so that a
/// downloaded bar equals the file's bit for bit).
std::string format_exact(double value);
/// Binance interval text to milliseconds ("1m" .. "1w"); -1 when unknown.
std::int64_t interval_millis(std::string_view interval);

}  // namespace aitp::venuesim::detail
