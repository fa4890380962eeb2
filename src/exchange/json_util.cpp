// SPDX-License-Identifier: MIT
#include "exchange/json_util.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace aitp::exchange::json {

Result<double> parse_decimal(std::string_view text, std::string_view field_name) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    const char* begin = text.data();
    if (!text.empty() && *begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
        return fail(Error::corruption(fmt::format("field '{}' must be a decimal number, was '{}'",
                                                  field_name, text.substr(0, 40))));
    }
    return v;
}

std::string format_decimal(double value) {
    std::string s = fmt::format("{:.10f}", value);
    const auto dot = s.find('.');
    if (dot != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string url_encode(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                                (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.' ||
                                u == '~';
        if (unreserved) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += '&';
        out += name;
        out += '=';
        out += url_encode(value);
    }
    return out;
}

}  // namespace aitp::exchange::json
