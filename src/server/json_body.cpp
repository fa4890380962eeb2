// SPDX-License-Identifier: MIT
#include "server/json_body.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"

namespace aitp::server {

using nlohmann::json;

int json_nesting_depth(std::string_view text, int stop_after) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // skip the escaped character
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > stop_after) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

Result<json> parse_json_object(std::string_view body) {
    if (body.empty()) return json::object();
    if (json_nesting_depth(body) > kMaxJsonDepth) {
        return fail(Error::invalid_argument(
            fmt::format("body nests arrays/objects deeper than {} levels", kMaxJsonDepth)));
    }
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) {
        return fail(Error::invalid_argument(
            "body must be a JSON object (not valid JSON, or strings that are not UTF-8)"));
    }
    if (!doc.is_object()) return fail(Error::invalid_argument("body must be a JSON object"));
    return doc;
}

std::string json_text(const json& doc) {
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// The offending value as the message shows it: its JSON text, at most 40 characters.
std::string shown(const json& v) {
    std::string t = json_text(v);
    if (t.size() > 40) t = t.substr(0, 37) + "...";
    return t;
}

const json* find_field(const json& body, std::string_view name) {
    const auto it = body.find(std::string(name));
    if (it == body.end() || it->is_null()) return nullptr;
    return &*it;
}

}  // namespace

Result<std::string> string_field(const json& body, std::string_view name, std::string fallback) {
    const json* v = find_field(body, name);
    if (v == nullptr) return fallback;
    if (!v->is_string()) {
        return fail(
            Error::invalid_argument(fmt::format("{} must be a string, was {}", name, shown(*v))));
    }
    return v->get<std::string>();
}

Result<std::optional<double>> number_field(const json& body, std::string_view name) {
    const json* v = find_field(body, name);
    if (v == nullptr) return std::optional<double>();
    if (!v->is_number()) {
        return fail(
            Error::invalid_argument(fmt::format("{} must be a number, was {}", name, shown(*v))));
    }
    const double d = v->get<double>();
    if (!std::isfinite(d)) {
        return fail(Error::invalid_argument(
            fmt::format("{} must be a finite number, was {}", name, shown(*v))));
    }
    return std::optional<double>(d);
}

Result<double> number_field(const json& body, std::string_view name, double fallback) {
    AITP_TRY_ASSIGN(const auto v, number_field(body, name));
    return v.value_or(fallback);
}

Result<std::int64_t> integer_field(const json& body, std::string_view name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max) {
    const json* v = find_field(body, name);
    if (v == nullptr) return fallback;
    // Integers only, checked in their own type: 4294967297 must not wrap to 1, 1.5 is no day.
    bool ok = false;
    std::int64_t out = 0;
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        ok = u <= static_cast<std::uint64_t>(max);
        out = ok ? static_cast<std::int64_t>(u) : 0;
    } else if (v->is_number_integer()) {
        out = v->get<std::int64_t>();
        ok = true;
    }
    if (!ok || out < min || out > max) {
        return fail(Error::invalid_argument(
            fmt::format("{} must be an integer in {}..{}, was {}", name, min, max, shown(*v))));
    }
    return out;
}

Result<std::vector<std::string>> string_list_field(const json& body, std::string_view name,
                                                   std::vector<std::string> fallback,
                                                   std::size_t max_items) {
    const json* v = find_field(body, name);
    if (v == nullptr) return fallback;
    if (!v->is_array() || v->empty() || v->size() > max_items) {
        return fail(Error::invalid_argument(
            fmt::format("{} must be a list of 1..{} strings, was {}", name, max_items, shown(*v))));
    }
    std::vector<std::string> out;
    out.reserve(v->size());
    for (const auto& item : *v) {
        if (!item.is_string()) {
            return fail(Error::invalid_argument(
                fmt::format("{} must hold strings only, had {}", name, shown(item))));
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace aitp::server
