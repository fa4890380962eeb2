// SPDX-License-Identifier: MIT
// Database: the application's SQLite file (<data-dir>/aitp.db) in WAL mode with
// synchronous=NORMAL and a busy timeout, versioned migrations run at open, one writer
// connection (serialised by a mutex, every write in a transaction) and a small pool of reader
// connections. SQLite types never leave this module. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.hpp"

namespace aitp::store {

/// A value bound to or read from SQL: NULL, integer, real or text.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

/// One row of a query, columns in SELECT order.
struct Row {
    std::vector<SqlValue> values;

    std::int64_t integer(std::size_t i) const;
    double real(std::size_t i) const;
    /// Text, or "" for NULL.
    std::string text(std::size_t i) const;
    bool is_null(std::size_t i) const {
        return std::holds_alternative<std::nullptr_t>(values.at(i));
    }
};

/// A connection handed to a read or write callback; valid only inside it.
class Connection {
  public:
    virtual ~Connection() = default;
    /// Runs one statement with bound parameters (?1, ?2, ...); returns the rows.
    virtual Result<std::vector<Row>> query(std::string_view sql,
                                           const std::vector<SqlValue>& params = {}) = 0;
    /// Runs one statement; returns the number of changed rows.
    virtual Result<std::int64_t> execute(std::string_view sql,
                                         const std::vector<SqlValue>& params = {}) = 0;
    virtual std::int64_t last_insert_id() = 0;
};

class Database {
  public:
    /// Opens (creating if needed) the file and applies pending migrations. Every error names
    /// the file; NotSupported when its schema is newer than this build's.
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                  int readers = 4);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs fn inside BEGIN IMMEDIATE ... COMMIT on the writer connection; rolls back when fn
    /// fails. Writers are serialised.
    Status write(const std::function<Status(Connection&)>& fn);

    /// Runs fn on one of the reader connections (sees the last committed state).
    Status read(const std::function<Status(Connection&)>& fn);

    /// Returns the schema version after migrations.
    int schema_version() const { return schema_version_; }
    const std::filesystem::path& path() const { return path_; }

    /// Size of the -wal file in bytes (0 when absent).
    std::uintmax_t wal_bytes() const;

  private:
    struct Impl;
    Database(std::filesystem::path path, std::unique_ptr<Impl> impl);
    std::filesystem::path path_;
    std::unique_ptr<Impl> impl_;
    int schema_version_ = 0;
};

}  // namespace aitp::store
