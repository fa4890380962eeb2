// SPDX-License-Identifier: MIT
// `aitp backtest`: runs one strategy over one or more OHLCV files (one instrument each) in the
// event engine and writes trades.csv, fills.csv, equity.csv, metrics.json and report.html;
// `aitp backtest list` prints the strategies and their parameters.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backtest/engine.hpp"
#include "backtest/report.hpp"
#include "backtest/runner.hpp"
#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress_bar.hpp"
#include "data/bar_file.hpp"
#include "metrics/run_metrics.hpp"
#include "model/event_source.hpp"
#include "model/symbol.hpp"
#include "strategy/registry.hpp"

namespace aitp::cli {

namespace {

namespace fs = std::filesystem;

struct BacktestOptions {
    std::string strategy;
    std::vector<std::string> inputs;
    std::string config;
    std::vector<std::string> sets;
    std::optional<double> fees;
    double cash = 10'000.0;
    double slippage_bps = 0.0;
    double volume_limit = 0.0;
    std::string fill = "auto";
    std::string asset_class = "crypto";
    std::string output;
};

Status run_list() {
    for (const strategy::StrategyInfo& s : strategy::strategy_registry()) {
        fmt::print("{:<28} {}\n", s.name, s.description);
        for (const strategy::ParamSpec& p : s.params) {
            fmt::print("    {:<24} {:<8} [{} .. {}]{}  {}\n", p.name, p.default_value, p.min, p.max,
                       p.is_integer ? " int" : "", p.description);
        }
    }
    return ok_status();
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    const auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

Status add_json_params(const nlohmann::json& obj, const std::string& file,
                       std::vector<strategy::ParamOverride>& out) {
    for (const auto& [key, value] : obj.items()) {
        if (key == "strategy") continue;
        if (value.is_number()) {
            out.emplace_back(key, fmt::format("{:.17g}", value.get<double>()));
        } else if (value.is_boolean()) {
            out.emplace_back(key, value.get<bool>() ? "1" : "0");
        } else if (value.is_string()) {
            out.emplace_back(key, value.get<std::string>());
        } else {
            return fail(Error::invalid_argument(fmt::format(
                "{}: parameter '{}' must be a number, was {}", file, key, value.dump())));
        }
    }
    return ok_status();
}

/// Reads parameters from a JSON object ({"params": {...}} or flat) or from key=value lines.
Status read_config(const std::string& file, std::vector<strategy::ParamOverride>& out) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Error::not_found(fmt::format("cannot open config file {}", file)));
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::string t = trim(text);
    if (!t.empty() && t.front() == '{') {
        const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            return fail(Error::invalid_argument(fmt::format("{}: not valid JSON", file)));
        }
        if (j.contains("params")) {
            if (!j["params"].is_object()) {
                return fail(
                    Error::invalid_argument(fmt::format("{}: \"params\" must be an object", file)));
            }
            return add_json_params(j["params"], file, out);
        }
        return add_json_params(j, file, out);
    }
    std::istringstream lines(text);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        ++n;
        line = trim(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            return fail(Error::invalid_argument(
                fmt::format("{}:{}: expected key = value, was '{}'", file, n, line)));
        }
        out.emplace_back(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    }
    return ok_status();
}

