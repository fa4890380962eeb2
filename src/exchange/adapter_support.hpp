// SPDX-License-Identifier: MIT
// Helpers the Kraken, Bybit, Coinbase and Yahoo adapters share (module-internal; not part of
// the exchange API): query strings, JSON bodies and decimal fields, HTTP status -> Error, and
// redaction of keys and secrets from messages. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/status.hpp"
#include "exchange/http.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange::adapter {

using Json = nlohmann::json;

/// Thrown by the field readers below and caught by guarded(): a field that is missing or not
/// of the documented type. Never leaves the adapter.
struct BadField : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

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

/// Parses a response body as JSON. A body that is not JSON is http_status_error() for a non-2xx
/// status (a proxy's HTML 502, a plain-text 429) and Corruption naming the venue, endpoint and
/// status otherwise.
Result<Json> parse_body(std::string_view venue, std::string_view endpoint,
                        const HttpResponse& response);

/// The Error for a non-2xx answer the venue did not explain in its own error shape: 400 ->
/// InvalidArgument, 401/403 -> InvalidArgument (credentials), 404 -> NotFound, 429, 418 and
/// 5xx -> IOError. The message names the venue, endpoint, status and the start of the body.
Error http_status_error(std::string_view venue, std::string_view endpoint,
                        const HttpResponse& response);

/// A decimal field sent as a JSON string ("30300.1") or number; throws BadField naming the
/// field otherwise.
double decimal(const Json& object, std::string_view field);
/// The same for a JSON value that is itself the decimal (array elements).
double decimal_value(const Json& value, std::string_view what);
/// As decimal() but returns `fallback` when the field is absent, null or "".
double decimal_or(const Json& object, std::string_view field, double fallback);
/// An integer field (JSON number or decimal string such as "1672052955758").
std::int64_t integer(const Json& object, std::string_view field);
/// A string field; throws BadField when missing or not a string.
std::string text(const Json& object, std::string_view field);
/// A string field, or "" when absent or null.
std::string text_or_empty(const Json& object, std::string_view field);
/// The member `field` of an object; throws BadField when missing.
const Json& member(const Json& object, std::string_view field);

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

/// Formats a price or quantity for a request: fixed notation, at most 10 decimals, no
/// trailing zeros ("1.25", "27500", "0.00001").
std::string format_decimal(double value);

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
