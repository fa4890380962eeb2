// SPDX-License-Identifier: MIT
#include "core/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace aitp::detail {

void check_failed(const char* file, int line, const char* condition, std::string_view message) {
    std::fprintf(stderr, "%s:%d: check failed: %s: %.*s\n", file, line, condition,
                 static_cast<int>(message.size()), message.data());
    std::fflush(stderr);
    std::abort();
}

}  // namespace aitp::detail
