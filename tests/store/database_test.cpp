// SPDX-License-Identifier: MIT
#include "store/database.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "store/auth_store.hpp"
#include "store/migrations.hpp"
#include "store/store_test_helpers.hpp"

namespace aitp::store {
namespace {

using testing::query_int;
using testing::query_rows;
using testing::TempDatabase;

std::vector<std::string> table_names(Database& db) {
    std::vector<std::string> names;
    for (const auto& r : query_rows(db,
                                    "SELECT name FROM sqlite_master WHERE type='table' "
                                    "ORDER BY name")) {
        names.push_back(r.text(0));
    }
    return names;
}

std::vector<std::int64_t> recorded_versions(Database& db) {
    std::vector<std::int64_t> v;
    for (const auto& r : query_rows(db, "SELECT version FROM schema_migrations ORDER BY version"))
        v.push_back(r.integer(0));
    return v;
}

std::vector<std::int64_t> one_to(int n) {
    std::vector<std::int64_t> v;
    for (int i = 1; i <= n; ++i) v.push_back(i);
    return v;
}

// An open error is one line that names the file.
void expect_names_file(const Error& e, const std::filesystem::path& path) {
    EXPECT_NE(e.message().find(path.string()), std::string::npos) << e.message();
    EXPECT_EQ(e.message().find('\n'), std::string::npos) << e.message();
}

std::string file_bytes(const std::filesystem::path& p) { return aitp::testing::read_text(p); }

TEST(DatabaseTest, FreshFileHasEveryTableAtTheLatestVersion) {
    TempDatabase t;
    ASSERT_FALSE(std::filesystem::exists(t.path));
    t.open();
    ASSERT_GE(latest_schema_version(), 1);
    EXPECT_EQ(t.db->schema_version(), latest_schema_version());
    EXPECT_EQ(t.db->path(), t.path);
    EXPECT_EQ(recorded_versions(*t.db), one_to(latest_schema_version()));
    // The tables of migration 1 (users, sessions, audit log, jobs, results) and the record.
    EXPECT_EQ(table_names(*t.db), (std::vector<std::string>{"audit_log", "backtest_results", "jobs",
                                                            "schema_migrations", "screen_results",
                                                            "sessions", "users"}));
}

TEST(DatabaseTest, ReopeningKeepsDataAndAppliesNoMigrationTwice) {
    TempDatabase t;
    t.open();
    ASSERT_OK(AuthStore(*t.db).create_user("alice", "hash", false));
    const auto applied = query_rows(*t.db, "SELECT applied_at FROM schema_migrations");
    for (int i = 0; i < 3; ++i) {
        t.open();
        EXPECT_EQ(t.db->schema_version(), latest_schema_version());
        EXPECT_EQ(recorded_versions(*t.db), one_to(latest_schema_version()));
        const auto again = query_rows(*t.db, "SELECT applied_at FROM schema_migrations");
        ASSERT_EQ(again.size(), applied.size());
        for (std::size_t k = 0; k < again.size(); ++k)
            EXPECT_EQ(again[k].text(0), applied[k].text(0));
        EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM users WHERE username='alice'"), 1);
    }
}

TEST(DatabaseTest, CreatesMissingParentDirectories) {
    aitp::testing::TempDir dir;
    const auto path = dir / "a" / "b" / "aitp.db";
    auto db = Database::open(path);
    ASSERT_TRUE(db) << db.error().to_string();
    EXPECT_TRUE(std::filesystem::is_regular_file(path));
}

// Issue 16 item 17: the database holds password and session hashes, so the file, its WAL and
// shared-memory files and the directories created for it are owner-only, whatever the umask.
TEST(DatabaseTest, FilesAndCreatedDirectoriesAreOwnerOnly) {
    aitp::testing::TempDir dir;
    const auto path = dir / "data" / "aitp.db";
    const mode_t old_umask = ::umask(022);
    auto db = Database::open(path);
    ::umask(old_umask);
    ASSERT_TRUE(db) << db.error().to_string();
    ASSERT_OK((*db)->write([](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('x', 'now')"));
        return ok_status();
    }));
    const auto mode = [](const std::filesystem::path& p) {
        struct stat st {};
        EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
        return st.st_mode & 0777;
    };
    EXPECT_EQ(mode(dir / "data"), 0700u);
    EXPECT_EQ(mode(path), 0600u);
    EXPECT_EQ(mode(path.string() + "-wal"), 0600u);
    EXPECT_EQ(mode(path.string() + "-shm"), 0600u);
}

TEST(DatabaseTest, ExistingWorldReadableDatabaseIsNarrowedToOwnerOnly) {
    testing::TempDatabase t;
    t.open();
    t.close();
    ASSERT_EQ(::chmod(t.path.c_str(), 0644), 0);
    t.open();
    struct stat st {};
    ASSERT_EQ(::stat(t.path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(DatabaseTest, NewerSchemaIsRefusedWithOneLineNamingTheFile) {
    TempDatabase t;
    t.open();
    const std::int64_t newer = latest_schema_version() + 1;
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO schema_migrations(version) VALUES (?1)", {newer}));
        return ok_status();
    }));
    t.close();
    const auto reopened = Database::open(t.path);
    ASSERT_FALSE(reopened);
    EXPECT_EQ(reopened.error().code(), ErrorCode::NotSupported);
    expect_names_file(reopened.error(), t.path);
    EXPECT_NE(reopened.error().message().find("newer"), std::string::npos)
        << reopened.error().message();
    EXPECT_NE(reopened.error().message().find("schema " + std::to_string(newer)), std::string::npos)
        << reopened.error().message();
}

// Migration 3 (issue 18 item 5): results stored before the drawdown was named
// max_drawdown_pct keep their value under the new name; other fields and order stay.
TEST(DatabaseTest, MigrationThreeRenamesTheStoredDrawdown) {
    TempDatabase t;
    t.open();
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute(
            "INSERT INTO backtest_results(exchange, symbol, timeframe, strategy, metrics, "
            "created_at) VALUES ('s', 'X', '1h', 'a', "
            "'{\"max_drawdown\":0.25,\"sharpe_ratio\":1}', "
            "'t'), ('s', 'X', '1h', 'b', '{\"max_drawdown_pct\":0.5}', 't')"));
        AITP_TRY(c.execute(
            "INSERT INTO screen_results(exchange, symbol, timeframe, strategy, top_results, "
            "created_at) VALUES ('s', 'X', '1h', 'a', "
            "'[{\"max_drawdown\":0.1,\"n\":1},{\"max_drawdown\":null,\"n\":2},{\"n\":3}]', 't')"));
        // Pretend the file was written at schema 2.
        AITP_TRY(c.execute("DELETE FROM schema_migrations WHERE version >= 3"));
        return ok_status();
    }));
    t.open();
    EXPECT_EQ(recorded_versions(*t.db), one_to(latest_schema_version()));
    const auto bt = query_rows(*t.db, "SELECT metrics FROM backtest_results ORDER BY id");
    ASSERT_EQ(bt.size(), 2u);
    EXPECT_EQ(bt[0].text(0), R"({"sharpe_ratio":1,"max_drawdown_pct":0.25})");
    EXPECT_EQ(bt[1].text(0), R"({"max_drawdown_pct":0.5})");
    EXPECT_EQ(query_rows(*t.db, "SELECT top_results FROM screen_results")[0].text(0),
              R"([{"n":1,"max_drawdown_pct":0.1},{"n":2,"max_drawdown_pct":null},{"n":3}])");
}

