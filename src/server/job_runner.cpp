// SPDX-License-Identifier: MIT
#include "server/job_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/text.hpp"
#include "server/auth.hpp"
#include "server/http_errors.hpp"

namespace aitp::server {

void lower_current_thread_priority() {
    // On Linux a nice value set for a thread id applies to that thread only.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, 10);
}

JobRunner::JobRunner(store::JobStore& jobs, const Clock& clock, int workers, ChangeFn on_change)
    : jobs_(jobs), clock_(clock), on_change_(std::move(on_change)) {
    for (int i = 0; i < std::max(workers, 1); ++i) workers_.emplace_back([this] { worker_loop(); });
}

JobRunner::~JobRunner() { shutdown(); }

std::string JobRunner::now_iso() const { return format_iso8601(clock_.now_ms()); }

void JobRunner::notify(const std::string& id) {
    if (!on_change_) return;
    auto job = jobs_.get(id);
    if (!job || !*job) return;
    // A listener's failure must not end the worker thread (and with it the process).
    try {
        on_change_(**job);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "{\"level\":\"error\",\"job\":\"%s\",\"error\":\"%s\"}\n",
                     escape_log_value(id).c_str(), escape_log_value(e.what()).c_str());
    }
}

Result<std::string> JobRunner::submit(const std::string& job_type, const std::string& params_json,
                                      JobFn fn) {
    store::JobRecord rec;
    rec.id = random_hex(16);
    rec.job_type = job_type;
    rec.status = "pending";
    rec.params = params_json;
    rec.created_at = now_iso();
    AITP_TRY(jobs_.insert(rec));
    {
        std::lock_guard lock(mu_);
        if (stopping_) return fail(Error::conflict("the server is shutting down"));
        std::stop_source stop;
        active_[rec.id] = stop;
        queue_.push_back({rec.id, std::move(fn), stop});
    }
    cv_.notify_one();
    notify(rec.id);
    return rec.id;
}

Status JobRunner::cancel(const std::string& id) {
    bool was_pending = false;
    {
        std::lock_guard lock(mu_);
        const auto it = active_.find(id);
        if (it == active_.end()) {
            auto job = jobs_.get(id);
            if (!job) return fail(job.error());
            if (!*job) return fail(Error::not_found("no job " + id));
            return fail(
                Error::conflict("job " + id + " has already finished (" + (*job)->status + ")"));
        }
        it->second.request_stop();
        for (auto q = queue_.begin(); q != queue_.end(); ++q) {
            if (q->id == id) {
                queue_.erase(q);
                active_.erase(id);
                was_pending = true;
                break;
            }
        }
    }
    if (was_pending) {
        AITP_TRY(jobs_.finish(id, "cancelled", std::nullopt,
                              std::string("cancelled before it started"), now_iso()));
        notify(id);
    }
    return ok_status();
}

void JobRunner::shutdown() {
    {
        std::lock_guard lock(mu_);
        if (stopping_ && workers_.empty()) return;
        stopping_ = true;
        for (auto& [id, stop] : active_) stop.request_stop();
    }
    cv_.notify_all();
    for (auto& t : workers_) {
        if (t.joinable()) t.join();
    }
    workers_.clear();
}

std::size_t JobRunner::pending() const {
    std::lock_guard lock(mu_);
    return queue_.size();
}

std::size_t JobRunner::running() const {
    std::lock_guard lock(mu_);
    return active_.size() - queue_.size();
}

void JobRunner::worker_loop() {
    lower_current_thread_priority();
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;  // queued jobs stay pending; the next start marks them failed
            item = std::move(queue_.front());
            queue_.pop_front();
        }
        run(item);
        std::lock_guard lock(mu_);
        active_.erase(item.id);
    }
}

void JobRunner::run(Item& item) {
    (void)jobs_.set_running(item.id, now_iso());
    notify(item.id);
    // Progress is stored at most every 200 ms, or sooner once it moved by 5 %, so a short
    // job still shows its steps and a long one does not write a row per callback.
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    double last_f = -1.0;
    JobContext ctx(item.id, item.stop.get_token(), [&](double f, const std::string& msg) {
        const auto now = std::chrono::steady_clock::now();
        if (f < 1.0 && now - last < std::chrono::milliseconds(200) && f - last_f < 0.05) return;
        last = now;
        last_f = f;
        (void)jobs_.set_progress(item.id, std::clamp(f, 0.0, 1.0), sanitize_utf8(msg));
        notify(item.id);
    });
    Result<std::string> result = fail(Error::internal("job did not run"));
    try {
        result = item.fn(ctx);
    } catch (const std::exception& e) {
        result = fail(Error::internal(std::string("job failed: ") + e.what()));
    }
    if (result) {
        (void)jobs_.finish(item.id, "completed", *result, std::nullopt, now_iso());
    } else {
        // The row keeps the short, valid UTF-8 message clients see; the full one goes to the log.
        const std::string& full = result.error().message();
        const std::string shown = public_message(full);
        if (shown != full) {
            std::fprintf(stderr, "{\"level\":\"error\",\"job\":\"%s\",\"error\":\"%s\"}\n",
                         escape_log_value(item.id).c_str(), escape_log_value(full).c_str());
        }
        const bool cancelled = result.error().code() == ErrorCode::Cancelled || ctx.cancelled();
        (void)jobs_.finish(item.id, cancelled ? "cancelled" : "failed", std::nullopt, shown,
                           now_iso());
    }
    notify(item.id);
}

}  // namespace aitp::server
