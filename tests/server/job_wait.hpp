// SPDX-License-Identifier: MIT
// Polling a job through the API until it reaches a status, for server tests.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.hpp"

namespace aitp::testing {

/// GET /api/jobs/{id}/ as JSON.
inline nlohmann::json job_of(HttpClient& c, const std::string& id) {
    return nlohmann::json::parse(c.get("/api/jobs/" + id + "/").body);
}

/// Polls the job until done(job) holds or the time limit passes; returns the last job seen.
template <typename Done>
nlohmann::json wait_job(HttpClient& c, const std::string& id, Done done,
                        std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    nlohmann::json job;
    while (std::chrono::steady_clock::now() < deadline) {
        job = job_of(c, id);
        if (done(job)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return job;
}

/// Waits until the job has the given status.
inline nlohmann::json wait_job_status(HttpClient& c, const std::string& id,
                                      const std::string& status,
                                      std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    return wait_job(
        c, id, [&](const nlohmann::json& j) { return j["status"] == status; }, limit);
}

/// Waits until the job has left pending and running (completed, failed or cancelled).
inline nlohmann::json wait_job_finished(
    HttpClient& c, const std::string& id,
    std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    return wait_job(
        c, id,
        [](const nlohmann::json& j) {
            return j["status"] != "pending" && j["status"] != "running";
        },
        limit);
}

}  // namespace aitp::testing
