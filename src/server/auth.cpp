// SPDX-License-Identifier: MIT
#include "server/auth.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

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

namespace {

// The hash and flag for a password given or generated (a generated one must be changed).
struct PasswordChoice {
    std::string password;
    std::string hash;
    bool must_change = false;
};

Result<PasswordChoice> choose_password(const std::optional<std::string>& password) {
    PasswordChoice c;
    if (password) {
        AITP_TRY(check_password_policy(*password));
        c.password = *password;
    } else {
        c.password = generate_password();
        c.must_change = true;
    }
    AITP_TRY_ASSIGN(c.hash, hash_password(c.password));
    return c;
}

}  // namespace

Result<std::string> set_user_password(store::AuthStore& users, const std::string& username,
                                      const std::optional<std::string>& password) {
    AITP_TRY_ASSIGN(const auto c, choose_password(password));
    AITP_TRY(users.set_password(username, c.hash, c.must_change));
    return c.password;
}

Result<std::string> create_user_with_password(store::AuthStore& users, const std::string& username,
                                              bool is_admin,
                                              const std::optional<std::string>& password) {
    AITP_TRY_ASSIGN(const auto c, choose_password(password));
    AITP_TRY(users.create_user(username, c.hash, is_admin, c.must_change));
    return c.password;
}

bool equal_constant_time(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::int64_t LoginLimiter::delay_after(int failures) {
    if (failures <= kFreeFailures) return 0;
    std::int64_t delay = kFirstDelayMs;
    for (int i = kFreeFailures + 1; i < failures && delay < kMaxDelayMs; ++i) delay *= 2;
    return std::min(delay, kMaxDelayMs);
}

std::string LoginLimiter::flat(const LoginKey& key) {
    // Control characters cannot occur in an address or an accepted origin, so '\n' separates.
    return key.account + '\n' + key.address + '\n' + key.origin;
}

std::int64_t LoginLimiter::locked_for(const LoginKey& key, std::int64_t now_ms) {
    std::lock_guard lock(mu_);
    const auto it = by_key_.find(flat(key));
    if (it == by_key_.end() || it->second.locked_until <= now_ms) return 0;
    return it->second.locked_until - now_ms;
}

void LoginLimiter::record_failure(const LoginKey& key, std::int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (by_key_.size() > 100000) {  // bound memory under a spray of names and addresses
        std::erase_if(by_key_, [&](const auto& kv) {
            return now_ms - kv.second.last_failure > kMaxDelayMs &&
                   kv.second.locked_until <= now_ms;
        });
        if (by_key_.size() > 100000) by_key_.clear();
    }
    State& s = by_key_[flat(key)];
    if (s.failures > 0 && now_ms - s.last_failure > kForgetMs) s.failures = 0;
    ++s.failures;
    s.last_failure = now_ms;
    s.locked_until = now_ms + delay_after(s.failures);
}

void LoginLimiter::record_success(const LoginKey& key) {
    std::lock_guard lock(mu_);
    by_key_.erase(flat(key));
}

bool is_same_origin(const std::string& origin, const std::string& host,
                    const std::vector<std::string>& allowed) {
    if (origin.empty() || origin == "null") return false;
    if (std::find(allowed.begin(), allowed.end(), origin) != allowed.end()) return true;
    std::string_view authority = origin;
    if (authority.starts_with("http://")) {
        authority.remove_prefix(7);
    } else if (authority.starts_with("https://")) {
        authority.remove_prefix(8);
    } else {
        return false;
    }
    if (host.empty() || authority.size() != host.size()) return false;
    for (std::size_t i = 0; i < host.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authority[i])) !=
            std::tolower(static_cast<unsigned char>(host[i])))
            return false;
    }
    return true;
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
