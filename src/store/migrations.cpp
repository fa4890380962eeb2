// SPDX-License-Identifier: MIT
#include "store/migrations.hpp"

#include <array>
#include <string_view>

#include "store/database.hpp"

namespace aitp::store {

namespace {

// Append only: never edit a migration that has shipped.
constexpr std::array<std::string_view, 3> kMigrations = {
    // 1: users, sessions, audit log, jobs, results.
    R"sql(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    username TEXT,
    action TEXT NOT NULL,
    ip_address TEXT,
    status_code INTEGER,
    request_id TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    job_type TEXT NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    progress_message TEXT NOT NULL DEFAULT '',
    params TEXT NOT NULL DEFAULT '{}',
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT
);
CREATE INDEX jobs_created ON jobs(created_at);
CREATE TABLE backtest_results (
    id INTEGER PRIMARY KEY,
    job_id TEXT REFERENCES jobs(id),
    exchange TEXT NOT NULL,
    symbol TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    strategy TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    metrics TEXT NOT NULL DEFAULT '{}',
    equity_curve TEXT NOT NULL DEFAULT '[]',
    trades TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE TABLE screen_results (
    id INTEGER PRIMARY KEY,
    job_id TEXT REFERENCES jobs(id),
    exchange TEXT NOT NULL,
    symbol TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    strategy TEXT NOT NULL,
    total_combinations INTEGER NOT NULL DEFAULT 0,
    top_sharpe REAL,
    top_return REAL,
    top_results TEXT NOT NULL DEFAULT '[]',
    summary TEXT NOT NULL DEFAULT '{}',
    heatmap TEXT,
    created_at TEXT NOT NULL
);
)sql",
    // 2: a user whose password was generated (first start, offline reset) must change it at the
    // next login.
    R"sql(
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: stored metrics name the drawdown fraction max_drawdown_pct (issue 18: one drawdown
    // vocabulary); results written before keep their value under the new name.
    R"sql(
UPDATE backtest_results SET metrics = json_set(json_remove(metrics, '$.max_drawdown'),
    '$.max_drawdown_pct', json_extract(metrics, '$.max_drawdown'))
WHERE json_valid(metrics) AND json_type(metrics, '$.max_drawdown') IS NOT NULL;
UPDATE screen_results SET top_results = (
    SELECT json_group_array(json(CASE WHEN json_type(e.value, '$.max_drawdown') IS NULL
        THEN e.value
        ELSE json_set(json_remove(e.value, '$.max_drawdown'), '$.max_drawdown_pct',
                      json_extract(e.value, '$.max_drawdown')) END))
    FROM (SELECT value FROM json_each(screen_results.top_results) ORDER BY key) AS e)
WHERE json_valid(top_results) AND json_type(top_results) = 'array'
    AND top_results LIKE '%"max_drawdown"%';
)sql",
};

/// Runs the statements of a migration script (separated by ";\n") one at a time.
Status run_script(Connection& c, std::string_view script) {
    std::size_t start = 0;
    while (start < script.size()) {
        std::size_t end = script.find(";\n", start);
        if (end == std::string_view::npos) end = script.size();
        const std::string_view stmt = script.substr(start, end - start);
        if (stmt.find_first_not_of(" \n\t") != std::string_view::npos) AITP_TRY(c.execute(stmt));
        start = end + 2;
    }
    return ok_status();
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Result<int> apply_migrations(Database& db) {
    AITP_TRY(db.write([](Connection& c) -> Status {
        AITP_TRY(
            c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
        return ok_status();
    }));
    int version = 0;
    AITP_TRY(db.write([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows,
                        c.query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        version = static_cast<int>(rows.at(0).integer(0));
        return ok_status();
    }));
    if (version > latest_schema_version()) {
        return fail(Error::not_supported(
            "the database was written by a newer aitp (schema " + std::to_string(version) +
            "; this build knows schemas up to " + std::to_string(latest_schema_version()) + ")"));
    }
    for (int v = version + 1; v <= latest_schema_version(); ++v) {
        AITP_TRY(db.write([&](Connection& c) -> Status {
            AITP_TRY(run_script(c, kMigrations[static_cast<std::size_t>(v - 1)]));
            AITP_TRY(
                c.execute("INSERT INTO schema_migrations(version) VALUES (?1)", {std::int64_t{v}}));
            return ok_status();
        }));
    }
    return latest_schema_version();
}

}  // namespace aitp::store
