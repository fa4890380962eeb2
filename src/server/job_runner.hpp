// SPDX-License-Identifier: MIT
// JobRunner: background work with progress (0..1 and a message), cancellation that the work
// observes (JobContext::cancelled, or the std::stop_token in JobContext::work()), results persisted
// in the jobs table, and a change callback (the WebSocket broadcast). A fixed pool of worker
// threads takes jobs in submission order. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/progress.hpp"
#include "store/job_store.hpp"

namespace aitp::server {

class JobContext {
  public:
    JobContext(std::string id, std::stop_token stop,
               std::function<void(double, const std::string&)> report)
        : id_(std::move(id)), stop_(std::move(stop)), report_(std::move(report)) {}

    const std::string& id() const { return id_; }
    /// Reports progress; cheap to call often (persisted at most every 200 ms).
    void progress(double fraction, const std::string& message) { report_(fraction, message); }
    bool cancelled() const { return stop_.stop_requested(); }
    /// The job's progress and stop token in the library's terms (core/progress.hpp), for
    /// sweeps, validation and backtests. Valid while the context lives.
    WorkControl work() {
        return {[this](double f, std::string_view stage) { report_(f, std::string(stage)); },
                stop_};
    }
    const std::stop_token& stop_token() const { return stop_; }

  private:
    std::string id_;
    std::stop_token stop_;
    std::function<void(double, const std::string&)> report_;
};

/// The work: returns the result as JSON text, or an Error (Cancelled when it stopped early).
using JobFn = std::function<Result<std::string>(JobContext&)>;

/// Lowers the calling thread's scheduling priority (nice +10), so that request and job workers
/// yield the CPU to the HTTP I/O threads and /api/health/ keeps answering under load.
void lower_current_thread_priority();

class JobRunner {
  public:
    using ChangeFn = std::function<void(const store::JobRecord&)>;

    JobRunner(store::JobStore& jobs, const Clock& clock, int workers, ChangeFn on_change);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    /// Queues work; returns the job id.
    Result<std::string> submit(const std::string& job_type, const std::string& params_json,
                               JobFn fn);
    /// Asks a job to stop. A pending job is cancelled at once; a running one when its work
    /// notices. NotFound for unknown ids; Conflict when already finished.
    Status cancel(const std::string& id);
    /// Stops taking jobs, cancels running ones and joins the workers.
    void shutdown();

    std::size_t pending() const;
    std::size_t running() const;

  private:
    struct Item {
        std::string id;
        JobFn fn;
        std::stop_source stop;
    };
    void worker_loop();
    void run(Item& item);
    void notify(const std::string& id);
    std::string now_iso() const;

    store::JobStore& jobs_;
    const Clock& clock_;
    ChangeFn on_change_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Item> queue_;
    std::map<std::string, std::stop_source> active_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace aitp::server
