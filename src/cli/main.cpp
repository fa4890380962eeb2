// SPDX-License-Identifier: MIT
// `aitp`: the command-line entry point. The one place that turns an Error into a message and
// an exit code: 2 bad input, 3 not found, 4 I/O or corrupt data, 1 anything else.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command.hpp"

namespace {

int exit_code_for(aitp::ErrorCode code) {
    switch (code) {
        case aitp::ErrorCode::InvalidArgument:
            return 2;
        case aitp::ErrorCode::NotFound:
            return 3;
        case aitp::ErrorCode::IOError:
        case aitp::ErrorCode::Corruption:
            return 4;
        default:
            return 1;
    }
}

// The deepest command the user typed that parsed ("aitp data import"), for error lines.
const CLI::App* deepest_parsed(const CLI::App& app) {
    const CLI::App* at = &app;
    for (;;) {
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : at->get_subcommands()) {
            if (sub->parsed()) next = sub;
        }
        if (next == nullptr) return at;
        at = next;
    }
}

std::string command_path(const CLI::App* app) {
    std::vector<std::string> names;
    for (; app != nullptr; app = app->get_parent()) {
        names.push_back(app->get_parent() == nullptr ? "aitp" : app->get_name());
    }
    std::reverse(names.begin(), names.end());
    return fmt::format("{}", fmt::join(names, " "));
}

// What went wrong, in the user's words: CLI11 checks "a subcommand is required" before it
// reports the word it could not place, so name that word (an unknown command or option) first.
std::string parse_error_message(const CLI::App* at, const CLI::ParseError& e) {
    const std::vector<std::string> left = at->remaining();
    std::vector<std::string> names;
    for (const CLI::App* sub : at->get_subcommands({})) names.push_back(sub->get_name());
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && !names.empty()) {
        if (left.empty()) return fmt::format("a command is required ({})", fmt::join(names, ", "));
        if (left.front().starts_with('-')) return fmt::format("unknown option '{}'", left.front());
        return fmt::format("unknown command '{}' (commands: {})", left.front(),
                           fmt::join(names, ", "));
    }
    std::string what = e.what();
    for (char& c : what) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return what;
}

// CLI11 reports help and version as "errors" with exit code 0: let it print those. Every real
// parse error follows the contract of every other bad input: one line, exit 2.
int parse_error_exit(const CLI::App& app, const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fflush(stdout);
    const CLI::App* at = deepest_parsed(app);
    const std::string where = command_path(at);
    fmt::print(stderr, "aitp: error: {}: {} (see '{} --help')\n", where, parse_error_message(at, e),
               where);
    return 2;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
    CLI::App app{"aitp: trading research and trading platform"};
    app.set_version_flag("--version", "aitp 0.1.0");
    app.require_subcommand(1);
    aitp::cli::CommandContext ctx;
    aitp::cli::add_data_command(app, ctx);
    aitp::cli::add_sql_command(app, ctx);
#ifdef AITP_HAVE_INDICATORS
    aitp::cli::add_indicators_command(app, ctx);
#endif
#ifdef AITP_HAVE_RESEARCH
    aitp::cli::add_research_commands(app, ctx);
#endif
#ifdef AITP_HAVE_SERVE
    aitp::cli::add_serve_command(app, ctx);
    aitp::cli::add_user_command(app, ctx);
#endif
#ifdef AITP_HAVE_BACKTEST
    aitp::cli::add_backtest_command(app, ctx);
#endif
#ifdef AITP_HAVE_VENUESIM
    aitp::cli::add_venuesim_command(app, ctx);
#endif
#ifdef AITP_HAVE_STREAM
    aitp::cli::add_stream_command(app, ctx);
#endif
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return parse_error_exit(app, e);
    }
    if (!ctx.result) {
        std::fflush(stdout);
        // One line, whatever the message holds (DuckDB's span several).
        std::string message = ctx.result.error().message();
        for (char& c : message) {
            if (c == '\n' || c == '\r') c = ' ';
        }
        fmt::print(stderr, "aitp: error: {}\n", message);
        return exit_code_for(ctx.result.error().code());
    }
    return ctx.success_exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {  // a defect: say so on one line, never abort
        std::fflush(stdout);
        std::fprintf(stderr, "aitp: error: internal error: %s\n", e.what());
        return 1;
    }
}
