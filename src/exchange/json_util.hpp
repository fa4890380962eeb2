// SPDX-License-Identifier: MIT
// Small helpers the venue adapters share for the venues' wire formats: decimal strings both
// ways and query strings. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"

namespace aitp::exchange::json {

/// Parses a decimal number ("0.01634790", "-1.5", "1e-5"); fails naming `field`.
Result<double> parse_decimal(std::string_view text, std::string_view field);

/// Formats a quantity or price for a request: fixed notation, at most 10 decimals, trailing
/// zeros removed ("0.001", "25000"), never an exponent.
std::string format_decimal(double value);

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view value);
/// Joins name=value pairs with '&', values percent-encoded.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace aitp::exchange::json
