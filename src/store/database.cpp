// SPDX-License-Identifier: MIT
#include "store/database.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/migrations.hpp"

namespace aitp::store {

namespace fs = std::filesystem;

std::int64_t Row::integer(std::size_t i) const {
    const auto& v = values.at(i);
    if (const auto* x = std::get_if<std::int64_t>(&v)) return *x;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return 0;
}

double Row::real(std::size_t i) const {
    const auto& v = values.at(i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* x = std::get_if<std::int64_t>(&v)) return static_cast<double>(*x);
    return 0.0;
}

std::string Row::text(std::size_t i) const {
    const auto& v = values.at(i);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* x = std::get_if<std::int64_t>(&v)) return std::to_string(*x);
    if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
    return {};
}

namespace {

class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override { sqlite3_close_v2(db_); }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Result<std::vector<Row>> query(std::string_view sql,
                                   const std::vector<SqlValue>& params) override {
        std::vector<Row> rows;
        AITP_TRY(run(sql, params, &rows));
        return rows;
    }

    Result<std::int64_t> execute(std::string_view sql,
                                 const std::vector<SqlValue>& params) override {
        AITP_TRY(run(sql, params, nullptr));
        return static_cast<std::int64_t>(sqlite3_changes(db_));
    }

    std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }

    Status exec_script(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err != nullptr ? err : "sqlite error";
            sqlite3_free(err);
            return fail(Error::io_error(msg));
        }
        return ok_status();
    }

  private:
    Error error(std::string_view what) const {
        return Error::io_error(fmt::format("sqlite: {}: {}", what, sqlite3_errmsg(db_)));
    }

    Status bind(sqlite3_stmt* st, const std::vector<SqlValue>& params) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int idx = static_cast<int>(i) + 1;
            int rc = SQLITE_OK;
            if (const auto* x = std::get_if<std::int64_t>(&params[i])) {
                rc = sqlite3_bind_int64(st, idx, *x);
            } else if (const auto* d = std::get_if<double>(&params[i])) {
                rc = sqlite3_bind_double(st, idx, *d);
            } else if (const auto* s = std::get_if<std::string>(&params[i])) {
                rc = sqlite3_bind_text(st, idx, s->data(), static_cast<int>(s->size()),
                                       SQLITE_TRANSIENT);
            } else {
                rc = sqlite3_bind_null(st, idx);
            }
            if (rc != SQLITE_OK) return fail(error("bind"));
        }
        return ok_status();
    }

    static SqlValue column(sqlite3_stmt* st, int c) {
        switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER:
                return static_cast<std::int64_t>(sqlite3_column_int64(st, c));
            case SQLITE_FLOAT:
                return sqlite3_column_double(st, c);
            case SQLITE_NULL:
                return nullptr;
            default: {
                const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
                return std::string(p != nullptr ? p : "",
                                   static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
            }
        }
    }

    Status run(std::string_view sql, const std::vector<SqlValue>& params, std::vector<Row>* rows) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr) !=
            SQLITE_OK) {
            return fail(error("prepare"));
        }
        Status s = bind(st, params);
        while (s) {
            const int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                s = fail(error("step"));
                break;
            }
            if (rows != nullptr) {
                Row r;
                const int n = sqlite3_column_count(st);
                r.values.reserve(static_cast<std::size_t>(n));
                for (int c = 0; c < n; ++c) r.values.push_back(column(st, c));
                rows->push_back(std::move(r));
            }
        }
        sqlite3_finalize(st);
        return s;
    }

    sqlite3* db_;
};

Result<std::unique_ptr<SqliteConnection>> open_connection(const fs::path& path, bool readonly) {
    sqlite3* db = nullptr;
    const int flags =
        (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string msg = fmt::format("cannot open database: {}",
                                      db != nullptr ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close_v2(db);
        return fail(Error::io_error(msg));
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 5000);
    // SQLite reads the file only now: a file that is not a database fails here.
    const Status pragmas =
        conn->exec_script(readonly ? "PRAGMA foreign_keys=ON;"
                                   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                     "PRAGMA foreign_keys=ON;");
    if (!pragmas) return fail(pragmas.error().with_context("cannot open database"));
    return conn;
}

// The database holds password and session hashes, so it is owner-only: missing directories are
// made 0700 and a new file 0600 before SQLite opens it (SQLite gives its -wal and -shm files the
// database file's mode). An existing file, -wal or -shm readable by others is narrowed to 0600.
Status prepare_private_file(const fs::path& path) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = path.parent_path(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
            return fail(Error::io_error(
                fmt::format("cannot create directory {}: {}", it->string(), std::strerror(errno))));
        }
    }
    if (!fs::exists(path, ec)) {
        const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
    }
    for (const std::string suffix : {"", "-wal", "-shm"}) {
        const fs::path f = path.string() + suffix;
        struct stat st {};
        if (::stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0)
            (void)::chmod(f.c_str(), st.st_mode & 0700);
    }
    return ok_status();
}

}  // namespace

struct Database::Impl {
    std::mutex write_mu;
    std::unique_ptr<SqliteConnection> writer;
    struct Reader {
        std::mutex mu;
        std::unique_ptr<SqliteConnection> conn;
    };
    std::vector<std::unique_ptr<Reader>> readers;
    std::atomic<std::size_t> next_reader{0};
};

Database::Database(fs::path path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const fs::path& path, int readers) {
    auto opened = [&]() -> Result<std::unique_ptr<Database>> {
        AITP_TRY(prepare_private_file(path));
        auto impl = std::make_unique<Impl>();
        AITP_TRY_ASSIGN(impl->writer, open_connection(path, false));
        std::unique_ptr<Database> db(new Database(path, std::move(impl)));
        AITP_TRY_ASSIGN(db->schema_version_, apply_migrations(*db));
        for (int i = 0; i < std::max(readers, 1); ++i) {
            auto r = std::make_unique<Impl::Reader>();
            AITP_TRY_ASSIGN(r->conn, open_connection(path, true));
            db->impl_->readers.push_back(std::move(r));
        }
        return db;
    }();
    // Every failure to open names the file (not a database, corrupt, newer schema, ...).
    if (!opened) return fail(opened.error().with_context(path.string()));
    return opened;
}

Status Database::write(const std::function<Status(Connection&)>& fn) {
    std::lock_guard lock(impl_->write_mu);
    AITP_TRY(impl_->writer->exec_script("BEGIN IMMEDIATE"));
    Status s = fn(*impl_->writer);
    if (s) s = impl_->writer->exec_script("COMMIT");
    if (!s) (void)impl_->writer->exec_script("ROLLBACK");
    return s;
}

Status Database::read(const std::function<Status(Connection&)>& fn) {
    if (impl_->readers.empty()) {
        std::lock_guard lock(impl_->write_mu);
        return fn(*impl_->writer);
    }
    auto& r = *impl_->readers[impl_->next_reader++ % impl_->readers.size()];
    std::lock_guard lock(r.mu);
    return fn(*r.conn);
}

std::uintmax_t Database::wal_bytes() const {
    std::error_code ec;
    const auto n = fs::file_size(fs::path(path_.string() + "-wal"), ec);
    return ec ? 0 : n;
}

}  // namespace aitp::store
