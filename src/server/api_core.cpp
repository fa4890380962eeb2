// SPDX-License-Identifier: MIT
// Auth, health, dashboard KPIs and Prometheus metrics.
#include <cctype>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "data/parquet_store.hpp"
#include "exchange/client_metrics.hpp"
#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"

namespace aitp::server {

namespace {

using nlohmann::json;
namespace s = schema;

// An attempted user name as the audit log keeps it (bounded; the log escapes it).
std::string audit_name(const std::string& username) { return username.substr(0, 150); }

bool is_json_content_type(const std::string& value) {
    std::string v = value.substr(0, value.find(';'));
    while (!v.empty() && v.back() == ' ') v.pop_back();
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v == "application/json";
}

// The unknown-user path verifies against this so timing does not reveal which names exist.
const std::string& dummy_hash() {
    static const std::string h = hash_password("not-a-real-password-000").value_or("");
    return h;
}

Response too_many_attempts(std::int64_t locked_ms) {
    Response r = Response::error(429,
                                 "too many failed logins for this account from this "
                                 "address; try again later");
    r.set_header("Retry-After", std::to_string((locked_ms + 999) / 1000));
    return r;
}

Response login(App::Impl& impl, Request& req) {
    // A cross-site form cannot send JSON, and a browser names the page that sends the request:
    // together they keep other sites from logging in (or locking anyone out) in the user's name.
    if (!is_json_content_type(req.header("content-type")))
        return Response::error(415, "login needs Content-Type: application/json");
    const std::string origin = req.header("origin");
    if (!is_same_origin(origin, req.header("host"), impl.allowed_origins))
        return Response::error(403, "login needs a same-origin Origin header");
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return Response::error(400, "body must be a JSON object");
    if (!body.contains("username") || !body["username"].is_string() || !body.contains("password") ||
        !body["password"].is_string()) {
        return Response::error(400, "fields 'username' and 'password' (strings) are required");
    }
    const auto username = body["username"].get<std::string>();
    const auto password = body["password"].get<std::string>();
    req.username = audit_name(username);  // the audit log records who was tried
    const std::int64_t now = impl.clock.now_ms();
    const LoginKey key{username, req.client_ip, origin};
    if (const auto locked = impl.login_limiter.locked_for(key, now); locked > 0)
        return too_many_attempts(locked);
    auto user = impl.auth_store->find_user(username);
    if (!user) return error_response(user.error());
    const bool ok = verify_password(*user ? (*user)->password_hash : dummy_hash(), password) &&
                    user->has_value();
    if (!ok) {
        impl.login_limiter.record_failure(key, now);
        return Response::error(401, "invalid username or password");
    }
    impl.login_limiter.record_success(key);
    const std::string token = random_hex(32);
    store::SessionRecord s{token_hash(token), (*user)->id, username, random_hex(16),
                           now + kSessionMs};
    if (auto st = impl.auth_store->create_session(s, now); !st) return error_response(st.error());
    Response r = Response::json(200, json{{"username", username},
                                          {"csrf_token", s.csrf_token},
                                          {"must_change_password", (*user)->must_change_password}}
                                         .dump());
    r.set_header("Set-Cookie", impl.session_cookie(token, kSessionMs / 1000));
    return r;
}

Response logout(App::Impl& impl, Request& req) {
    (void)impl.auth_store->delete_session(token_hash(req.cookie(kSessionCookie)));
    Response r = Response::json(200, json{{"ok", true}}.dump());
    r.set_header("Set-Cookie", impl.session_cookie("", 0));
    return r;
}

// POST /api/auth/password/ {"current_password", "new_password"}: the current password is asked
// again (a borrowed session cannot take the account over), wrong guesses count like failed
// logins, and the user's other sessions end.
Response change_password(App::Impl& impl, Request& req) {
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("current_password") ||
        !body["current_password"].is_string() || !body.contains("new_password") ||
        !body["new_password"].is_string()) {
        return Response::error(
            400, "fields 'current_password' and 'new_password' (strings) are required");
    }
    const auto current = body["current_password"].get<std::string>();
    const auto next = body["new_password"].get<std::string>();
    const std::string username = req.username.value_or("");
    const std::int64_t now = impl.clock.now_ms();
    const LoginKey key{username, req.client_ip, req.header("origin")};
    if (const auto locked = impl.login_limiter.locked_for(key, now); locked > 0)
        return too_many_attempts(locked);
    auto user = impl.auth_store->find_user(username);
    if (!user) return error_response(user.error());
    if (!*user) return Response::error(401, "session expired or unknown");
    if (!verify_password((*user)->password_hash, current)) {
        impl.login_limiter.record_failure(key, now);
        return Response::error(400, "current_password is wrong");
    }
    if (next == current)
        return Response::error(400, "new_password must differ from current_password");
    auto set = set_user_password(*impl.auth_store, username, next);
    if (!set) {
        return Response::error(http_status(set.error().code()),
                               "new_password: " + set.error().message());
    }
    impl.login_limiter.record_success(key);
    const std::string th = token_hash(req.cookie(kSessionCookie));
    if (auto st = impl.auth_store->delete_user_sessions((*user)->id, th); !st)
        return error_response(st.error());
    return Response::json(200, json{{"ok", true}, {"must_change_password", false}}.dump());
}

Response auth_status(App::Impl& impl, Request& req) {
    const std::string token = req.cookie(kSessionCookie);
    if (!token.empty()) {
        auto s = impl.auth_store->find_session(token_hash(token), impl.clock.now_ms());
        if (s && *s) {
            return Response::json(200, json{{"authenticated", true},
                                            {"username", (*s)->username},
                                            {"csrf_token", (*s)->csrf_token},
                                            {"must_change_password", (*s)->must_change_password}}
                                           .dump());
        }
    }
    return Response::json(200, json{{"authenticated", false}}.dump());
}

Response health(App::Impl& impl, Request& req) {
    if (req.query_param("detailed") != "true") return Response::json(200, R"({"status":"ok"})");
    json checks;
    bool degraded = false;
    const auto db_ok = impl.db->read([](store::Connection& c) -> Status {
        AITP_TRY(c.query("SELECT 1"));
        return ok_status();
    });
    const auto wal = impl.db->wal_bytes();
    checks["database"] = {{"status", db_ok ? (wal >= 100u << 20 ? "warn" : "ok") : "error"},
                          {"wal_bytes", wal}};
    degraded |= !db_ok;
    std::error_code ec;
    const auto space = std::filesystem::space(impl.data_dir, ec);
    const bool disk_low = !ec && space.available < (1ull << 30);
    checks["disk"] = {{"status", ec ? "error" : (disk_low ? "warn" : "ok")},
                      {"free_bytes", ec ? 0 : space.available}};
    degraded |= static_cast<bool>(ec) || disk_low;
    checks["job_queue"] = {
        {"status", "ok"}, {"pending", impl.runner->pending()}, {"running", impl.runner->running()}};
    return Response::json(
        200, json_text(json{{"status", degraded ? "degraded" : "ok"}, {"checks", checks}}));
}

Response kpis(App::Impl& impl, Request&) {
    const data::ParquetStore store(impl.data_dir);
    auto listing = store.list();
    if (!listing) return error_response(listing.error());
    std::int64_t bars = 0;
    for (const auto& e : listing->entries) bars += e.rows;
    json jobs = {{"pending", 0}, {"running", 0}, {"completed", 0}, {"failed", 0}, {"cancelled", 0}};
    auto counts = impl.job_store->count_by_status();
    if (!counts) return error_response(counts.error());
    for (const auto& [status, n] : *counts) jobs[status] = n;
    return Response::json(
        200, json_text(json{{"data_files", listing->entries.size()},
                            {"total_bars", bars},
                            {"backtests", impl.result_store->count_backtests().value_or(0)},
                            {"screens", impl.result_store->count_screens().value_or(0)},
                            {"jobs", jobs}}));
}

bool is_loopback(const std::string& ip) {
    return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

bool has_valid_session(App::Impl& impl, const Request& req) {
    const std::string token = req.cookie(kSessionCookie);
    if (token.empty()) return false;
    auto s = impl.auth_store->find_session(token_hash(token), impl.clock.now_ms());
    return s && s->has_value();
}

// /metrics: open to loopback (the local Prometheus agent); from elsewhere it needs
// "Authorization: Bearer <metrics token>" or a session. The token is never logged or echoed.
bool may_read_metrics(App::Impl& impl, const Request& req) {
    if (is_loopback(req.client_ip)) return true;
    const std::string auth = req.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!impl.metrics_token.empty() && auth.rfind(kBearer, 0) == 0 &&
        equal_constant_time(auth.substr(kBearer.size()), impl.metrics_token)) {
        return true;
    }
    return has_valid_session(impl, req);
}

Response metrics(App::Impl& impl, Request& req) {
    if (!may_read_metrics(impl, req)) {
        Response r = Response::error(
            401, "metrics need a bearer token (--metrics-token) or a session off loopback");
        r.set_header("WWW-Authenticate", "Bearer realm=\"aitp metrics\"");
        return r;
    }
    Metrics::Gauges g;
    g.jobs_pending = impl.runner->pending();
    g.jobs_running = impl.runner->running();
    g.websocket_clients = impl.ws_clients != nullptr ? impl.ws_clients->load() : 0;
    Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = impl.metrics.render(g) + exchange::ClientMetrics::instance().render();
    return r;
}

}  // namespace

