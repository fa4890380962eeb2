// SPDX-License-Identifier: MIT
// Authentication pieces: argon2id password hashing and random tokens (libsodium), the password
// policy, the login throttle (growing delays per account, address and origin), the same-origin
// rule and the per-client rate limiter (fixed one-minute windows). The limiters are thread-safe
// and bounded in memory.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "store/auth_store.hpp"

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
/// Sets a user's password the one way every path does (first start, `aitp user passwd`, the
/// change-password route): a given password must pass the policy and is stored as chosen; with
/// none, a generated one-time password is stored that must be changed at the next login, and
/// returned. Returns the password set.
Result<std::string> set_user_password(store::AuthStore& users, const std::string& username,
                                      const std::optional<std::string>& password);
/// Creates a user the same way (generated one-time password when none is given).
Result<std::string> create_user_with_password(store::AuthStore& users, const std::string& username,
                                              bool is_admin,
                                              const std::optional<std::string>& password);
/// Constant-time string comparison.
bool equal_constant_time(const std::string& a, const std::string& b);

/// Login throttling per (account, address, origin). The first kFreeFailures failures of a key
/// cost nothing; each later one locks that key for a delay that doubles from kFirstDelayMs up to
/// kMaxDelayMs. A success clears the key; a key is forgotten kForgetMs after its last failure.
/// Another address or origin is another key, so the right password gets through a lock that
/// someone else's attempts caused, and nobody can lock an account for everyone.
struct LoginKey {
    std::string account;
    std::string address;
    std::string origin;
};

class LoginLimiter {
  public:
    static constexpr int kFreeFailures = 4;
    static constexpr std::int64_t kFirstDelayMs = 1000;
    static constexpr std::int64_t kMaxDelayMs = 15 * 60 * 1000;
    static constexpr std::int64_t kForgetMs = 24 * 60 * 60 * 1000;

    /// Returns the lock that `failures` consecutive failures impose: 0 up to kFreeFailures,
    /// then kFirstDelayMs, doubling, at most kMaxDelayMs.
    static std::int64_t delay_after(int failures);

    /// Returns the remaining lock in ms, 0 when the key may try.
    std::int64_t locked_for(const LoginKey& key, std::int64_t now_ms);
    void record_failure(const LoginKey& key, std::int64_t now_ms);
    void record_success(const LoginKey& key);

  private:
    struct State {
        int failures = 0;
        std::int64_t last_failure = 0;
        std::int64_t locked_until = 0;
    };
    static std::string flat(const LoginKey& key);
    std::mutex mu_;
    std::unordered_map<std::string, State> by_key_;
};

/// Returns true when the request's Origin header names the server itself (its authority equals
/// the Host header, over http or https) or is one of `allowed` (exact, e.g.
/// "https://aitp.example.com"). A missing Origin and the opaque origin "null" are refused:
/// browsers send Origin on every login POST and WebSocket handshake.
bool is_same_origin(const std::string& origin, const std::string& host,
                    const std::vector<std::string>& allowed);

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
