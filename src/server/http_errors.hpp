// SPDX-License-Identifier: MIT
// The one translator from Error to HTTP: status code and {"error": message} body.
#pragma once

#include "core/status.hpp"
#include "server/http_types.hpp"

namespace aitp::server {

/// InvalidArgument 400, NotFound 404, Conflict 409, Cancelled 409, NotSupported 501,
/// everything else 500.
int http_status(ErrorCode code);
Response error_response(const Error& e);

}  // namespace aitp::server
