// SPDX-License-Identifier: MIT
// The one translator from Error to HTTP: status code and {"error": message} body. Messages
// sent to clients are short (first line, at most kMaxPublicMessage characters, absolute paths
// cut to their file name, no DuckDB SQL); the full message goes to the log (Response::detail).
#pragma once

#include <cstddef>
#include <string>

#include "core/status.hpp"
#include "server/http_types.hpp"

namespace aitp::server {

inline constexpr std::size_t kMaxPublicMessage = 200;

/// InvalidArgument 400, NotFound 404, Conflict 409, Cancelled 409, NotSupported 501,
/// everything else 500.
int http_status(ErrorCode code);

/// Returns the part of an error message a client may see (also what job rows store): the first
/// line, absolute paths reduced to their last component, valid UTF-8, at most
/// kMaxPublicMessage characters.
std::string public_message(std::string_view message);

/// Returns the error response; Response::detail holds the full message when it was shortened.
Response error_response(const Error& e);

}  // namespace aitp::server
