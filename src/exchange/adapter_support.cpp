// SPDX-License-Identifier: MIT
#include "exchange/adapter_support.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/format.h>

#include "core/text.hpp"
#include "exchange/json_util.hpp"

namespace aitp::exchange::adapter {

double parse_decimal_text(std::string_view s, std::string_view what) {
    // The one decimal rule of the module (json::parse_decimal), as a BadField for guarded().
    auto v = json::parse_decimal(s, what);
    if (!v) {
        throw BadField(fmt::format("{} is not a decimal number, was \"{}\"", what,
                                   escape_log_value(s.substr(0, 40))));
    }
    return *v;
}

namespace {

void replace_all(std::string& s, std::string_view needle, std::string_view with) {
    if (needle.empty()) return;
    for (auto at = s.find(needle); at != std::string::npos; at = s.find(needle, at + with.size())) {
        s.replace(at, needle.size(), with);
    }
}

}  // namespace

Query& Query::add(std::string_view key, std::string_view value) {
    if (!text_.empty()) text_.push_back('&');
    text_ += url_encode(key);
    text_.push_back('=');
    text_ += url_encode(value);
    return *this;
}

Query& Query::add(std::string_view key, std::int64_t value) {
    return add(key, std::to_string(value));
}

std::string make_url(std::string_view base, std::string_view path, const Query& query) {
    std::string url(base);
    while (!url.empty() && url.back() == '/') url.pop_back();
    url += path;
    if (!query.is_empty()) url += "?" + query.text();
    return url;
}

Error not_json_error(std::string_view venue, std::string_view endpoint,
                     const HttpResponse& response) {
    if (response.status < 200 || response.status >= 300) {
        return http_status_error(venue, endpoint, response);
    }
    return Error::corruption(fmt::format("{} {}: response is not JSON (HTTP {}): {}", venue,
                                         endpoint, response.status,
                                         escape_log_value(response.body.substr(0, 120))));
}

Error http_status_error(std::string_view venue, std::string_view endpoint,
                        const HttpResponse& response) {
    const int s = response.status;
    ErrorCode code = ErrorCode::InvalidArgument;
    if (s == 404) code = ErrorCode::NotFound;
    if (s == 418 || s == 429 || s >= 500) code = ErrorCode::IOError;
    return {code, fmt::format("{} {}: HTTP {}: {}", venue, endpoint, s,
                              escape_log_value(response.body.substr(0, 200)))};
}

std::int64_t parse_integer_text(std::string_view text, std::string_view what) {
    std::int64_t out = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        throw BadField(fmt::format("{} is not an integer, was \"{}\"", what,
                                   escape_log_value(text.substr(0, 40))));
    }
    return out;
}

Result<std::pair<std::string, std::string>> split_symbol(std::string_view venue,
                                                         std::string_view symbol) {
    const auto slash = symbol.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == symbol.size() ||
        symbol.find('/', slash + 1) != std::string_view::npos) {
        return fail(Error::invalid_argument(
            fmt::format("{}: symbol must be BASE/QUOTE (e.g. BTC/USDT), was '{}'", venue,
                        escape_log_value(symbol))));
    }
    return std::pair{to_upper(symbol.substr(0, slash)), to_upper(symbol.substr(slash + 1))};
}

std::string redact(std::string message, const VenueConfig& config) {
    replace_all(message, config.api_secret, "<redacted>");
    replace_all(message, config.api_key, "<redacted>");
    return message;
}

Error redact(const Error& error, const VenueConfig& config) {
    return {error.code(), redact(error.message(), config)};
}

Error not_supported(std::string_view venue, std::string_view call, std::string_view why) {
    return Error::not_supported(fmt::format("{}: {} is not supported ({})", venue, call, why));
}

std::string to_upper(std::string_view text) {
    std::string s(text);
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string to_lower(std::string_view text) {
    std::string s(text);
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace aitp::exchange::adapter
