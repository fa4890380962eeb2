// SPDX-License-Identifier: MIT
// Crash safety (README: every write is one transaction): a child process is killed with
// SIGKILL in the middle of writing; the parent then opens the file and finds the old or the
// new content, never part of a transaction.
#include <csignal>
#include <cstdint>
#include <functional>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/database.hpp"
#include "store/job_store.hpp"
#include "store/result_store.hpp"
#include "store/store_test_helpers.hpp"

namespace aitp::store {
namespace {

using testing::query_int;
using testing::query_rows;

// A child process running `body` with the write end of a pipe; it never returns to the test
// runner (it exits with _exit or is killed).
struct Child {
    pid_t pid = -1;
    int from_child = -1;

    explicit Child(const std::function<int(int to_parent)>& body) {
        int fds[2];
        if (::pipe(fds) != 0) return;
        pid = ::fork();
        if (pid == 0) {
            ::close(fds[0]);
            ::_exit(body(fds[1]));
        }
        ::close(fds[1]);
        from_child = fds[0];
    }
    ~Child() {
        if (from_child >= 0) ::close(from_child);
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    /// Reads one 4-byte message; false at end of file (the child is gone).
    bool receive(std::int32_t& value) const {
        return ::read(from_child, &value, sizeof value) == static_cast<ssize_t>(sizeof value);
    }
    /// Kills the child with SIGKILL and returns true when that is what ended it.
    bool kill_now() {
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        pid = -1;
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
};

void send(int fd, std::int32_t value) {
    if (::write(fd, &value, sizeof value) != static_cast<ssize_t>(sizeof value)) ::_exit(3);
}

[[noreturn]] void wait_to_be_killed() {
    for (;;) ::pause();
}

std::string integrity(Database& db) {
    const auto rows = query_rows(db, "PRAGMA integrity_check");
    return rows.empty() ? "no answer" : rows[0].text(0);
}

// The equity curve of row i: a length and bytes that depend on i.
std::string payload(std::int64_t i) {
    std::string s(static_cast<std::size_t>(20'000 + (i * 7919) % 200'000), ' ');
    for (std::size_t k = 0; k < s.size(); ++k) s[k] = static_cast<char>('a' + (k + i) % 26);
    return s;
}

BacktestRecord numbered(std::int64_t i, std::string equity_curve) {
    BacktestRecord r;
    r.exchange = "kraken";
    r.symbol = std::to_string(i);
    r.timeframe = "1h";
    r.strategy = "crash";
    r.equity_curve = std::move(equity_curve);
    return r;
}

TEST(CrashTest, KilledInsideAWriteTransactionLeavesTheOldContent) {
    testing::TempDatabase t;
    // 6 MiB values: more than SQLite's page cache (2 MB by default), so pages of the unfinished
    // transaction are written to the files before the kill, and the update reuses the pages
    // of the old value.
    const std::string old_value(6u << 20, 'o');
    Child child([&](int to_parent) {
        auto db = Database::open(t.path);
        if (!db) return 1;
        if (!ResultStore(**db).insert_backtest(numbered(1, old_value))) return 2;
        const std::string new_value(6u << 20, 'n');
        const Status s = (*db)->write([&](Connection& c) -> Status {
            AITP_TRY(
                c.execute("UPDATE backtest_results SET symbol='2', equity_curve=?1", {new_value}));
            AITP_TRY(
                c.execute("INSERT INTO backtest_results(exchange, symbol, timeframe, "
                          "strategy, equity_curve, created_at) "
                          "VALUES ('kraken', '3', '1h', 'crash', ?1, 'now')",
                          {new_value}));
            send(to_parent, 1);
            wait_to_be_killed();
        });
        return s ? 4 : 5;
    });
    std::int32_t ready = 0;
    ASSERT_TRUE(child.receive(ready)) << "the child did not reach the transaction";
    ASSERT_TRUE(child.kill_now());
    std::error_code ec;
    const auto wal_bytes = std::filesystem::file_size(t.path.string() + "-wal", ec);
    EXPECT_FALSE(ec) << "no -wal file";
    EXPECT_GT(ec ? 0 : wal_bytes, 3u << 20) << "the unfinished transaction reached the -wal file";
    t.open();
    EXPECT_EQ(integrity(*t.db), "ok");
    const auto rows = query_rows(*t.db, "SELECT symbol, equity_curve FROM backtest_results");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "1");
    EXPECT_TRUE(rows[0].text(1) == old_value) << "the old value is not whole";
    // And the file takes new writes.
    ASSERT_OK(ResultStore(*t.db).insert_backtest(numbered(2, "new")));
    EXPECT_EQ(query_int(*t.db, "SELECT count(*) FROM backtest_results"), 2);
}

// Rows are written one transaction each and acknowledged after commit; the child is killed
// at some point of its loop. Every acknowledged row is there (a process crash loses nothing
// committed, even with synchronous=NORMAL), at most one more, and each is whole.
TEST(CrashTest, KilledWhileWritingRowsLeavesWholeCommittedRows) {
    testing::TempDatabase t;
    std::int64_t expected_rows = 0;
    for (const int kill_after : {1, 7, 25}) {
        Child child([&](int to_parent) {
            auto db = Database::open(t.path);
            if (!db) return 1;
            ResultStore results(**db);
            for (std::int64_t i = expected_rows + 1;; ++i) {
                if (!results.insert_backtest(numbered(i, payload(i)))) return 2;
                send(to_parent, static_cast<std::int32_t>(i));
            }
        });
        std::int32_t acked = 0;
        std::int32_t last = 0;
        for (int k = 0; k < kill_after && child.receive(last); ++k) acked = last;
        ASSERT_EQ(acked, expected_rows + kill_after) << "the child stopped early";
        ASSERT_TRUE(child.kill_now());
        while (child.receive(last)) acked = last;  // acknowledgements sent before the kill

        t.open();
        ASSERT_EQ(integrity(*t.db), "ok");
        const auto rows = query_rows(*t.db,
                                     "SELECT symbol, equity_curve FROM backtest_results "
                                     "ORDER BY id");
        ASSERT_GE(static_cast<std::int64_t>(rows.size()), acked);
        ASSERT_LE(static_cast<std::int64_t>(rows.size()), acked + 1);
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const auto i = static_cast<std::int64_t>(k) + 1;
            ASSERT_EQ(rows[k].text(0), std::to_string(i));
            ASSERT_TRUE(rows[k].text(1) == payload(i)) << "row " << i << " is not whole";
        }
        expected_rows = static_cast<std::int64_t>(rows.size());
        t.close();
    }
}

TEST(CrashTest, JobLeftRunningByACrashIsFailedOnReopen) {
    testing::TempDatabase t;
    Child child([&](int to_parent) {
        auto db = Database::open(t.path);
        if (!db) return 1;
        JobStore jobs(**db);
        JobRecord j;
        j.id = "job-1";
        j.job_type = "screen";
        j.status = "pending";
        j.created_at = "2024-01-01T00:00:00Z";
        if (!jobs.insert(j) || !jobs.set_running("job-1", "2024-01-01T00:00:01Z") ||
            !jobs.set_progress("job-1", 0.3, "30%")) {
            return 2;
        }
        send(to_parent, 1);
        wait_to_be_killed();
    });
    std::int32_t ready = 0;
    ASSERT_TRUE(child.receive(ready));
    ASSERT_TRUE(child.kill_now());
    t.open();
    JobStore jobs(*t.db);
    ASSERT_OK_AND_ASSIGN(const auto before, jobs.get("job-1"));
    ASSERT_TRUE(before);
    EXPECT_EQ(before->status, "running");
    EXPECT_EQ(before->progress, 0.3);
    ASSERT_OK_AND_ASSIGN(const auto n, jobs.fail_interrupted("2024-01-01T01:00:00Z"));
    EXPECT_EQ(n, 1);
    ASSERT_OK_AND_ASSIGN(const auto after, jobs.get("job-1"));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, "failed");
    ASSERT_TRUE(after->error);
    EXPECT_NE(after->error->find("interrupted"), std::string::npos) << *after->error;
    EXPECT_EQ(after->completed_at, "2024-01-01T01:00:00Z");
}

}  // namespace
}  // namespace aitp::store
