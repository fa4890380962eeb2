// SPDX-License-Identifier: MIT
// Authentication pieces: argon2id password hashing and random tokens (libsodium), the login
// lockout (5 failures per IP in 15 minutes lock it for 30) and the per-client rate limiter
// (fixed one-minute windows). The limiters are thread-safe and bounded in memory.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/status.hpp"

namespace aitp::server {

/// Initialises libsodium; call once before anything below.
Status init_crypto();

/// Returns an argon2id hash string (libsodium's crypto_pwhash_str, interactive limits).
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
/// Returns `bytes` random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);
/// Returns a hex BLAKE2b hash of a token (what the sessions table stores).
std::string token_hash(const std::string& token);
/// Returns a generated password of 20 characters from an unambiguous alphabet.
std::string generate_password();
/// Password policy: at least 12 characters.
Status check_password_policy(const std::string& password);
/// Constant-time string comparison.
bool equal_constant_time(const std::string& a, const std::string& b);

class LoginLimiter {
  public:
    static constexpr int kMaxFailures = 5;
    static constexpr std::int64_t kWindowMs = 15 * 60 * 1000;
    static constexpr std::int64_t kLockMs = 30 * 60 * 1000;

    /// Returns the remaining lock in ms, 0 when the IP may try.
    std::int64_t locked_for(const std::string& ip, std::int64_t now_ms);
    void record_failure(const std::string& ip, std::int64_t now_ms);
    void record_success(const std::string& ip);

  private:
    struct State {
        std::int64_t window_start = 0;
        int failures = 0;
        std::int64_t locked_until = 0;
    };
    std::mutex mu_;
    std::unordered_map<std::string, State> by_ip_;
};

class RateLimiter {
  public:
    explicit RateLimiter(int per_minute = 120) : limit_(per_minute) {}

    struct Decision {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        std::int64_t reset_seconds = 0;
    };
    Decision check(const std::string& client, std::int64_t now_ms);
    int limit() const { return limit_; }

  private:
    struct Window {
        std::int64_t start = 0;
        int count = 0;
    };
    int limit_;
    std::mutex mu_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace aitp::server
