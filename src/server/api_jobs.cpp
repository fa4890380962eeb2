// SPDX-License-Identifier: MIT
// Job endpoints: list, detail, cancel.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"

namespace aitp::server {

using nlohmann::json;

// Stored rows are not trusted to be well formed (an older server stored raw error bytes):
// strings are replaced at serialisation (json_text), unparsable JSON columns are reported.
json job_json(const store::JobRecord& j) {
    const auto parse_or_null = [](const std::optional<std::string>& s) -> json {
        if (!s) return nullptr;
        json v = json::parse(*s, nullptr, false);
        return v.is_discarded() ? json(*s) : v;
    };
    json params = json::parse(j.params, nullptr, false);
    json out = {{"id", j.id},
                {"job_type", j.job_type},
                {"status", j.status},
                {"progress", j.progress},
                {"progress_message", j.progress_message},
                {"params", params.is_discarded() ? json::object() : params},
                {"result", parse_or_null(j.result)},
                {"error", j.error ? json(*j.error) : json(nullptr)},
                {"created_at", j.created_at},
                {"started_at", j.started_at ? json(*j.started_at) : json(nullptr)},
                {"completed_at", j.completed_at ? json(*j.completed_at) : json(nullptr)}};
    if (params.is_discarded()) out["row_error"] = "stored params are not valid JSON";
    return out;
}

namespace {

Response list_jobs(App::Impl& impl, Request& req) {
    auto limit = parse_integer(req.query_param("limit", "50"), "limit", 1, 500);
    if (!limit) return error_response(limit.error());
    auto jobs = impl.job_store->list(static_cast<int>(*limit), req.query_param("status"),
                                     req.query_param("job_type"));
    if (!jobs) return error_response(jobs.error());
    json out = json::array();
    for (const auto& j : *jobs) out.push_back(job_json(j));
    return Response::json(200, json_text(out));
}

Response get_job(App::Impl& impl, Request& req) {
    auto job = impl.job_store->get(req.params["id"]);
    if (!job) return error_response(job.error());
    if (!*job) return Response::error(404, "no job " + req.params["id"]);
    return Response::json(200, json_text(job_json(**job)));
}

Response cancel_job(App::Impl& impl, Request& req) {
    if (auto st = impl.runner->cancel(req.params["id"]); !st) return error_response(st.error());
    return get_job(impl, req);
}

}  // namespace

void register_job_routes(App::Impl& impl) {
    namespace s = schema;
    App::Impl* p = &impl;
    const ParamDoc id{"id", "the job id (job_id of a run)"};
    impl.router.add(
        "GET", "/api/jobs/",
        {.summary = "Jobs, newest first",
         .tag = "Jobs",
         .query = {{"limit", "1..500, default 50", "integer"},
                   {"status", "only jobs with this status"},
                   {"job_type", "only jobs of this type (backtest, screening, generate_sample)"}},
         .response = s::array(s::ref("Job"))},
        [p](Request& r) { return list_jobs(*p, r); });
    impl.router.add(
        "GET", "/api/jobs/<id>/",
        {.summary = "One job", .tag = "Jobs", .path_params = {id}, .response = s::ref("Job")},
        [p](Request& r) { return get_job(*p, r); });
    impl.router.add("POST", "/api/jobs/<id>/cancel/",
                    {.summary = "Cancel a job (status cancelled once its work has stopped)",
                     .tag = "Jobs",
                     .path_params = {id},
                     .response = s::ref("Job")},
                    [p](Request& r) { return cancel_job(*p, r); });
}

}  // namespace aitp::server