void register_core_routes(App::Impl& impl) {
    App::Impl* p = &impl;
    const RouteOptions pub{true};
    RouteOptions before_change;
    before_change.before_password_change = true;
    impl.router.add(
        "POST", "/api/auth/login/",
        {.summary = "Log in: sets the session cookie, returns the CSRF token",
         .tag = "Auth",
         .request = s::ref("LoginRequest"),
         .response = s::ref("Session")},
        [p](Request& r) { return login(*p, r); }, pub);
    impl.router.add(
        "POST", "/api/auth/logout/",
        {.summary = "Log out (ends the session)", .tag = "Auth", .response = s::ref("Ok")},
        [p](Request& r) { return logout(*p, r); }, before_change);
    impl.router.add(
        "POST", "/api/auth/password/",
        {.summary = "Change the password (ends the user's other sessions)",
         .tag = "Auth",
         .request = s::ref("PasswordChange"),
         .response = s::ref("PasswordChanged")},
        [p](Request& r) { return change_password(*p, r); }, before_change);
    impl.router.add(
        "GET", "/api/auth/status/",
        {.summary = "Whether the request has a session, and its user and CSRF token",
         .tag = "Auth",
         .response = s::ref("AuthStatus")},
        [p](Request& r) { return auth_status(*p, r); }, pub);
    impl.router.add(
        "GET", "/api/health/",
        {.summary = "Health; ?detailed=true adds database, disk and job-queue checks",
         .tag = "Platform",
         .query = {{"detailed", "true: add the checks"}},
         .response = s::ref("Health")},
        [p](Request& r) { return health(*p, r); }, pub);
    RouteOptions heavy;
    heavy.heavy = true;  // opens every store file
    impl.router.add(
        "GET", "/api/dashboard/kpis/",
        {.summary = "Dashboard counters: data files, bars, results, jobs by status",
         .tag = "Platform",
         .response = s::ref("Kpis")},
        [p](Request& r) { return kpis(*p, r); }, heavy);
    impl.router.add(
        "GET", "/metrics",
        {.summary = "Prometheus metrics (loopback, a bearer token or a session)",
         .tag = "Platform",
         .response = s::string("Prometheus text format 0.0.4"),
         .content_type = "text/plain"},
        [p](Request& r) { return metrics(*p, r); }, pub);
}

void register_routes(App::Impl& impl) {
    register_core_routes(impl);
    register_data_routes(impl);
    register_market_routes(impl);
    register_job_routes(impl);
    register_analysis_routes(impl);
    register_docs_routes(impl);
}

}  // namespace aitp::server
