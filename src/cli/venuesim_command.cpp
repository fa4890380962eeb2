// SPDX-License-Identifier: MIT
// `aitp venue-sim`: the local exchange simulator (Binance spot REST and WebSocket shapes) on a
// port, serving bar files as klines; wiring only (src/venuesim holds the rules).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/clock.hpp"
#include "data/file_util.hpp"
#include "venuesim/venue_sim.hpp"

namespace aitp::cli {

namespace {

struct VenueSimOptions {
    std::string host = "127.0.0.1";
    int port = 0;
    std::vector<std::string> bars;
    std::string faults;
    std::string accounts;
    std::string now;
    std::int64_t weight_limit = 6000;
    std::uint64_t seed = 19;
};

Result<venuesim::SimConfig> make_config(const VenueSimOptions& o) {
    venuesim::SimConfig c;
    c.host = o.host;
    c.port = o.port;
    c.weight_limit = o.weight_limit;
    c.seed = o.seed;
    for (const std::string& text : o.bars) {
        AITP_TRY_ASSIGN(venuesim::BarsSpec spec, venuesim::parse_bars_spec(text));
        c.bars.push_back(std::move(spec));
    }
    if (!o.faults.empty()) {
        AITP_TRY_ASSIGN(std::string text, data::read_file(o.faults));
        auto rules = venuesim::parse_faults_json(text);
        if (!rules) return fail(rules.error().with_context("--faults " + o.faults));
        c.faults = std::move(*rules);
    }
    if (!o.accounts.empty()) {
        AITP_TRY_ASSIGN(std::string text, data::read_file(o.accounts));
        auto accounts = venuesim::parse_accounts_json(text);
        if (!accounts) return fail(accounts.error().with_context("--accounts " + o.accounts));
        c.accounts = std::move(*accounts);
    }
    if (!o.now.empty()) {
        AITP_TRY_ASSIGN(UnixMillis now, venuesim::parse_sim_time(o.now));
        c.now = now;
    }
    return c;
}

Status run_venue_sim(const VenueSimOptions& o) {
    AITP_TRY_ASSIGN(venuesim::SimConfig config, make_config(o));
    AITP_TRY_ASSIGN(auto sim, venuesim::VenueSim::create(config, SystemClock::instance()));
    AITP_TRY(sim->bind());
    fmt::print("venue-sim listening on http://127.0.0.1:{}\n", sim->port());
    std::fflush(stdout);
    sim->run(true);
    return ok_status();
}

}  // namespace

void add_venuesim_command(CLI::App& root, CommandContext& ctx) {
    auto opts = std::make_shared<VenueSimOptions>();
    CLI::App* sub = root.add_subcommand(
        "venue-sim",
        "Run a local exchange simulator with Binance's spot REST and WebSocket API, serving bar "
        "files as klines (see README: aitp venue-sim)");
    sub->add_option("--bars", opts->bars, "SYMBOL:TIMEFRAME:FILE (CSV or Parquet), repeatable")
        ->required();
    sub->add_option("--port", opts->port, "port to listen on (0 picks a free one)")
        ->check(CLI::Range(0, 65535))
        ->required();
    sub->add_option("--host", opts->host, "address to listen on")->capture_default_str();
    sub->add_option("--faults", opts->faults, "fault script (JSON)");
    sub->add_option("--accounts", opts->accounts, "accounts with API keys and balances (JSON)");
    sub->add_option("--now", opts->now,
                    "simulated time at start: ISO 8601 or epoch ms (default: just after the "
                    "last bar closes)");
    sub->add_option("--weight-limit", opts->weight_limit, "request weight per minute before 429")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}))
        ->capture_default_str();
    sub->add_option("--seed", opts->seed, "seed of the synthetic order flow")
        ->capture_default_str();
    set_command(sub, ctx, [opts]() { return run_venue_sim(*opts); });
}

}  // namespace aitp::cli
