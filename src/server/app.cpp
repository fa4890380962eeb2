// SPDX-License-Identifier: MIT
#include "server/app.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "data/demo.hpp"
#include "data/parquet_store.hpp"
#include "server/api.hpp"
#include "server/app_impl.hpp"
#include "server/auth.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/router.hpp"

namespace aitp::server {

namespace {

bool is_unsafe(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// True when the variable is 1, true, yes or on.
bool env_flag_on(const char* name) {
    const char* env = std::getenv(name);
    if (env == nullptr) return false;
    const std::string_view v(env);
    return v == "1" || v == "true" || v == "yes" || v == "on";
}

}  // namespace

const std::string& App::first_start_notice() const { return impl_->notice; }

std::string App::one_time_password_block(std::string_view url) const {
    if (impl_->one_time_password.empty()) return "";
    const std::string rule(72, '=');
    return fmt::format(
        "{0}\n"
        "First start: created the user '{1}' with a one-time password.\n"
        "  user:     {1}\n"
        "  password: {2}\n"
        "  url:      {3}\n"
        "It must be changed at the first login (the dashboard asks for a new one). It is shown\n"
        "only now; `aitp user passwd` resets a lost one, and AITP_ADMIN_PASSWORD set before the\n"
        "first start chooses it.\n"
        "{0}\n",
        rule, impl_->one_time_user, impl_->one_time_password, url);
}

App::App(ServerConfig config, const Clock& clock)
    : config_(std::move(config)), impl_(std::make_unique<Impl>(clock, config_)) {}

App::~App() { shutdown(); }

void App::shutdown() {
    if (impl_ && impl_->runner) impl_->runner->shutdown();
}

std::string App::market_tickers_message() {
    auto out = watchlist_tickers_json(*impl_, config_.ticker_watchlist);
    nlohmann::json msg = out ? std::move(*out)
                             : nlohmann::json{{"watchlist", config_.ticker_watchlist},
                                              {"tickers", nlohmann::json::array()},
                                              {"error", out.error().message()}};
    msg["type"] = "tickers";
    return json_text(msg);
}

void App::set_broadcast(std::function<void(const std::string&)> fn) {
    std::lock_guard lock(impl_->broadcast_mu);
    impl_->broadcast = std::move(fn);
}

namespace {

Status create_first_admin(App::Impl& impl) {
    const char* env = std::getenv("AITP_ADMIN_PASSWORD");
    const bool env_set = env != nullptr && *env != '\0';
    AITP_TRY_ASSIGN(const auto users, impl.auth_store->user_count());
    if (users > 0) {
        if (env_set) {
            impl.notice = fmt::format(
                "aitp: AITP_ADMIN_PASSWORD is set but ignored: {} already has users (it only "
                "sets the first admin's password); reset a password with `aitp user passwd "
                "--data-dir {} <user>`",
                impl.db->path().string(), impl.data_dir.string());
        }
        return ok_status();
    }
    const char* env_user = std::getenv("AITP_ADMIN_USER");
    const std::string username = env_user != nullptr && *env_user != '\0' ? env_user : "admin";
    const std::optional<std::string> chosen =
        env_set ? std::optional<std::string>(env) : std::nullopt;
    auto password = create_user_with_password(*impl.auth_store, username, true, chosen);
    if (!password) {
        return fail(env_set ? password.error().with_context("AITP_ADMIN_PASSWORD")
                            : password.error());
    }
    if (!env_set) {
        impl.one_time_user = username;
        impl.one_time_password = *password;
    }
    return ok_status();
}

}  // namespace

Result<std::unique_ptr<App>> App::create(const ServerConfig& config, const Clock& clock) {
    AITP_TRY_ASSIGN(auto app, prepare(config, clock));
    AITP_TRY(app->open());
    return app;
}

Result<std::unique_ptr<App>> App::prepare(const ServerConfig& config, const Clock& clock) {
    AITP_TRY(init_crypto());
    std::unique_ptr<App> app(new App(config, clock));
    Impl& impl = *app->impl_;
    impl.data_dir = config.data_dir;
    impl.web_dir = config.web_dir;
    impl.rate_limiter = std::make_unique<RateLimiter>(config.rate_limit_per_minute);
    impl.secure_cookies = config.secure_cookies;
    impl.allowed_origins = config.allowed_origins;
    impl.max_request_bars = config.max_request_bars;
    impl.metrics_token = config.metrics_token;
    impl.venues = std::make_unique<VenuePool>(config.venue_factory, config.venue_urls, clock);
    impl.ws_clients = &app->ws_clients_;
    if (env_flag_on("AITP_LOG_REQUESTS")) app->config_.log_requests = true;
    return app;
}

Status App::open() {
    Impl& impl = *impl_;
    const Clock& clock = impl.clock;
    AITP_TRY_ASSIGN(impl.db, store::Database::open(config_.data_dir / "aitp.db"));
    impl.auth_store = std::make_unique<store::AuthStore>(*impl.db);
    impl.job_store = std::make_unique<store::JobStore>(*impl.db);
    impl.result_store = std::make_unique<store::ResultStore>(*impl.db);
    AITP_TRY_ASSIGN(impl.interrupted_jobs,
                    impl.job_store->fail_interrupted(format_iso8601(clock.now_ms())));
    AITP_TRY(impl.auth_store->delete_expired_sessions(clock.now_ms()));
    AITP_TRY(create_first_admin(impl));
    // Temporary files of writes killed mid-way (stale: their series lock is free).
    AITP_TRY(data::ParquetStore(config_.data_dir).remove_stale_temp_files());
    if (config_.generate_demo_data) {
        const data::ParquetStore store(config_.data_dir);
        AITP_TRY_ASSIGN(const auto listing, store.list_names());
        if (listing.entries.empty()) {
            AITP_TRY(data::generate_demo_data(store, clock.now_ms(), 1));
            impl.generated_demo = true;
        }
    }
    App::Impl* raw = &impl;
    impl.runner =
        std::make_unique<JobRunner>(*impl.job_store, clock, config_.job_workers,
                                    [raw](const store::JobRecord& job) { raw->publish_job(job); });
    register_routes(impl);
    return ok_status();
}

WebSocketCheck App::check_websocket(const Request& req) {
    if (!is_same_origin(req.header("origin"), req.header("host"), impl_->allowed_origins))
        return {403, "WebSocket needs a same-origin Origin header", ""};
    const std::string token = req.cookie(kSessionCookie);
    if (token.empty()) return {401, "authentication required", ""};
    const std::string th = token_hash(token);
    auto s = impl_->auth_store->find_session(th, impl_->clock.now_ms());
    if (!s || !s->has_value()) return {401, "session expired or unknown", ""};
    if ((*s)->must_change_password) return {403, kPasswordChangeRequired, ""};
    return {0, "", th};
}

bool App::session_alive(const std::string& token_hash) {
    auto s = impl_->auth_store->find_session(token_hash, impl_->clock.now_ms());
    // A database error keeps the socket: the next sweep decides.
    return !s || s->has_value();
}

std::vector<Router::RouteInfo> App::routes() const { return impl_->router.routes(); }

bool App::is_heavy(Request& req) const { return impl_->router.match(req).options.heavy; }

Response App::handle(Request& req) {
    const auto t0 = std::chrono::steady_clock::now();
    Impl& impl = *impl_;
    Response res;
    std::string route = "unmatched";
    const bool api = starts_with(req.path, "/api/");
    const bool limited = api && req.path != "/api/health/";
    RateLimiter::Decision rl;
    if (limited) rl = impl.rate_limiter->check(req.client_ip, impl.clock.now_ms());
    if (limited && !rl.allowed) {
        res = Response::error(429, "rate limit exceeded: 120 requests per minute");
        res.set_header("Retry-After", std::to_string(rl.reset_seconds));
    } else {
        res = impl.dispatch(req, route);
    }
    if (limited) {
        res.set_header("X-RateLimit-Limit", std::to_string(rl.limit));
        res.set_header("X-RateLimit-Remaining", std::to_string(rl.remaining));
        res.set_header("X-RateLimit-Reset", std::to_string(rl.reset_seconds));
    }
    if (api && is_unsafe(req.method) && route != "unmatched") {
        store::AuditRecord a{req.username.value_or(""),
                             req.method + " " + req.path,
                             req.client_ip,
                             res.status,
                             req.request_id,
                             ""};
        (void)impl.auth_store->append_audit(a);
    }
    res.set_header("X-Request-ID", req.request_id);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    impl.metrics.observe(req.method, route, res.status, secs);
    return res;
}

Response App::Impl::dispatch(Request& req, std::string& route_out) {
    auto m = router.match(req);
    if (m.handler == nullptr) {
        return m.path_matched
                   ? Response::error(405, "method " + req.method + " not allowed on " + req.path)
                   : Response::error(404, "no route " + req.path);
    }
    route_out = *m.pattern;
    if (!m.options.public_route) {
        const std::string token = req.cookie(kSessionCookie);
        if (token.empty()) return Response::error(401, "authentication required");
        const std::string th = token_hash(token);
        const std::int64_t now = clock.now_ms();
        auto s = auth_store->find_session(th, now);
        if (!s) return error_response(s.error());
        if (!*s) return Response::error(401, "session expired or unknown");
        req.username = (*s)->username;
        if ((*s)->must_change_password && !m.options.before_password_change)
            return Response::error(403, kPasswordChangeRequired);
        if (is_unsafe(req.method) &&
            !equal_constant_time(req.header("x-csrftoken"), (*s)->csrf_token)) {
            return Response::error(403,
                                   "CSRF token missing or wrong (send the X-CSRFToken header)");
        }
        if ((*s)->expires_at_ms - now < kSessionMs - kSessionRefreshMs)
            (void)auth_store->touch_session(th, now + kSessionMs);
    }
    // Handlers return errors as values; what escapes is a bug, answered briefly and logged.
    try {
        return (*m.handler)(req);
    } catch (const nlohmann::json::exception& e) {
        Response r = Response::error(400, "bad request: a JSON value has the wrong type");
        r.detail = e.what();
        return r;
    } catch (const std::exception& e) {
        Response r = Response::error(500, "internal error (details in the server log)");
        r.detail = e.what();
        return r;
    }
}

void App::Impl::publish_job(const store::JobRecord& job) {
    std::function<void(const std::string&)> fn;
    {
        std::lock_guard lock(broadcast_mu);
        fn = broadcast;
    }
    if (fn) fn(json_text(nlohmann::json{{"type", "job"}, {"job", job_json(job)}}));
}

std::string App::Impl::session_cookie(const std::string& token, std::int64_t max_age_s) const {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", kSessionCookie, token,
                       max_age_s, secure_cookies ? "; Secure" : "");
}

}  // namespace aitp::server
