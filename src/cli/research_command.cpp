// SPDX-License-Identifier: MIT
// `aitp screen`, `aitp validate` and `aitp walkforward`: the research tier on an OHLCV file.
// screen writes {strategy}.csv (every combination in grid order, the row order of the vectorbt
// reference files; with --top K the best K ranked), {strategy}_ranked.csv (every combination
// ranked), a Sharpe heat-map of the first two parameters ({strategy}_heatmap.svg) and
// summary.json, all rendered from research::summarize and its ranking; validate writes
// validation_{strategy}.json; walkforward prints (or writes) the out-of-sample report.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress_bar.hpp"
#include "core/output_file.hpp"
#include "data/bar_file.hpp"
#include "metrics/return_metrics.hpp"
#include "model/instrument.hpp"
#include "model/timeframe.hpp"
#include "research/report.hpp"
#include "research/screen.hpp"
#include "research/screen_summary.hpp"
#include "research/validation.hpp"
#include "research/walk_forward.hpp"

namespace aitp::cli {

namespace {

namespace fs = std::filesystem;
using research::StrategySpec;

struct ResearchOptions {
    std::string strategy;
    std::string input;
    std::string benchmark;
    std::string output;
    std::optional<double> fees;
    std::optional<std::string> asset_class;
    double slippage = 0.0;
    std::optional<std::string> freq;  ///< unset: inferred from the input's timestamps
    std::size_t top = 0;
    int threads = 1;
    int pbo_blocks = 10;
    int splits = 3;
    double train_ratio = 0.7;
};

// The loaded input: bars (joined with the benchmark when one is given) and its columns.
struct LoadedData {
    model::BarSeries bars;
    std::vector<double> benchmark_close;
    research::MarketData data() const { return research::market_data(bars, benchmark_close); }
};

Result<LoadedData> load(const ResearchOptions& o, bool needs_benchmark) {
    if (o.input.empty()) return fail(Error::invalid_argument("--input is required"));
    if (!fs::exists(o.input)) {
        return fail(Error::not_found(fmt::format("input file {} does not exist", o.input)));
    }
    LoadedData d;
    AITP_TRY_ASSIGN(d.bars, data::read_bar_file(o.input));
    if (d.bars.is_empty()) {
        return fail(Error::invalid_argument(fmt::format("input file {} has no bars", o.input)));
    }
    if (!o.benchmark.empty() && needs_benchmark) {
        if (!fs::exists(o.benchmark)) {
            return fail(
                Error::not_found(fmt::format("benchmark file {} does not exist", o.benchmark)));
        }
        AITP_TRY_ASSIGN(const model::BarSeries bench, data::read_bar_file(o.benchmark));
        research::AlignedBars aligned = research::align_with_benchmark(d.bars, bench);
        d.bars = std::move(aligned.bars);
        d.benchmark_close = std::move(aligned.benchmark_close);
    }
    return d;
}

// The bar interval that annualises: --freq, else inferred from the bars the strategy runs on.
Result<std::int64_t> bar_millis(const ResearchOptions& o, const LoadedData& d) {
    if (!o.freq) return model::bar_interval_millis(d.bars.ts());
    auto tf = model::parse_timeframe(*o.freq);
    if (!tf) return fail(Error::invalid_argument(fmt::format("--freq: {}", tf.error().message())));
    return model::timeframe_millis(*tf);
}

Result<research::ScreenOptions> screen_options(const ResearchOptions& o, const StrategySpec& s,
                                               const LoadedData& d, ProgressFn progress) {
    if (o.threads < 1) {
        return fail(
            Error::invalid_argument(fmt::format("--threads must be >= 1, was {}", o.threads)));
    }
    AITP_TRY_ASSIGN(const std::int64_t step, bar_millis(o, d));
    research::ScreenOptions opt;
    if (o.fees) {
        AITP_TRY(model::check_fee_rate(*o.fees).map_error(
            [](const Error& e) { return e.with_context("--fees"); }));
        opt.sim.fees = *o.fees;
    } else {
        AITP_TRY_ASSIGN(opt.sim.fees,
                        research::asset_class_fees(o.asset_class.value_or(s.asset_class)));
    }
    opt.sim.slippage = o.slippage;
    opt.sim.periods_per_year = metrics::periods_per_year(step);
    opt.sweep.threads = o.threads;
    opt.sweep.work.progress = std::move(progress);
    opt.sweep.work.stop = stop_on_signal();  // Ctrl-C / SIGTERM: "cancelled", no partial files
    opt.top_k = o.top;
    return opt;
}

Status write(const fs::path& path, const std::string& text) { return write_output(path, text); }

Result<std::vector<const StrategySpec*>> selected(const ResearchOptions& o) {
    std::vector<const StrategySpec*> out;
    if (o.strategy == "all") {
        for (const StrategySpec& s : research::screen_strategies()) {
            if (!s.needs_benchmark || !o.benchmark.empty()) {
                out.push_back(&s);
            } else {
                fmt::print(stderr, "aitp: note: skipping {}: it needs --benchmark FILE\n", s.name);
            }
        }
        return out;
    }
    AITP_TRY_ASSIGN(const StrategySpec* s, research::find_strategy(o.strategy));
    if (s->needs_benchmark && o.benchmark.empty()) {
        return fail(Error::invalid_argument(fmt::format("{} needs --benchmark FILE", s->name)));
    }
    out.push_back(s);
    return out;
}

Result<research::ScreenSummary> screen_one(const ResearchOptions& o, const StrategySpec& s,
                                           const LoadedData& d) {
    ProgressBar bar("screen " + s.name);
    AITP_TRY_ASSIGN(research::ScreenOptions opt, screen_options(o, s, d, bar.fn()));
    const bool full = o.top == 0;
    opt.pbo_blocks = full ? o.pbo_blocks : 0;
    auto res = research::run_screen(s, d.data(), s.grid, opt);
    if (!res) return fail(res.error().with_context(s.name));
    AITP_TRY(write(fs::path(o.output) / (s.name + ".csv"), research::to_csv(res->table)));
    if (full) {
        AITP_TRY(write(fs::path(o.output) / (s.name + "_ranked.csv"),
                       research::to_csv(research::ranked(*res).table)));
    }
    research::ScreenSummary sum = research::summarize(*res, s.param_names);
    bar.finish(static_cast<std::int64_t>(sum.total_combos), "combinations");
    if (!sum.heat_map.is_empty()) {
        AITP_TRY(write(fs::path(o.output) / (s.name + "_heatmap.svg"),
                       research::sharpe_heatmap_svg(sum)));
    }
    return sum;
}

Status run_screen_command(const ResearchOptions& o) {
    if (o.output.empty()) return fail(Error::invalid_argument("screen: --output DIR is required"));
    AITP_TRY_ASSIGN(const auto specs, selected(o));
    bool any_benchmark = false;
    for (const StrategySpec* s : specs) any_benchmark = any_benchmark || s->needs_benchmark;
    AITP_TRY_ASSIGN(const LoadedData plain, load(o, false));
    std::optional<LoadedData> joined;
    if (any_benchmark) {
        AITP_TRY_ASSIGN(joined, load(o, true));
    }
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("cannot create {}: {}", o.output, ec.message())));
    }
    std::vector<research::ScreenSummary> summaries;
    for (const StrategySpec* s : specs) {
        AITP_TRY_ASSIGN(auto sum, screen_one(o, *s, s->needs_benchmark ? *joined : plain));
        fmt::print("{:<22} {:>6} combos  top sharpe {:>8.4f}  top return {:>8.4f}\n", s->name,
                   sum.total_combos, sum.top_sharpe, sum.top_return);
        summaries.push_back(std::move(sum));
    }
    return write(fs::path(o.output) / "summary.json", research::summary_json(summaries));
}

