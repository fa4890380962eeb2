// SPDX-License-Identifier: MIT
#include "server/auth.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace aitp::server {

Status init_crypto() {
    if (sodium_init() < 0) return fail(Error::internal("libsodium failed to initialise"));
    return ok_status();
}

Result<std::string> hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(Error::internal("password hashing ran out of memory"));
    }
    return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                   raw.size());
    hex.pop_back();
    return hex;
}

std::string token_hash(const std::string& token) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string generate_password() {
    static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return out;
}

Status check_password_policy(const std::string& password) {
    if (password.size() < 12) {
        return fail(Error::invalid_argument(
            fmt::format("password must have at least 12 characters, had {}", password.size())));
    }
    return ok_status();
}

bool equal_constant_time(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::int64_t LoginLimiter::locked_for(const std::string& ip, std::int64_t now_ms) {
    std::lock_guard lock(mu_);
    const auto it = by_ip_.find(ip);
    if (it == by_ip_.end() || it->second.locked_until <= now_ms) return 0;
    return it->second.locked_until - now_ms;
}

void LoginLimiter::record_failure(const std::string& ip, std::int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (by_ip_.size() > 100000) by_ip_.clear();  // bound memory under a spray of addresses
    State& s = by_ip_[ip];
    if (now_ms - s.window_start > kWindowMs) {
        s.window_start = now_ms;
        s.failures = 0;
    }
    if (++s.failures >= kMaxFailures) {
        s.locked_until = now_ms + kLockMs;
        s.failures = 0;
        s.window_start = now_ms;
    }
}

void LoginLimiter::record_success(const std::string& ip) {
    std::lock_guard lock(mu_);
    const auto it = by_ip_.find(ip);
    if (it != by_ip_.end() && it->second.locked_until == 0) by_ip_.erase(it);
}

RateLimiter::Decision RateLimiter::check(const std::string& client, std::int64_t now_ms) {
    constexpr std::int64_t kMinute = 60000;
    std::lock_guard lock(mu_);
    if (windows_.size() > 100000) windows_.clear();
    Window& w = windows_[client];
    if (now_ms - w.start >= kMinute) {
        w.start = now_ms - now_ms % kMinute;
        w.count = 0;
    }
    Decision d;
    d.limit = limit_;
    d.reset_seconds = (w.start + kMinute - now_ms + 999) / 1000;
    if (w.count >= limit_) {
        d.allowed = false;
        d.remaining = 0;
        return d;
    }
    ++w.count;
    d.remaining = limit_ - w.count;
    return d;
}

}  // namespace aitp::server
