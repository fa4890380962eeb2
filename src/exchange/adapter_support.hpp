// SPDX-License-Identifier: MIT
// Helpers the Kraken, Bybit, Coinbase and Yahoo adapters share (module-internal; not part of
// the exchange API): query strings, JSON bodies and decimal fields, HTTP status -> Error, and
// redaction of keys and secrets from messages. The JSON readers are templates over the JSON
// value type (the adapters' .cpp files use nlohmann::json), so that this header exposes no
// third-party library. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.hpp"
#include "exchange/http.hpp"
#include "exchange/json_util.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange::adapter {

/// Thrown by the field readers below and caught by guarded(): a field that is missing or not
/// of the documented type. Never leaves the adapter.
struct BadField : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Percent-encoding and decimal text have one home each: json_util.hpp.
using json::format_decimal;
using json::url_encode;

/// A query string or form body built in the order the fields are added: "a=1&b=x".
class Query {
  public:
    Query& add(std::string_view key, std::string_view value);
    Query& add(std::string_view key, std::int64_t value);
    const std::string& text() const { return text_; }
    bool is_empty() const { return text_.empty(); }

  private:
    std::string text_;
};

/// Returns base + path (+ "?" + query when the query is not empty).
std::string make_url(std::string_view base, std::string_view path, const Query& query);

/// Parses the whole of `text` as a decimal number (an optional leading '+' allowed); throws
/// BadField naming `what` and the start of the text otherwise (also for inf and nan).
double parse_decimal_text(std::string_view text, std::string_view what);

/// The Error for a non-2xx answer the venue did not explain in its own error shape: 400 ->
/// InvalidArgument, 401/403 -> InvalidArgument (credentials), 404 -> NotFound, 429, 418 and
/// 5xx -> IOError. The message names the venue, endpoint, status and the start of the body.
Error http_status_error(std::string_view venue, std::string_view endpoint,
                        const HttpResponse& response);

/// The message of a body that is not JSON: http_status_error() for a non-2xx status (a
/// proxy's HTML 502, a plain-text 429), Corruption naming the venue, endpoint and status
/// otherwise.
Error not_json_error(std::string_view venue, std::string_view endpoint,
                     const HttpResponse& response);

/// Parses a response body as JSON (J: nlohmann::json); not_json_error() when it is not JSON.
template <typename J>
Result<J> parse_body(std::string_view venue, std::string_view endpoint,
                     const HttpResponse& response) {
    auto j = J::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return fail(not_json_error(venue, endpoint, response));
    return j;
}

/// The member `field` of an object; throws BadField when missing.
template <typename J>
const J& member(const J& object, std::string_view field) {
    if (!object.is_object()) {
        throw BadField("expected an object holding '" + std::string(field) + "'");
    }
    const auto it = object.find(field);
    if (it == object.end()) throw BadField("field '" + std::string(field) + "' is missing");
    return *it;
}

/// A JSON value that is a decimal: a string ("30300.1") or a number; throws BadField naming
/// `what` otherwise.
template <typename J>
double decimal_value(const J& value, std::string_view what) {
    if (value.is_number()) return value.template get<double>();
    if (value.is_string()) {
        return parse_decimal_text(value.template get_ref<const std::string&>(), what);
    }
    throw BadField(std::string(what) + " is not a decimal");
}

/// A decimal field sent as a JSON string or number; throws BadField naming the field otherwise.
template <typename J>
double decimal(const J& object, std::string_view field) {
    return decimal_value(member(object, field), "field '" + std::string(field) + "'");
}

/// As decimal() but returns `fallback` when the field is absent, null or "".
template <typename J>
double decimal_or(const J& object, std::string_view field, double fallback) {
    if (!object.is_object()) return fallback;
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) return fallback;
    if (it->is_string() && it->template get_ref<const std::string&>().empty()) return fallback;
    return decimal_value(*it, "field '" + std::string(field) + "'");
}

/// Parses a whole decimal integer ("1672052955758"); throws BadField naming `what` otherwise.
std::int64_t parse_integer_text(std::string_view text, std::string_view what);

/// An integer field (JSON number or decimal string such as "1672052955758").
template <typename J>
std::int64_t integer(const J& object, std::string_view field) {
    const J& v = member(object, field);
    if (v.is_number_integer()) return v.template get<std::int64_t>();
    if (v.is_number()) return static_cast<std::int64_t>(v.template get<double>());
    if (v.is_string()) {
        return parse_integer_text(v.template get_ref<const std::string&>(),
                                  "field '" + std::string(field) + "'");
    }
    throw BadField("field '" + std::string(field) + "' is not an integer");
}

/// A string field; throws BadField when missing or not a string.
template <typename J>
std::string text(const J& object, std::string_view field) {
    const J& v = member(object, field);
    if (!v.is_string()) throw BadField("field '" + std::string(field) + "' is not a string");
    return v.template get<std::string>();
}

/// A string field, or "" when absent or not a string.
template <typename J>
std::string text_or_empty(const J& object, std::string_view field) {
    if (!object.is_object()) return {};
    const auto it = object.find(field);
    if (it == object.end() || !it->is_string()) return {};
    return it->template get<std::string>();
}

/// Runs a parser, turning a BadField or JSON type error into Corruption naming the venue and
/// endpoint.
template <typename F>
auto guarded(std::string_view venue, std::string_view endpoint, F&& parse) -> decltype(parse()) {
    try {
        return parse();
    } catch (const std::exception& e) {
        return fail(Error::corruption(std::string(venue) + " " + std::string(endpoint) +
                                      ": unexpected response: " + e.what()));
    }
}

/// Splits a unified symbol "BASE/QUOTE"; InvalidArgument naming the symbol otherwise.
Result<std::pair<std::string, std::string>> split_symbol(std::string_view venue,
                                                         std::string_view symbol);

/// Returns `message` with every occurrence of the configured key and secret replaced by
/// "<redacted>", so that no error built from a venue's answer can carry them.
std::string redact(std::string message, const VenueConfig& config);
/// Returns the error with its message redacted.
Error redact(const Error& error, const VenueConfig& config);

/// NotSupported "<venue>: <call> is not supported (<why>)".
Error not_supported(std::string_view venue, std::string_view call, std::string_view why);

std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

}  // namespace aitp::exchange::adapter