TEST(DatabaseTest, NonSqliteFileIsRefusedNamingItAndLeftUntouched) {
    aitp::testing::TempDir dir;
    const auto path = dir / "aitp.db";
    std::string text;
    for (int i = 0; i < 200; ++i) text += "timestamp,open,high,low,close,volume\n";
    aitp::testing::write_text(path, text);
    const auto db = Database::open(path);
    ASSERT_FALSE(db);
    expect_names_file(db.error(), path);
    EXPECT_EQ(file_bytes(path), text);
    EXPECT_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST(DatabaseTest, CorruptDatabaseIsRefusedNamingTheFile) {
    TempDatabase t;
    t.open();
    ASSERT_OK(AuthStore(*t.db).create_user("alice", "hash", false));
    t.close();
    // Keep SQLite's 100-byte header and overwrite the rest of the file (the schema and every
    // table page) with garbage.
    std::string bytes = file_bytes(t.path);
    ASSERT_GT(bytes.size(), 4096u);
    for (std::size_t i = 100; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ i);
    aitp::testing::write_text(t.path, bytes);
    const auto db = Database::open(t.path);
    ASSERT_FALSE(db);
    expect_names_file(db.error(), t.path);
}

TEST(DatabaseTest, TruncatedHeaderIsRefusedNamingTheFile) {
    TempDatabase t;
    t.open();
    t.close();
    const std::string bytes = file_bytes(t.path);
    aitp::testing::write_text(t.path, bytes.substr(0, 50));
    const auto db = Database::open(t.path);
    ASSERT_FALSE(db);
    expect_names_file(db.error(), t.path);
}

TEST(DatabaseTest, DirectoryInsteadOfFileIsRefusedNamingIt) {
    aitp::testing::TempDir dir;
    const auto path = dir / "aitp.db";
    std::filesystem::create_directories(path);
    const auto db = Database::open(path);
    ASSERT_FALSE(db);
    expect_names_file(db.error(), path);
}

// README: WAL mode, synchronous=NORMAL, busy timeout 5 s, foreign keys on.
TEST(DatabaseTest, WriterHasThePragmasTheReadmePromises) {
    TempDatabase t;
    t.open();
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto mode, c.query("PRAGMA journal_mode"));
        EXPECT_EQ(mode.at(0).text(0), "wal");
        AITP_TRY_ASSIGN(const auto sync, c.query("PRAGMA synchronous"));
        EXPECT_EQ(sync.at(0).integer(0), 1) << "1 is NORMAL";
        AITP_TRY_ASSIGN(const auto fk, c.query("PRAGMA foreign_keys"));
        EXPECT_EQ(fk.at(0).integer(0), 1);
        AITP_TRY_ASSIGN(const auto busy, c.query("PRAGMA busy_timeout"));
        EXPECT_EQ(busy.at(0).integer(0), 5000);
        return ok_status();
    }));
    EXPECT_GT(t.db->wal_bytes(), 0u) << "a WAL database keeps a -wal file while open";
}

