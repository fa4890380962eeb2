// SPDX-License-Identifier: MIT
// Error, Status and Result<T>: the return types of every operation that can fail for reasons
// outside the program (bad input, missing files, I/O). Cheap on the OK path. Value types; a
// const instance is safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace aitp {

/// The kind of an error, as in LevelDB's Status codes.
enum class ErrorCode {
    InvalidArgument,
    NotFound,
    IOError,
    Corruption,
    NotSupported,
    Conflict,
    Cancelled,
    Internal,
};

/// Returns the name of a code, e.g. "InvalidArgument".
std::string_view error_code_name(ErrorCode code);

/// An expected failure: a code and a message that names the offending field, file or value.
class [[nodiscard]] Error {
  public:
    Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

    static Error invalid_argument(std::string msg) {
        return {ErrorCode::InvalidArgument, std::move(msg)};
    }
    static Error not_found(std::string msg) { return {ErrorCode::NotFound, std::move(msg)}; }
    static Error io_error(std::string msg) { return {ErrorCode::IOError, std::move(msg)}; }
    static Error corruption(std::string msg) { return {ErrorCode::Corruption, std::move(msg)}; }
    static Error not_supported(std::string msg) {
        return {ErrorCode::NotSupported, std::move(msg)};
    }
    static Error conflict(std::string msg) { return {ErrorCode::Conflict, std::move(msg)}; }
    static Error cancelled(std::string msg) { return {ErrorCode::Cancelled, std::move(msg)}; }
    static Error internal(std::string msg) { return {ErrorCode::Internal, std::move(msg)}; }

    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }

    bool is_invalid_argument() const { return code_ == ErrorCode::InvalidArgument; }
    bool is_not_found() const { return code_ == ErrorCode::NotFound; }
    bool is_io_error() const { return code_ == ErrorCode::IOError; }
    bool is_corruption() const { return code_ == ErrorCode::Corruption; }

    /// Returns a copy whose message is "<context>: <message>".
    Error with_context(std::string_view context) const;

    /// Returns "<CodeName>: <message>".
    std::string to_string() const;

  private:
    ErrorCode code_;
    std::string message_;
};

/// A value or an Error. [[nodiscard]]: a caller must look at it (tl::expected itself is not).
template <typename T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
  public:
    using tl::expected<T, Error>::expected;
    Result(const tl::expected<T, Error>& e) : tl::expected<T, Error>(e) {}        // NOLINT
    Result(tl::expected<T, Error>&& e) : tl::expected<T, Error>(std::move(e)) {}  // NOLINT
};

/// The result of an operation that returns nothing; [[nodiscard]] like Result.
class [[nodiscard]] Status : public tl::expected<void, Error> {
  public:
    using tl::expected<void, Error>::expected;
    Status(const tl::expected<void, Error>& e) : tl::expected<void, Error>(e) {}        // NOLINT
    Status(tl::expected<void, Error>&& e) : tl::expected<void, Error>(std::move(e)) {}  // NOLINT
};

/// Returns the OK status.
inline Status ok_status() { return {}; }

/// Wraps an Error for returning from a function that returns Result or Status.
inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

}  // namespace aitp

#define AITP_CONCAT_IMPL(a, b) a##b
#define AITP_CONCAT(a, b) AITP_CONCAT_IMPL(a, b)

#define AITP_TRY_IMPL(var, expr)                                            \
    do {                                                                    \
        auto&& var = (expr);                                                \
        if (!var) {                                                         \
            return ::tl::unexpected<::aitp::Error>(std::move(var).error()); \
        }                                                                   \
    } while (false)

/// Evaluates a Status or Result expression and returns its error from the enclosing function.
/// (__COUNTER__ keeps nested uses, e.g. inside a lambda argument, from shadowing each other.)
#define AITP_TRY(expr) AITP_TRY_IMPL(AITP_CONCAT(aitp_try_status_, __COUNTER__), expr)

#define AITP_TRY_ASSIGN_IMPL(tmp, lhs, expr)                            \
    auto tmp = (expr);                                                  \
    if (!tmp) {                                                         \
        return ::tl::unexpected<::aitp::Error>(std::move(tmp).error()); \
    }                                                                   \
    lhs = std::move(*tmp)

/// Evaluates a Result expression; on error returns it, otherwise assigns the value to lhs
/// (which may be a declaration: `AITP_TRY_ASSIGN(auto x, parse())`).
#define AITP_TRY_ASSIGN(lhs, expr) \
    AITP_TRY_ASSIGN_IMPL(AITP_CONCAT(aitp_try_result_, __COUNTER__), lhs, expr)
