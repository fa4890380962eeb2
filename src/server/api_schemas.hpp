// SPDX-License-Identifier: MIT
// The API's JSON shapes as OpenAPI 3.0 schemas: small builders for route docs (api_*.cpp) and
// the named component schemas (Job, BacktestResult, ...) that /api/schema/ lists once and the
// routes reference. Pure functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace aitp::server::schema {

using Json = nlohmann::json;
using Property = std::pair<std::string, Json>;

/// {"type": type}, optionally with a description.
Json type(std::string_view type, std::string_view description = "");
inline Json string(std::string_view description = "") { return type("string", description); }
inline Json integer(std::string_view description = "") { return type("integer", description); }
inline Json number(std::string_view description = "") { return type("number", description); }
inline Json boolean(std::string_view description = "") { return type("boolean", description); }
/// A string that is one of `values`.
Json one_of_strings(std::initializer_list<std::string_view> values,
                    std::string_view description = "");
/// The schema that also allows null.
Json nullable(Json s);
/// An array of `items`.
Json array(Json items);
/// An object whose properties are all required (`required`) or may be left out (`optional`).
Json object(std::initializer_list<Property> required,
            std::initializer_list<Property> optional = {});
/// An object with any keys whose values follow `values` (a map).
Json map(Json values);
/// Any JSON object.
Json any_object(std::string_view description = "");
/// A reference to the component schema `name` (#/components/schemas/<name>).
Json ref(std::string_view name);

/// The named component schemas, keyed by name.
Json components();

}  // namespace aitp::server::schema
