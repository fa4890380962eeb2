// SPDX-License-Identifier: MIT
// AITP_CHECK (always on) and AITP_ASSERT (debug builds only) for programmer errors and broken
// invariants. A failed check prints file, line and message to stderr and aborts.
#pragma once

#include <string_view>

namespace aitp::detail {

[[noreturn]] void check_failed(const char* file, int line, const char* condition,
                               std::string_view message);

}  // namespace aitp::detail

/// Aborts with file, line and message when cond is false. Messages state the rule:
/// "Invariant: ..." for an internal bug, "Condition failed: ..." for bad caller input.
#define AITP_CHECK(cond, msg)                                             \
    do {                                                                  \
        if (!(cond)) [[unlikely]] {                                       \
            ::aitp::detail::check_failed(__FILE__, __LINE__, #cond, msg); \
        }                                                                 \
    } while (false)

#ifdef NDEBUG
#define AITP_ASSERT(cond, msg) \
    do {                       \
    } while (false)
#else
#define AITP_ASSERT(cond, msg) AITP_CHECK(cond, msg)
#endif
