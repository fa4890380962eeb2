// SPDX-License-Identifier: MIT
// Helpers for the store tests (assertions: support/result.hpp): a database opened in
// a fresh temporary directory, a raw query, and strings that are hard to store.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/status.hpp"
#include "store/database.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::store::testing {

/// A Database in its own temporary directory (removed at the end of the test).
struct TempDatabase {
    aitp::testing::TempDir dir;
    std::filesystem::path path = dir / "aitp.db";
    std::unique_ptr<Database> db;

    /// Opens (or reopens) the file; fails the test when it cannot.
    void open() {
        db.reset();
        auto opened = Database::open(path);
        ASSERT_TRUE(opened) << opened.error().to_string();
        db = std::move(*opened);
    }
    void close() { db.reset(); }
};

/// Runs one read-only query on a reader connection and returns its rows (fails the test on
/// error).
inline std::vector<Row> query_rows(Database& db, const std::string& sql,
                                   const std::vector<SqlValue>& params = {}) {
    std::vector<Row> out;
    const Status s = db.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(out, c.query(sql, params));
        return ok_status();
    });
    EXPECT_TRUE(s) << sql << ": " << s.error().to_string();
    return out;
}

/// The single integer a query returns (count(*) and the like).
inline std::int64_t query_int(Database& db, const std::string& sql,
                              const std::vector<SqlValue>& params = {}) {
    const auto rows = query_rows(db, sql, params);
    EXPECT_EQ(rows.size(), 1u) << sql;
    return rows.empty() ? -1 : rows[0].integer(0);
}

/// Strings that must come back byte for byte: quotes and SQL, non-UTF-8 bytes, an embedded
/// NUL, the empty string and a long string (256 KiB by default: 64 pages of overflow, every
/// byte value).
inline std::vector<std::string> awkward_strings(std::size_t long_size = 256u << 10) {
    std::string long_text(long_size, 'x');
    for (std::size_t i = 0; i < long_text.size(); i += 4099) long_text[i] = static_cast<char>(i);
    return {
        "Robert'); DROP TABLE users;--",
        "\"double\" 'single' `back` ; -- /* */ %_ \\",
        std::string("\xff\xfe\xc0\x80\xed\xa0\x80 not UTF-8"),
        std::string("before\0after", 12),
        "",
        long_text,
    };
}

}  // namespace aitp::store::testing
