// SPDX-License-Identifier: MIT
// Assertions on Status and Result<T> that never dereference a failed result:
//   ASSERT_OK(expr) / EXPECT_OK(expr)       the status or result holds no error (prints it if so)
//   ASSERT_OK_AND_ASSIGN(lhs, expr)         in a test body: fails and returns, else assigns
//   AITP_UNWRAP(expr)                       in a helper that returns a value: records the failure
//                                           and throws (GoogleTest reports the test as failed)
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/status.hpp"

namespace aitp::testing {

/// The message of a failed Status/Result, or "" when it holds a value.
template <typename R>
std::string error_text(const R& r) {
    return r ? std::string() : r.error().to_string();
}

/// Thrown by unwrap() after it recorded the failure; GoogleTest catches it and fails the test.
struct UnwrapFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

template <typename R>
auto unwrap(R&& r, const char* expr, const char* file, int line) {
    if (!r) {
        const std::string msg = std::string(expr) + " failed: " + r.error().to_string();
        ADD_FAILURE_AT(file, line) << msg;
        throw UnwrapFailed(msg);
    }
    return *std::forward<R>(r);
}

}  // namespace aitp::testing

#define ASSERT_OK(expr)                                                               \
    do {                                                                              \
        const auto& aitp_ok_result_ = (expr);                                         \
        ASSERT_TRUE(aitp_ok_result_) << ::aitp::testing::error_text(aitp_ok_result_); \
    } while (false)

#define EXPECT_OK(expr)                                                               \
    do {                                                                              \
        const auto& aitp_ok_result_ = (expr);                                         \
        EXPECT_TRUE(aitp_ok_result_) << ::aitp::testing::error_text(aitp_ok_result_); \
    } while (false)

#define AITP_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr)                     \
    auto tmp = (expr);                                                     \
    ASSERT_TRUE(tmp) << #expr << ": " << ::aitp::testing::error_text(tmp); \
    lhs = std::move(*tmp)

#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
    AITP_ASSERT_OK_AND_ASSIGN_IMPL(AITP_CONCAT(aitp_assign_result_, __COUNTER__), lhs, expr)

#define AITP_UNWRAP(expr) ::aitp::testing::unwrap((expr), #expr, __FILE__, __LINE__)