TEST(DatabaseTest, ReadersHaveThePragmasAndCannotWrite) {
    TempDatabase t;
    t.open();
    for (int i = 0; i < 8; ++i) {  // every reader of the pool
        const Status s = t.db->read([&](Connection& c) -> Status {
            AITP_TRY_ASSIGN(const auto mode, c.query("PRAGMA journal_mode"));
            EXPECT_EQ(mode.at(0).text(0), "wal");
            AITP_TRY_ASSIGN(const auto fk, c.query("PRAGMA foreign_keys"));
            EXPECT_EQ(fk.at(0).integer(0), 1);
            AITP_TRY_ASSIGN(const auto busy, c.query("PRAGMA busy_timeout"));
            EXPECT_EQ(busy.at(0).integer(0), 5000);
            const auto w = c.execute("INSERT INTO audit_log(action, created_at) VALUES ('x', 'y')");
            EXPECT_FALSE(w) << "reader connections are read-only";
            return ok_status();
        });
        ASSERT_OK(s);
    }
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 0);
}

TEST(DatabaseTest, FailedWriteRollsBackEverythingItDid) {
    TempDatabase t;
    t.open();
    const Status s = t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('a', 'now')"));
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('b', 'now')"));
        return fail(Error::invalid_argument("stop here"));
    });
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().message(), "stop here");
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 0);
    // A failing statement inside the callback rolls back the statements before it too.
    const Status bad = t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('a', 'now')"));
        AITP_TRY(c.execute("INSERT INTO no_such_table VALUES (1)"));
        return ok_status();
    });
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message().find("no_such_table"), std::string::npos)
        << bad.error().message();
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 0);
    // The writer is usable afterwards.
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('c', 'now')"));
        return ok_status();
    }));
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 1);
}

TEST(DatabaseTest, ReadersSeeOnlyCommittedState) {
    TempDatabase t;
    t.open();
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("INSERT INTO audit_log(action, created_at) VALUES ('a', 'now')"));
        EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 0);
        return ok_status();
    }));
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log"), 1);
}

