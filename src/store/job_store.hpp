// SPDX-License-Identifier: MIT
// JobStore: rows of the jobs table (background work with progress, result and error).
// JSON fields are passed as text. Thread-safe (goes through Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace aitp::store {

struct JobRecord {
    std::string id;
    std::string job_type;
    std::string status;  ///< pending, running, completed, failed, cancelled
    double progress = 0.0;
    std::string progress_message;
    std::string params = "{}";
    std::optional<std::string> result;  ///< JSON text
    std::optional<std::string> error;
    std::string created_at;
    std::optional<std::string> started_at;
    std::optional<std::string> completed_at;
};

/// Returns the text a finished job shows instead of its last step: "done in 3.2 s",
/// "failed after 1 min 5 s", "cancelled after 0.4 s"; only the status when started_at is
/// absent (a job cancelled before it started) or either time does not parse.
/// Durations: one decimal below a minute, then "N min S s", then "N h M min".
std::string finished_job_message(const std::string& status,
                                 const std::optional<std::string>& started_at,
                                 const std::string& completed_at);

class JobStore {
  public:
    explicit JobStore(Database& db) : db_(db) {}

    Status insert(const JobRecord& job);
    /// Moves a pending job to running; no change for any other job (or an unknown id).
    Status set_running(const std::string& id, const std::string& at);
    /// No change for an unknown id.
    Status set_progress(const std::string& id, double progress, const std::string& message);
    /// Sets a terminal status (completed, failed, cancelled) with result or error; completed
    /// sets progress to 1, and progress_message becomes finished_job_message(), so a finished
    /// job never keeps a stale step such as "loading data". Terminal states are final:
    /// InvalidArgument for any other status, Conflict when the job has already finished, NotFound
    /// for an unknown id.
    Status finish(const std::string& id, const std::string& status,
                  const std::optional<std::string>& result, const std::optional<std::string>& error,
                  const std::string& at);
    Result<std::optional<JobRecord>> get(const std::string& id);
    /// Newest first; empty filters match everything.
    Result<std::vector<JobRecord>> list(int limit, const std::string& status = {},
                                        const std::string& job_type = {});
    /// Marks jobs left pending or running (by a crash) as failed; returns how many.
    Result<std::int64_t> fail_interrupted(const std::string& at);
    /// Counts jobs per status.
    Result<std::vector<std::pair<std::string, std::int64_t>>> count_by_status();

  private:
    Database& db_;
};

}  // namespace aitp::store