Status run_validate_command(const ResearchOptions& o) {
    if (o.output.empty())
        return fail(Error::invalid_argument("validate: --output DIR is required"));
    AITP_TRY_ASSIGN(const StrategySpec* s, research::find_strategy(o.strategy));
    AITP_TRY_ASSIGN(const LoadedData d, load(o, s->needs_benchmark));
    ProgressBar bar("validate " + s->name);
    research::ValidationOptions vo;
    AITP_TRY_ASSIGN(vo.screen, screen_options(o, *s, d, bar.fn()));
    vo.screen.top_k = 0;
    vo.screen.sim.fees = o.fees.value_or(0.001);
    vo.screen.sim.slippage = o.slippage > 0.0 ? o.slippage : 0.0005;
    vo.pbo_blocks = o.pbo_blocks;
    const auto start = std::chrono::steady_clock::now();
    auto rep = research::validate_strategy(*s, d.data(), s->grid, vo);
    if (!rep) return fail(rep.error().with_context(s->name));
    bar.finish(static_cast<std::int64_t>(rep->total_combos), "combinations");
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("cannot create {}: {}", o.output, ec.message())));
    }
    AITP_TRY(write(fs::path(o.output) / ("validation_" + s->name + ".json"),
                   research::validation_json(*rep, s->param_names)));
    fmt::print("{}: {} combinations in {:.2f} s; gate2 {}, gate3a {}, gate3b {} -> {}\n", s->name,
               rep->total_combos, secs, rep->gate2.passed() ? "pass" : "FAIL",
               rep->gate3a_passed ? "pass" : "FAIL", rep->gate3b_passed ? "pass" : "FAIL",
               rep->passed ? "PASSED" : "FAILED");
    return ok_status();
}

