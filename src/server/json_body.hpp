// SPDX-License-Identifier: MIT
// JSON in and out of the API: request bodies parsed with a bounded nesting depth, fields read
// with strict types and ranges (the message names the field), and every response document
// serialised with ill-formed UTF-8 replaced (U+FFFD), so no stored or echoed string can throw.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.hpp"

namespace aitp::server {

/// Deepest nesting of arrays and objects accepted in a request body.
inline constexpr int kMaxJsonDepth = 64;

/// Returns the deepest nesting of arrays and objects in JSON text (strings skipped), stopping
/// early once it passes `stop_after`. Iterative: any input size or depth is safe.
int json_nesting_depth(std::string_view text, int stop_after = kMaxJsonDepth);

/// Parses a request body that must be a JSON object (empty means {}). InvalidArgument when it
/// nests deeper than kMaxJsonDepth, is not JSON (ill-formed UTF-8 included) or not an object.
Result<nlohmann::json> parse_json_object(std::string_view body);

/// Serialises a document compactly; ill-formed UTF-8 in any string becomes U+FFFD (the same
/// replacement as aitp::sanitize_utf8) instead of throwing.
std::string json_text(const nlohmann::json& doc);

/// Field readers: absent (or null) gives the fallback; a present field of the wrong type or out
/// of range is InvalidArgument naming the field and the value ("cash must be a number, was
/// \"abc\"").
Result<std::string> string_field(const nlohmann::json& body, std::string_view name,
                                 std::string fallback);
Result<std::optional<double>> number_field(const nlohmann::json& body, std::string_view name);
Result<double> number_field(const nlohmann::json& body, std::string_view name, double fallback);
Result<std::int64_t> integer_field(const nlohmann::json& body, std::string_view name,
                                   std::int64_t fallback, std::int64_t min, std::int64_t max);
Result<std::vector<std::string>> string_list_field(const nlohmann::json& body,
                                                   std::string_view name,
                                                   std::vector<std::string> fallback,
                                                   std::size_t max_items);

}  // namespace aitp::server
