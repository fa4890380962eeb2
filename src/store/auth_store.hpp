// SPDX-License-Identifier: MIT
// AuthStore: users, sessions (stored by token hash, never the token) and the audit log.
// Password hashing is the caller's (the server owns libsodium); this stores the hash string.
// Thread-safe (goes through Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace aitp::store {

struct UserRecord {
    std::int64_t id = 0;
    std::string username;
    std::string password_hash;
    bool is_admin = false;
    bool must_change_password = false;  ///< set for generated passwords until the user changes it
};

struct SessionRecord {
    std::string token_hash;
    std::int64_t user_id = 0;
    std::string username;
    std::string csrf_token;
    std::int64_t expires_at_ms = 0;
    bool must_change_password = false;  ///< the user's flag (read through the join; not stored)
};

struct AuditRecord {
    std::string username;
    std::string action;  ///< "POST /api/backtest/run/"
    std::string ip_address;
    int status_code = 0;
    std::string request_id;
    std::string created_at;
};

class AuthStore {
  public:
    explicit AuthStore(Database& db) : db_(db) {}

    Result<std::int64_t> user_count();
    Result<std::int64_t> create_user(const std::string& username, const std::string& password_hash,
                                     bool is_admin, bool must_change_password = false);
    Result<std::optional<UserRecord>> find_user(const std::string& username);
    /// Replaces a user's password hash and sets its must-change flag. NotFound for an unknown
    /// user.
    Status set_password(const std::string& username, const std::string& password_hash,
                        bool must_change_password);

    Status create_session(const SessionRecord& s, std::int64_t now_ms);
    /// Returns the session when it exists and has not expired at now_ms.
    Result<std::optional<SessionRecord>> find_session(const std::string& token_hash,
                                                      std::int64_t now_ms);
    Status touch_session(const std::string& token_hash, std::int64_t expires_at_ms);
    Status delete_session(const std::string& token_hash);
    /// Deletes every session of a user except `keep_token_hash` (may be empty).
    Status delete_user_sessions(std::int64_t user_id, const std::string& keep_token_hash);
    Status delete_expired_sessions(std::int64_t now_ms);

    Status append_audit(const AuditRecord& a);
    Result<std::vector<AuditRecord>> recent_audit(int limit);

  private:
    Database& db_;
};

}  // namespace aitp::store
