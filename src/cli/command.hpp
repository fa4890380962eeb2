// SPDX-License-Identifier: MIT
// How CLI commands plug into `aitp`: each command file defines add_<name>_command(), which adds a
// CLI11 subcommand whose callback runs the work and stores its Status in the CommandContext.
// main.cpp is the one place that turns a failed Status into "aitp: error: ..." and an exit code.
#pragma once

#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/status.hpp"
#include "strategy/names.hpp"

namespace aitp::cli {

/// The data directory when --data-dir is not given: $AITP_DATA_DIR, else ./var.
inline std::string default_data_dir() {
    const char* env = std::getenv("AITP_DATA_DIR");
    return env != nullptr && *env != '\0' ? env : "var";
}

struct CommandContext {
    Status result = ok_status();
    /// Exit code to use when the command succeeded but wants a non-zero code (e.g.
    /// --fail-on-issues).
    int success_exit_code = 0;
};

/// A --help footer listing strategies by their canonical names, aliases and one-line summaries
/// (strategy/names.hpp), e.g. "  sma_crossover (also sma_cross)\n      long while ...".
inline std::string strategy_help(std::span<const std::string> names) {
    std::string out = "Strategies:\n";
    for (const std::string& name : names) {
        std::string aliases;
        for (const strategy::StrategyName& n : strategy::strategy_names()) {
            if (n.name != name) continue;
            for (std::string_view a : n.aliases) {
                if (!a.empty()) aliases += fmt::format("{}{}", aliases.empty() ? "" : ", ", a);
            }
        }
        out += fmt::format("  {}{}\n      {}\n", name,
                           aliases.empty() ? "" : fmt::format(" (also {})", aliases),
                           strategy::strategy_summary(name));
    }
    return out;
}

/// Wraps a command body so its Status lands in ctx.result (callbacks must not throw).
template <typename Fn>
void set_command(CLI::App* sub, CommandContext& ctx, Fn fn) {
    sub->callback([&ctx, fn]() { ctx.result = fn(); });
}

void add_data_command(CLI::App& root, CommandContext& ctx);
void add_sql_command(CLI::App& root, CommandContext& ctx);
void add_indicators_command(CLI::App& root, CommandContext& ctx);
/// `aitp screen`, `aitp validate`, `aitp walkforward` (research_command.cpp).
void add_research_commands(CLI::App& root, CommandContext& ctx);
/// `aitp serve` (serve_command.cpp).
void add_serve_command(CLI::App& root, CommandContext& ctx);
/// `aitp user passwd` (serve_command.cpp: it edits the server's database).
void add_user_command(CLI::App& root, CommandContext& ctx);
/// `aitp data download` and `aitp data refresh` under `data` (download_command.cpp).
void add_download_commands(CLI::App* data, CommandContext& ctx);
/// `aitp backtest` (backtest_command.cpp).
void add_backtest_command(CLI::App& root, CommandContext& ctx);
/// `aitp venue-sim` (venuesim_command.cpp).
void add_venuesim_command(CLI::App& root, CommandContext& ctx);
/// `aitp stream record|replay` (stream_command.cpp).
void add_stream_command(CLI::App& root, CommandContext& ctx);

}  // namespace aitp::cli
