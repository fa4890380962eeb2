// SPDX-License-Identifier: MIT
#include "server/http_types.hpp"

#include <nlohmann/json.hpp>

#include "server/json_body.hpp"

namespace aitp::server {

std::string Request::header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::query_param(const std::string& name, const std::string& fallback) const {
    const auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
}

std::string Request::cookie(const std::string& name) const {
    const std::string all = header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string_view part(all.data() + pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        const auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name)
            return std::string(part.substr(eq + 1));
        pos = end + 1;
    }
    return {};
}

Response Response::json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response Response::error(int status, const std::string& message) {
    // json_text replaces rather than throws: the message may echo a value that is not UTF-8.
    return json(status, json_text(nlohmann::json{{"error", message}}));
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [n, v] : headers) {
        if (n == name) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        const int hi = hex(s[i + 1]);
        const int lo = hex(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    std::size_t pos = 0;
    while (pos < query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view part = query.substr(pos, end - pos);
        const auto eq = part.find('=');
        std::string key(part.substr(0, eq));
        std::string value(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
        for (auto& c : value) {
            if (c == '+') c = ' ';
        }
        auto k = percent_decode(key);
        auto v = percent_decode(value);
        if (k && v && !k->empty()) out[*k] = *v;
        pos = end + 1;
    }
    return out;
}

}  // namespace aitp::server
