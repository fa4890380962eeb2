// SPDX-License-Identifier: MIT
// `aitp serve`: the REST/WebSocket server with the dashboard.
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/command.hpp"
#include "server/app.hpp"
#include "server/http_server.hpp"

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
    fmt::print(stderr, "aitp: opening {} ...\n", (config.data_dir / "aitp.db").string());
    AITP_TRY_ASSIGN(auto app, server::App::create(config, SystemClock::instance()));
    if (!app->first_start_notice().empty()) fmt::print("{}\n", app->first_start_notice());
    server::HttpServer http(*app);
    AITP_TRY(http.bind());
    fmt::print("aitp: serving http://{}:{}/ (dashboard: {}, data: {})\n", config.host, http.port(),
               config.web_dir.empty() ? "not built" : config.web_dir.string(),
               config.data_dir.string());
    std::fflush(stdout);
    http.run(true);
    fmt::print(stderr, "aitp: stopped\n");
    return ok_status();
}

}  // namespace

void add_serve_command(CLI::App& root, CommandContext& ctx) {
    auto config = std::make_shared<server::ServerConfig>();
    auto no_demo = std::make_shared<bool>(false);
    auto data_dir = std::make_shared<std::string>();
    auto web_dir = std::make_shared<std::string>();
    auto cache_mb = std::make_shared<std::size_t>(config->cache_bytes >> 20);
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
    set_command(sub, ctx, [config, no_demo, data_dir, web_dir, cache_mb] {
        server::ServerConfig c = *config;
        c.cache_bytes = *cache_mb << 20;
        c.data_dir = *data_dir;
        c.web_dir = *web_dir;
        return run_serve(c, *no_demo);
    });
}

}  // namespace aitp::cli
