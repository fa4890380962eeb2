// SPDX-License-Identifier: MIT
#include "store/job_store.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace aitp::store {

namespace {

constexpr const char* kColumns =
    "id, job_type, status, progress, progress_message, params, result, error, created_at, "
    "started_at, completed_at";

std::optional<std::string> opt_text(const Row& r, std::size_t i) {
    if (r.is_null(i)) return std::nullopt;
    return r.text(i);
}

JobRecord to_job(const Row& r) {
    return {r.text(0),      r.text(1),      r.text(2), r.real(3),      r.text(4),      r.text(5),
            opt_text(r, 6), opt_text(r, 7), r.text(8), opt_text(r, 9), opt_text(r, 10)};
}

SqlValue nullable(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return *s;
}

std::string format_duration(std::int64_t ms) {
    if (ms < 60'000) return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
    const std::int64_t s = ms / 1000;
    if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
    return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}

}  // namespace

std::string finished_job_message(const std::string& status,
                                 const std::optional<std::string>& started_at,
                                 const std::string& completed_at) {
    std::string word = status == "completed" ? "done" : status;
    if (!started_at) return word;
    const auto from = parse_iso8601(*started_at);
    const auto to = parse_iso8601(completed_at);
    if (!from || !to) return word;
    const std::int64_t ms = std::max<std::int64_t>(*to - *from, 0);
    return word + (status == "completed" ? " in " : " after ") + format_duration(ms);
}

Status JobStore::insert(const JobRecord& j) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute(
            "INSERT INTO jobs(id, job_type, status, progress, progress_message, params, "
            "created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            {j.id, j.job_type, j.status, j.progress, j.progress_message, j.params, j.created_at}));
        return ok_status();
    });
}

Status JobStore::set_running(const std::string& id, const std::string& at) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute(
            "UPDATE jobs SET status='running', started_at=?2 WHERE id=?1 AND status='pending'",
            {id, at}));
        return ok_status();
    });
}

Status JobStore::set_progress(const std::string& id, double progress, const std::string& message) {
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY(c.execute("UPDATE jobs SET progress=?2, progress_message=?3 WHERE id=?1",
                           {id, progress, message}));
        return ok_status();
    });
}

Status JobStore::finish(const std::string& id, const std::string& status,
                        const std::optional<std::string>& result,
                        const std::optional<std::string>& error, const std::string& at) {
    if (status != "completed" && status != "failed" && status != "cancelled") {
        return fail(Error::invalid_argument("status must be completed, failed or cancelled, was '" +
                                            status + "'"));
    }
    return db_.write([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(const auto rows,
                        c.query("SELECT status, started_at FROM jobs WHERE id=?1", {id}));
        if (rows.empty()) return fail(Error::not_found("no job " + id));
        const std::string current = rows[0].text(0);
        if (current != "pending" && current != "running") {
            return fail(Error::conflict("job " + id + " has already finished (" + current + ")"));
        }
        const std::string message = finished_job_message(status, opt_text(rows[0], 1), at);
        AITP_TRY(c.execute(
            "UPDATE jobs SET status=?2, result=?3, error=?4, completed_at=?5, progress_message=?6, "
            "progress=CASE WHEN ?2='completed' THEN 1.0 ELSE progress END WHERE id=?1",
            {id, status, nullable(result), nullable(error), at, message}));
        return ok_status();
    });
}

Result<std::optional<JobRecord>> JobStore::get(const std::string& id) {
    std::optional<JobRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query(std::string("SELECT ") + kColumns + " FROM jobs WHERE id=?1", {id}));
        if (!rows.empty()) out = to_job(rows[0]);
        return ok_status();
    }));
    return out;
}

Result<std::vector<JobRecord>> JobStore::list(int limit, const std::string& status,
                                              const std::string& job_type) {
    std::vector<JobRecord> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query(std::string("SELECT ") + kColumns +
                        " FROM jobs WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR job_type = ?2) "
                        "ORDER BY created_at DESC, rowid DESC LIMIT ?3",
                    {status, job_type, std::int64_t{limit}}));
        for (const auto& r : rows) out.push_back(to_job(r));
        return ok_status();
    }));
    return out;
}

Result<std::int64_t> JobStore::fail_interrupted(const std::string& at) {
    std::int64_t n = 0;
    AITP_TRY(db_.write([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            n, c.execute("UPDATE jobs SET status='failed', error='interrupted: the server stopped "
                         "while the job was running', progress_message='failed', completed_at=?1 "
                         "WHERE status IN ('pending', 'running')",
                         {at}));
        return ok_status();
    }));
    return n;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> JobStore::count_by_status() {
    std::vector<std::pair<std::string, std::int64_t>> out;
    AITP_TRY(db_.read([&](Connection& c) -> Status {
        AITP_TRY_ASSIGN(
            const auto rows,
            c.query("SELECT status, count(*) FROM jobs GROUP BY status ORDER BY status"));
        for (const auto& r : rows) out.emplace_back(r.text(0), r.integer(1));
        return ok_status();
    }));
    return out;
}

}  // namespace aitp::store
