// SPDX-License-Identifier: MIT
#include "server/http_errors.hpp"

namespace aitp::server {

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return 400;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::Conflict:
        case ErrorCode::Cancelled:
            return 409;
        case ErrorCode::NotSupported:
            return 501;
        default:
            return 500;
    }
}

Response error_response(const Error& e) {
    return Response::error(http_status(e.code()), e.message());
}

}  // namespace aitp::server