Status run_walkforward_command(const ResearchOptions& o) {
    if (o.splits < 1) {
        return fail(
            Error::invalid_argument(fmt::format("--splits must be >= 1, was {}", o.splits)));
    }
    AITP_TRY_ASSIGN(const StrategySpec* s, research::find_strategy(o.strategy));
    if (s->needs_benchmark && o.benchmark.empty()) {
        return fail(Error::invalid_argument(fmt::format("{} needs --benchmark FILE", s->name)));
    }
    AITP_TRY_ASSIGN(const LoadedData d, load(o, s->needs_benchmark));
    ProgressBar bar("walkforward " + s->name);
    AITP_TRY_ASSIGN(const research::ScreenOptions opt, screen_options(o, *s, d, bar.fn()));
    const auto folds = research::rolling_folds(d.bars.size(), o.splits, o.train_ratio);
    if (folds.empty()) {
        return fail(Error::invalid_argument(
            fmt::format("{} bars are too few for {} walk-forward windows (each needs >= 100 rows)",
                        d.bars.size(), o.splits)));
    }
    auto wf = research::walk_forward(*s, d.data(), s->grid, folds, opt);
    if (!wf) return fail(wf.error().with_context(s->name));
    bar.finish(static_cast<std::int64_t>(folds.size()), "folds");
    const std::string json = research::walk_forward_json(s->name, *wf, s->param_names);
    if (o.output.empty()) {
        fmt::print("{}", json);
        return ok_status();
    }
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
        return fail(Error::io_error(fmt::format("cannot create {}: {}", o.output, ec.message())));
    }
    AITP_TRY(write(fs::path(o.output) / (s->name + "_walkforward.csv"),
                   research::walk_forward_csv(*wf, s->param_names)));
    AITP_TRY(write(fs::path(o.output) / (s->name + "_walkforward.json"), json));
    fmt::print(
        "{}: mean IS sharpe {:.4f}, mean OOS sharpe {:.4f}, degradation {:.4f}, {} of {} folds "
        "without out-of-sample trades -> {}\n",
        s->name, wf->mean_is_sharpe, wf->mean_oos_sharpe, wf->mean_degradation,
        wf->folds_without_oos_trades, wf->folds.size(), research::walk_forward_verdict(*wf));
    return ok_status();
}

void add_common(CLI::App* sub, ResearchOptions& o) {
    sub->add_option("strategy", o.strategy, "Strategy name")->required();
    sub->add_option("--input", o.input, "OHLCV file (.csv or .parquet)")->required();
    sub->add_option("--benchmark", o.benchmark, "Benchmark OHLCV file (relative_strength)");
    sub->add_option("--fees", o.fees, "Proportional fee per order (default by asset class)");
    sub->add_option("--asset-class", o.asset_class, "crypto (0.001), equity (0), forex (0.0001)");
    sub->add_option("--slippage", o.slippage, "Proportional slippage per order");
    sub->add_option("--freq", o.freq,
                    "Bar interval for annualisation: 1m,5m,15m,1h,4h,1d (default: inferred from "
                    "the input's timestamps)");
    sub->add_option("--threads", o.threads, "Worker threads")->capture_default_str();
}

std::string research_strategy_help(bool with_all) {
    std::vector<std::string> names;
    for (const auto* list : {&research::screen_strategies(), &research::validation_strategies()}) {
        for (const StrategySpec& s : *list) names.push_back(s.name);
    }
    std::string help = strategy_help(names);
    if (with_all)
        help +=
            "  all\n      the six screens, sma_crossover to relative_strength (relative_strength "
            "only with --benchmark)\n";
    return help;
}

}  // namespace

void add_research_commands(CLI::App& root, CommandContext& ctx) {
    auto so = std::make_shared<ResearchOptions>();
    auto* screen = root.add_subcommand("screen", "Screen a strategy's parameter grid (or all)");
    add_common(screen, *so);
    screen->footer(research_strategy_help(true));
    screen->add_option("--output", so->output, "Output directory")->required();
    screen->add_option("--top", so->top, "Keep only the best K rows by Sharpe (0 = all)");
    screen->add_option("--pbo-blocks", so->pbo_blocks, "CSCV blocks for PBO/deflated Sharpe")
        ->capture_default_str();
    set_command(screen, ctx, [so] { return run_screen_command(*so); });

    auto vo = std::make_shared<ResearchOptions>();
    auto* validate = root.add_subcommand("validate", "Gate 2/3 validation of a strategy");
    add_common(validate, *vo);
    validate->footer(research_strategy_help(false));
    validate->add_option("--output", vo->output, "Output directory")->required();
    validate->add_option("--pbo-blocks", vo->pbo_blocks, "CSCV blocks for PBO/deflated Sharpe")
        ->capture_default_str();
    set_command(validate, ctx, [vo] { return run_validate_command(*vo); });

    auto wo = std::make_shared<ResearchOptions>();
    auto* wf = root.add_subcommand("walkforward", "Out-of-sample walk-forward of a strategy");
    add_common(wf, *wo);
    wf->footer(research_strategy_help(false));
    wf->add_option("--splits", wo->splits, "Number of windows")->capture_default_str();
    wf->add_option("--train-ratio", wo->train_ratio, "Training share of each window")
        ->capture_default_str();
    wf->add_option("--output", wo->output, "Output directory (default: print JSON)");
    set_command(wf, ctx, [wo] { return run_walkforward_command(*wo); });
}

}  // namespace aitp::cli