// Read-modify-write inside write() from several threads and from a second Database on the
// same file (as a second process would): every increment lands, none is lost.
TEST(DatabaseTest, WritesAreSerialisedAcrossThreadsAndConnections) {
    TempDatabase t;
    t.open();
    auto second = Database::open(t.path, 1);
    ASSERT_TRUE(second) << second.error().to_string();
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(
            c.execute("INSERT INTO jobs(id, job_type, status, created_at, progress) "
                      "VALUES ('counter', 't', 'running', 'now', 0)"));
        return ok_status();
    }));
    constexpr int kThreads = 4;
    constexpr int kIncrements = 25;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        Database& db = (i % 2 == 0) ? *t.db : **second;
        threads.emplace_back([&db, &failures] {
            for (int k = 0; k < kIncrements; ++k) {
                const Status s = db.write([&](Connection& c) -> Status {
                    AITP_TRY_ASSIGN(const auto rows,
                                    c.query("SELECT progress FROM jobs WHERE id='counter'"));
                    const double v = rows.at(0).real(0) + 1.0;
                    AITP_TRY(c.execute("UPDATE jobs SET progress=?1 WHERE id='counter'", {v}));
                    return ok_status();
                });
                if (!s) ++failures;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(query_int(*t.db, "SELECT progress FROM jobs WHERE id='counter'"),
              kThreads * kIncrements);
}

// Values bound as parameters come back byte for byte, whatever they contain.
TEST(DatabaseTest, BoundTextRoundTripsByteForByte) {
    TempDatabase t;
    t.open();
    for (const auto& s : testing::awkward_strings(4u << 20)) {
        std::int64_t id = 0;
        ASSERT_OK(t.db->write([&](Connection& c) -> Status {
            AITP_TRY(
                c.execute("INSERT INTO audit_log(action, created_at) VALUES (?1, 'now')", {s}));
            id = c.last_insert_id();
            return ok_status();
        }));
        const auto rows = query_rows(*t.db,
                                     "SELECT action, length(CAST(action AS BLOB)) FROM "
                                     "audit_log WHERE id=?1",
                                     {id});
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_TRUE(rows[0].text(0) == s)
            << "length " << s.size() << " came back as " << rows[0].text(0).size();
        EXPECT_EQ(rows[0].integer(1), static_cast<std::int64_t>(s.size()));
        // And it can be looked up by equality.
        EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM audit_log WHERE action=?1", {s}), 1);
    }
    EXPECT_EQ(table_names(*t.db).size(), 7u) << "nothing was dropped";
}

TEST(DatabaseTest, IntegersAndRealsRoundTrip) {
    TempDatabase t;
    t.open();
    const std::vector<std::int64_t> ints = {0, -1, std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max()};
    const std::vector<double> reals = {0.0, -0.5, 1e-300, 1.7976931348623157e308,
                                       std::numeric_limits<double>::infinity()};
    ASSERT_OK(t.db->write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("CREATE TABLE numbers (i INTEGER, r REAL)"));
        for (std::size_t k = 0; k < ints.size(); ++k)
            AITP_TRY(c.execute("INSERT INTO numbers VALUES (?1, NULL)", {ints[k]}));
        for (double r : reals) AITP_TRY(c.execute("INSERT INTO numbers VALUES (NULL, ?1)", {r}));
        return ok_status();
    }));
    const auto i_rows =
        query_rows(*t.db, "SELECT i FROM numbers WHERE i IS NOT NULL ORDER BY rowid");
    ASSERT_EQ(i_rows.size(), ints.size());
    for (std::size_t k = 0; k < ints.size(); ++k) EXPECT_EQ(i_rows[k].integer(0), ints[k]);
    const auto r_rows =
        query_rows(*t.db, "SELECT r FROM numbers WHERE r IS NOT NULL ORDER BY rowid");
    ASSERT_EQ(r_rows.size(), reals.size());
    for (std::size_t k = 0; k < reals.size(); ++k) EXPECT_EQ(r_rows[k].real(0), reals[k]);
}

TEST(DatabaseTest, BadSqlIsAnErrorNotACrash) {
    TempDatabase t;
    t.open();
    const std::vector<std::pair<std::string, std::vector<SqlValue>>> cases = {
        {"", {}},
        {"   ", {}},
        {"SELEC 1", {}},
        {"SELECT * FROM nowhere", {}},
        {"SELECT 1", {std::int64_t{1}}},  // more parameters than placeholders
        {"SELECT ?1", {std::int64_t{1}, std::int64_t{2}}},
    };
    for (const auto& [sql, params] : cases) {
        const Status s = t.db->read([&](Connection& c) -> Status {
            AITP_TRY(c.query(sql, params));
            return ok_status();
        });
        EXPECT_FALSE(s) << "'" << sql << "'";
    }
}

}  // namespace
}  // namespace aitp::store
