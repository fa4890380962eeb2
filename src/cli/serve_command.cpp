// SPDX-License-Identifier: MIT
// `aitp serve`: the REST/WebSocket server with the dashboard; `aitp user passwd`: the offline
// password reset in the server's database.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/command.hpp"
#include "ingest/venues.hpp"
#include "server/app.hpp"
#include "server/auth.hpp"
#include "server/http_server.hpp"
#include "store/auth_store.hpp"
#include "store/database.hpp"

namespace aitp::cli {

namespace fs = std::filesystem;

namespace {

// The dashboard next to the binary (build/bin/aitp -> web/dist) or under the working directory.
fs::path default_web_dir() {
    if (const char* env = std::getenv("AITP_WEB_DIR"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    for (const fs::path& candidate : {exe.parent_path() / "../../web/dist", fs::path("web/dist")}) {
        if (fs::exists(candidate / "index.html", ec)) return fs::weakly_canonical(candidate, ec);
    }
    return {};
}

Status run_serve(server::ServerConfig config, bool no_demo) {
    config.generate_demo_data = !no_demo;
    if (config.web_dir.empty()) config.web_dir = default_web_dir();
    // Bind first: a busy port or a bad address must not leave a database or an admin behind.
    AITP_TRY_ASSIGN(auto app, server::App::prepare(config, SystemClock::instance()));
    server::HttpServer http(*app);
    AITP_TRY(http.bind());
    fmt::print(stderr, "aitp: opening {} ...\n", (config.data_dir / "aitp.db").string());
    AITP_TRY(app->open());
    if (!app->first_start_notice().empty()) fmt::print(stderr, "{}\n", app->first_start_notice());
    const std::string url = fmt::format("http://{}:{}/", config.host, http.port());
    fmt::print("aitp: serving {} (dashboard: {}, data: {}{})\n", url,
               config.web_dir.empty() ? "not built" : config.web_dir.string(),
               config.data_dir.string(),
               app->config().log_requests ? "" : ", request log: off (--log-requests)");
    // The one-time password comes last, so that it is not lost among earlier lines.
    fmt::print("{}", app->one_time_password_block(url));
    std::fflush(stdout);
    http.run(true);
    fmt::print(stderr, "aitp: stopped\n");
    return ok_status();
}

// Reads the new password from the first line of stdin (no echo handling: meant for pipes).
Result<std::string> password_from_stdin() {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty())
        return fail(Error::invalid_argument("--password-stdin: no password on standard input"));
    if (line.back() == '\r') line.pop_back();
    return line;
}

Status run_user_passwd(const fs::path& data_dir, const std::string& username, bool from_stdin) {
    const fs::path db_path = data_dir / "aitp.db";
    std::error_code ec;
    if (!fs::is_regular_file(db_path, ec)) {
        return fail(Error::not_found(
            fmt::format("no database {} (run `aitp serve --data-dir {}` once to create it)",
                        db_path.string(), data_dir.string())));
    }
    std::optional<std::string> chosen;
    if (from_stdin) {
        AITP_TRY_ASSIGN(chosen, password_from_stdin());
    }
    AITP_TRY(server::init_crypto());
    AITP_TRY_ASSIGN(auto db, store::Database::open(db_path));
    store::AuthStore users(*db);
    AITP_TRY_ASSIGN(const auto user, users.find_user(username));
    if (!user)
        return fail(
            Error::not_found(fmt::format("no user '{}' in {}", username, db_path.string())));
    auto password = server::set_user_password(users, username, chosen);
    if (!password) return fail(password.error().with_context("new password"));
    AITP_TRY(users.delete_user_sessions(user->id, ""));  // a reset ends every session
    if (chosen) {
        fmt::print("aitp: password of '{}' changed; its sessions ended\n", username);
    } else {
        fmt::print(
            "aitp: password of '{}' reset to the one-time password {}\n"
            "(it must be changed at the next login; its sessions ended)\n",
            username, *password);
    }
    return ok_status();
}

}  // namespace

void add_user_command(CLI::App& root, CommandContext& ctx) {
    auto* user = root.add_subcommand("user", "Manage the server's users offline (in aitp.db)");
    user->require_subcommand(1);
    auto data_dir = std::make_shared<std::string>(default_data_dir());
    auto name = std::make_shared<std::string>();
    auto from_stdin = std::make_shared<bool>(false);
    auto* passwd = user->add_subcommand(
        "passwd",
        "Reset a user's password: a printed one-time password that must be changed at the next "
        "login, or the first line of stdin with --password-stdin; ends the user's sessions");
    passwd->add_option("--data-dir", *data_dir, "Data directory (holds aitp.db)")
        ->capture_default_str();
    passwd->add_option("user", *name, "User name")->required();
    passwd->add_flag("--password-stdin", *from_stdin,
                     "Read the new password (12 or more characters) from standard input");
    set_command(passwd, ctx, [data_dir, name, from_stdin] {
        return run_user_passwd(*data_dir, *name, *from_stdin);
    });
}

void add_serve_command(CLI::App& root, CommandContext& ctx) {
    auto config = std::make_shared<server::ServerConfig>();
    auto no_demo = std::make_shared<bool>(false);
    auto data_dir = std::make_shared<std::string>();
    auto web_dir = std::make_shared<std::string>();
    auto cache_mb = std::make_shared<std::size_t>(config->cache_bytes >> 20);
    auto venue_urls = std::make_shared<std::vector<std::string>>();
    auto ticker_s = std::make_shared<int>(10);
    if (const char* token = std::getenv("AITP_METRICS_TOKEN"); token != nullptr)
        config->metrics_token = token;
    *data_dir = default_data_dir();
    auto* sub = root.add_subcommand("serve", "Run the REST/WebSocket server and the dashboard");
    sub->add_option("--data-dir", *data_dir, "Data directory (Parquet store and aitp.db)")
        ->capture_default_str();
    sub->add_option("--host", config->host, "Address to listen on")->capture_default_str();
    sub->add_option("--port", config->port, "Port (0 picks a free one)")->capture_default_str();
    sub->add_option("--web-dir", *web_dir, "Built dashboard folder (default: web/dist)");
    sub->add_option("--rate-limit", config->rate_limit_per_minute,
                    "API requests per minute per client")
        ->capture_default_str();
    sub->add_option("--workers", config->job_workers, "Background job workers")
        ->capture_default_str();
    sub->add_option("--io-threads", config->io_threads, "HTTP I/O threads")->capture_default_str();
    sub->add_flag("--secure-cookies", config->secure_cookies, "Mark cookies Secure (behind TLS)");
    sub->add_option("--cache-mb", *cache_mb, "Memory for the series and indicator caches (MiB)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 20));
    sub->add_option("--max-request-bars", config->max_request_bars,
                    "Most bars one API request may read or compute over")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
    sub->add_option("--request-workers", config->request_workers,
                    "Threads for large requests (charts, indicators, quality)")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    sub->add_option("--max-connections", config->max_connections,
                    "Open connections at once, more get 503 (0: 4096 or the fd limit - 256)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1 << 20));
    sub->add_option("--metrics-token", config->metrics_token,
                    "Bearer token for /metrics off loopback (default: $AITP_METRICS_TOKEN)");
    sub->add_flag("--no-demo", *no_demo, "Do not generate demo data into an empty store");
    sub->add_flag("--log-requests", config->log_requests,
                  "Write a JSON line per API request to stderr (also AITP_LOG_REQUESTS=1; "
                  "server errors and warnings are written either way)");
    sub->add_option("--allowed-origin", config->allowed_origins,
                    "Another origin that may log in and open WebSockets (e.g. "
                    "https://aitp.example.com behind a proxy); repeatable");
    sub->add_option("--venue-url", *venue_urls,
                    "SOURCE=URL: a venue's REST root, e.g. binance=http://127.0.0.1:9000 for aitp "
                    "venue-sim; repeatable (also AITP_VENUE_URLS=SOURCE=URL,...)");
    sub->add_option("--ticker-watchlist", config->ticker_watchlist,
                    "Watchlist whose tickers /ws/market/tickers/ pushes")
        ->capture_default_str();
    sub->add_option("--ticker-interval", *ticker_s, "Seconds between ticker pushes")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    set_command(sub, ctx,
                [config, no_demo, data_dir, web_dir, cache_mb, venue_urls, ticker_s]() -> Status {
                    server::ServerConfig c = *config;
                    AITP_TRY_ASSIGN(c.venue_urls, ingest::venue_urls(*venue_urls, "--venue-url"));
                    c.ticker_interval = std::chrono::seconds(*ticker_s);
                    c.cache_bytes = *cache_mb << 20;
                    c.data_dir = *data_dir;
                    c.web_dir = *web_dir;
                    return run_serve(c, *no_demo);
                });
}

}  // namespace aitp::cli