Status run_backtest(const BacktestOptions& o) {
    if (o.strategy.empty()) return fail(Error::invalid_argument("--strategy is required"));
    if (o.inputs.empty()) return fail(Error::invalid_argument("--input is required"));
    if (o.output.empty()) return fail(Error::invalid_argument("--output is required"));
    std::vector<strategy::ParamOverride> overrides;
    if (!o.config.empty()) AITP_TRY(read_config(o.config, overrides));
    for (const std::string& s : o.sets) {
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) {
            return fail(
                Error::invalid_argument(fmt::format("--set expects key=value, was '{}'", s)));
        }
        overrides.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    AITP_TRY_ASSIGN(const model::AssetClass asset_class, model::parse_asset_class(o.asset_class));
    std::vector<model::BarSeries> series;
    series.reserve(o.inputs.size());
    for (const std::string& path : o.inputs) {
        AITP_TRY_ASSIGN(model::BarSeries s, data::read_bar_file(path));
        series.push_back(std::move(s));
    }
    backtest::RunRequest req;
    req.strategy = o.strategy;
    req.overrides = overrides;
    for (std::size_t i = 0; i < series.size(); ++i) {
        req.series.push_back(&series[i]);
        req.instrument_names.push_back(fs::path(o.inputs[i]).stem().string());
    }
    req.asset_class = asset_class;
    req.cash = o.cash;
    req.fees = o.fees;
    req.slippage_bps = o.slippage_bps;
    req.volume_limit = o.volume_limit;
    req.fill = o.fill;
    req.work.stop = stop_on_signal();  // Ctrl-C / SIGTERM: "cancelled", no partial files
    ProgressBar bar("backtest " + o.strategy);
    req.work.progress = bar.fn();
    AITP_TRY_ASSIGN(const backtest::RunOutput out, backtest::run_strategy(req));
    bar.finish(static_cast<std::int64_t>(out.result.events), "events");
    const backtest::BacktestResult& result = out.result;
    const backtest::ResultMetrics& metrics = out.metrics;
    backtest::RunInfo run;
    run.strategy = out.strategy;
    run.params = out.params;
    run.inputs = o.inputs;
    run.settings = out.settings;
    run.run_id = out.run_id;
    run.series = req.series;
    AITP_TRY(backtest::write_outputs(o.output, result, metrics, run));
    fmt::print(
        "run {}: {} on {} instrument(s), {} events, {} trades ({} open at the end), equity "
        "{:.2f} -> {:.2f}, outputs in {}\n",
        run.run_id, out.strategy, series.size(), result.events, metrics.run.num_trades,
        result.open_trades.size(), result.initial_equity, result.final_equity, o.output);
    fmt::print("total return {:.2f} %, max drawdown {} below the peak\n",
               metrics.run.total_return * 100.0, metrics::drawdown_text(metrics.run));
    fmt::print(
        "orders: {} submitted, {} filled ({} capped to the cash), {} cancelled, {} rejected\n",
        result.orders.submitted, result.orders.filled, result.orders.capped,
        result.orders.cancelled, result.orders.rejected);
    for (const auto& [reason, count] : backtest::rejection_counts(result)) {
        fmt::print("  rejected: {} x {}\n", count, reason);
    }
    return ok_status();
}

}  // namespace

void add_backtest_command(CLI::App& root, CommandContext& ctx) {
    auto o = std::make_shared<BacktestOptions>();
    auto* sub =
        root.add_subcommand("backtest", "Run a strategy in the event-driven backtest engine");
    sub->add_option("--strategy", o->strategy, "Strategy name (see `aitp backtest list`)");
    std::vector<std::string> names;
    for (const strategy::StrategyInfo& s : strategy::strategy_registry())
        names.emplace_back(s.name);
    sub->footer(strategy_help(names));
    sub->add_option("--input", o->inputs, "OHLCV .csv or .parquet file, one per instrument");
    sub->add_option("--config", o->config, "Parameter file: JSON object or key = value lines");
    sub->add_option("--set", o->sets,
                    "Parameter override key=value (repeatable, wins over --config)");
    sub->add_option("--fees", o->fees,
                    "Maker and taker fee rate for every instrument (0.001 = 0.1 %)");
    sub->add_option("--cash", o->cash, "Initial cash of the account")->capture_default_str();
    sub->add_option("--slippage-bps", o->slippage_bps, "Taker slippage in basis points");
    sub->add_option("--volume-limit", o->volume_limit,
                    "Max fraction of a bar's volume filled (0 = off)");
    sub->add_option("--fill", o->fill, "Market fills: close, next_open or auto (strategy's own)");
    sub->add_option("--asset-class", o->asset_class, "crypto, equity or forex (instrument spec)");
    sub->add_option("--output", o->output, "Output directory");
    auto* list = sub->add_subcommand("list", "List strategies and their parameters");
    set_command(list, ctx, [] { return run_list(); });
    sub->callback([&ctx, o, list]() {
        if (list->parsed()) return;
        ctx.result = run_backtest(*o);
    });
}

}  // namespace aitp::cli
