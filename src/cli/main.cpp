// SPDX-License-Identifier: MIT
// `aitp`: the command-line entry point. The one place that turns an Error into a message and
// an exit code: 2 bad input, 3 not found, 4 I/O or corrupt data, 1 anything else.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!ctx.result) {
        std::fflush(stdout);
        fmt::print(stderr, "aitp: error: {}\n", ctx.result.error().message());
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
