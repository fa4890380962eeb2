// SPDX-License-Identifier: MIT
#include "store/auth_store.hpp"

namespace aitp::store {

Result<std::int64_t> AuthStore::user_count() {
    std::int64_t n = 0;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows, c.query("SELECT count(*) FROM users"));
        n = rows.at(0).integer(0);
        return ok_status();
    }));
    return n;
}

Result<std::int64_t> AuthStore::create_user(const std::string& username, const std::string& hash,
                                            bool is_admin, bool must_change_password) {
    std::int64_t id = 0;
    AITP_TRY(db_.write([&](Connection& c) -> Status {
        auto r = c.execute(
            "INSERT INTO users(username, password_hash, is_admin, must_change_password, "
            "created_at) VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            {username, hash, std::int64_t{is_admin ? 1 : 0},
             std::int64_t{must_change_password ? 1 : 0}});
        if (!r) return fail(Error::conflict("user '" + username + "' exists already"));
        id = c.last_insert_id();
        return ok_status();
    }));
    return id;
}

Result<std::optional<UserRecord>> AuthStore::find_user(const std::string& username) {
    std::optional<UserRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query("SELECT id, username, password_hash, is_admin, must_change_password FROM users "
                    "WHERE username=?1",
                    {username}));
        if (!rows.empty())
            out = UserRecord{rows[0].integer(0), rows[0].text(1), rows[0].text(2),
                             rows[0].integer(3) != 0, rows[0].integer(4) != 0};
        return ok_status();
    }));
    return out;
}

Status AuthStore::set_password(const std::string& username, const std::string& hash,
                               bool must_change_password) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto changed,
                        c.execute("UPDATE users SET password_hash=?2, must_change_password=?3 "
                                  "WHERE username=?1",
                                  {username, hash, std::int64_t{must_change_password ? 1 : 0}}));
        if (changed == 0) return fail(Error::not_found("no user '" + username + "'"));
        return ok_status();
    });
}

Status AuthStore::create_session(const SessionRecord& s, std::int64_t now_ms) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(
            c.execute("INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, "
                      "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                      {s.token_hash, s.user_id, s.csrf_token, now_ms, s.expires_at_ms}));
        return ok_status();
    });
}

Result<std::optional<SessionRecord>> AuthStore::find_session(const std::string& token_hash,
                                                             std::int64_t now_ms) {
    std::optional<SessionRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query("SELECT s.token_hash, s.user_id, u.username, s.csrf_token, s.expires_at, "
                    "u.must_change_password FROM sessions s JOIN users u ON u.id = s.user_id "
                    "WHERE s.token_hash=?1 AND s.expires_at > ?2",
                    {token_hash, now_ms}));
        if (!rows.empty()) {
            const Row& r = rows[0];
            out = SessionRecord{r.text(0), r.integer(1), r.text(2),
                                r.text(3), r.integer(4), r.integer(5) != 0};
        }
        return ok_status();
    }));
    return out;
}

Status AuthStore::touch_session(const std::string& token_hash, std::int64_t expires_at_ms) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("UPDATE sessions SET expires_at=?2 WHERE token_hash=?1",
                           {token_hash, expires_at_ms}));
        return ok_status();
    });
}

Status AuthStore::delete_session(const std::string& token_hash) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("DELETE FROM sessions WHERE token_hash=?1", {token_hash}));
        return ok_status();
    });
}

Status AuthStore::delete_user_sessions(std::int64_t user_id, const std::string& keep_token_hash) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("DELETE FROM sessions WHERE user_id=?1 AND token_hash<>?2",
                           {user_id, keep_token_hash}));
        return ok_status();
    });
}

Status AuthStore::delete_expired_sessions(std::int64_t now_ms) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("DELETE FROM sessions WHERE expires_at <= ?1", {now_ms}));
        return ok_status();
    });
}

Status AuthStore::append_audit(const AuditRecord& a) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute(
            "INSERT INTO audit_log(username, action, ip_address, status_code, request_id, "
            "created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
            {a.username, a.action, a.ip_address, std::int64_t{a.status_code}, a.request_id}));
        return ok_status();
    });
}

Result<std::vector<AuditRecord>> AuthStore::recent_audit(int limit) {
    std::vector<AuditRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query("SELECT username, action, ip_address, status_code, request_id, created_at "
                    "FROM audit_log ORDER BY id DESC LIMIT ?1",
                    {std::int64_t{limit}}));
        for (const auto& r : rows) {
            out.push_back({r.text(0), r.text(1), r.text(2), static_cast<int>(r.integer(3)),
                           r.text(4), r.text(5)});
        }
        return ok_status();
    }));
    return out;
}

}  // namespace aitp::store
