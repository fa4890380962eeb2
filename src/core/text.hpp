// SPDX-License-Identifier: MIT
// Text that leaves the process: UTF-8 validation and repair (every string that goes into JSON
// or a log line), escaping for one-line logs, and strict integer parsing of untrusted text.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp {

/// The replacement character U+FFFD as UTF-8.
inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

/// Returns true when text is well-formed UTF-8 (no overlong forms, surrogates or code points
/// above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Returns text with every ill-formed UTF-8 sequence replaced by U+FFFD (one per maximal
/// ill-formed subpart, as the Unicode standard recommends). Valid text is returned unchanged.
std::string sanitize_utf8(std::string_view text);

/// Returns text as the inside of a JSON string: quotes, backslashes and control characters
/// (newlines included) escaped, ill-formed UTF-8 replaced by U+FFFD. For log lines, so that a
/// logged value can never start a new line or end its field.
std::string escape_log_value(std::string_view text);

/// Parses a whole decimal integer in [min, max]: no sign other than a leading '-', no spaces,
/// no trailing characters ("1abc" fails), no overflow. The message names `what` and the value.
Result<std::int64_t> parse_integer(std::string_view text, std::string_view what, std::int64_t min,
                                   std::int64_t max);

}  // namespace aitp
