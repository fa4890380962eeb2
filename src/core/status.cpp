// SPDX-License-Identifier: MIT
#include "core/status.hpp"

#include <fmt/format.h>

namespace aitp {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return "InvalidArgument";
        case ErrorCode::NotFound:
            return "NotFound";
        case ErrorCode::IOError:
            return "IOError";
        case ErrorCode::Corruption:
            return "Corruption";
        case ErrorCode::NotSupported:
            return "NotSupported";
        case ErrorCode::Conflict:
            return "Conflict";
        case ErrorCode::Cancelled:
            return "Cancelled";
        case ErrorCode::Internal:
            return "Internal";
    }
    return "Unknown";
}

Error Error::with_context(std::string_view context) const {
    return {code_, fmt::format("{}: {}", context, message_)};
}

std::string Error::to_string() const {
    return fmt::format("{}: {}", error_code_name(code_), message_);
}

}  // namespace aitp
