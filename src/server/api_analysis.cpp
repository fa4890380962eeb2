// SPDX-License-Identifier: MIT
// Screening and backtest endpoints: runs are jobs; results are stored in SQLite.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backtest/runner.hpp"
#include "core/text.hpp"
#include "data/parquet_store.hpp"
#include "metrics/return_metrics.hpp"
#include "model/instrument.hpp"
#include "research/screen.hpp"
#include "research/screen_summary.hpp"
#include "research/strategy.hpp"
#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "strategy/names.hpp"
#include "strategy/registry.hpp"

namespace aitp::server {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json num(double v) {
    return std::isfinite(v) ? json(v)
                            : (std::isnan(v) ? json(nullptr) : json(v > 0 ? "inf" : "-inf"));
}

json run_metrics_json(const metrics::RunMetrics& m) {
    return {{"total_return", num(m.total_return)},
            {"sharpe_ratio", num(m.sharpe_ratio)},
            {"sortino_ratio", num(m.sortino_ratio)},
            {"calmar_ratio", num(m.calmar_ratio)},
            {"max_drawdown_pct", num(m.max_drawdown_pct)},
            {"max_drawdown_amount", num(m.max_drawdown_amount)},
            {"win_rate", num(m.win_rate)},
            {"profit_factor", num(m.profit_factor)},
            {"num_trades", m.num_trades},
            {"final_value", num(m.final_value)},
            {"exposure", num(m.exposure)},
            {"trades_per_year", num(m.trades_per_year)}};
}

Result<data::SeriesKey> body_key(const json& body) {
    AITP_TRY_ASSIGN(const auto exchange, string_field(body, "exchange", "sample"));
    AITP_TRY_ASSIGN(const auto symbol, string_field(body, "symbol", "BTC/USDT"));
    AITP_TRY_ASSIGN(const auto timeframe, string_field(body, "timeframe", "1h"));
    return api_series_key(exchange, symbol, timeframe);
}

Result<int> parse_limit(const Request& req) {
    AITP_TRY_ASSIGN(const auto v, parse_integer(req.query_param("limit", "50"), "limit", 1, 500));
    return static_cast<int>(v);
}

Result<std::int64_t> parse_result_id(const std::string& text) {
    return parse_integer(text, "result id", 1, std::numeric_limits<std::int64_t>::max());
}

// ---- screening ----

Response screening_strategies(App::Impl&, Request&) {
    json out = json::array();
    for (const auto& s : research::screen_strategies()) {
        out.push_back({{"name", s.name},
                       {"parameters", s.param_names},
                       {"combinations", s.grid.size()},
                       {"asset_class", s.asset_class},
                       {"needs_benchmark", s.needs_benchmark},
                       {"description", std::string(strategy::strategy_summary(s.name))}});
    }
    return Response::json(200, json_text(out));
}

json heatmap_json(const research::SharpeHeatMap& h) {
    json z = json::array();
    for (std::size_t yi = 0; yi < h.y.size(); ++yi) {
        json row = json::array();
        for (std::size_t xi = 0; xi < h.x.size(); ++xi) {
            const double v = h.at(xi, yi);
            row.push_back(std::isfinite(v) ? json(v) : json(nullptr));
        }
        z.push_back(std::move(row));
    }
    return {{"x_label", h.x_label}, {"y_label", h.y_label}, {"x", h.x}, {"y", h.y}, {"z", z}};
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::optional<double> finite_or_none(double v) {
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

Result<std::string> run_screen_job(JobContext& ctx, const fs::path& dir,
                                   store::ResultStore& results, const data::SeriesKey& key,
                                   const std::vector<const research::StrategySpec*>& specs,
                                   std::optional<double> fees_override) {
    const data::ParquetStore store(dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key));
    const research::MarketData md = research::market_data(bars);
    json ids = json::array();
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const auto& spec = *specs[k];
        research::ScreenOptions opt;
        AITP_TRY_ASSIGN(opt.sim.fees, research::asset_class_fees(spec.asset_class));
        if (fees_override) opt.sim.fees = *fees_override;
        opt.sim.periods_per_year =
            metrics::periods_per_year(model::timeframe_millis(key.timeframe));
        opt.sweep.threads = 1;
        const double base = static_cast<double>(k) / static_cast<double>(specs.size());
        const double span = 1.0 / static_cast<double>(specs.size());
        // The sweep reports within the strategy and stops at the job's cancel (or shutdown).
        opt.sweep.work.progress = [&ctx, base, span, &spec](double f, std::string_view) {
            ctx.progress(base + span * f, spec.name);
        };
        opt.sweep.work.stop = ctx.stop_token();
        AITP_TRY_ASSIGN(const auto screen, research::run_screen(spec, md, spec.grid, opt));
        const research::ScreenSummary sum = research::summarize(screen, spec.param_names);
        json top = json::array();
        for (const auto& row : sum.top_results) {
            json params = json::object();
            for (std::size_t p = 0; p < sum.param_names.size(); ++p) {
                params[sum.param_names[p]] = row.params[p];
            }
            json item = run_metrics_json(row.metrics);
            item["params"] = params;
            top.push_back(std::move(item));
        }
        store::ScreenRecord rec;
        rec.job_id = ctx.id();
        rec.exchange = key.source;
        rec.symbol = key.symbol.to_string();
        rec.timeframe = std::string(model::timeframe_name(key.timeframe));
        rec.strategy = spec.name;
        rec.total_combinations = static_cast<std::int64_t>(sum.total_combos);
        rec.top_sharpe = finite_or_none(sum.top_sharpe);
        rec.top_return = finite_or_none(sum.top_return);
        rec.top_results = json_text(top);
        rec.summary = json_text(json{{"total_combos", sum.total_combos},
                                     {"top_sharpe", optional_json(rec.top_sharpe)},
                                     {"top_return", optional_json(rec.top_return)}});
        if (!sum.heat_map.is_empty()) rec.heatmap = json_text(heatmap_json(sum.heat_map));
        AITP_TRY_ASSIGN(const auto id, results.insert_screen(rec));
        ids.push_back(id);
    }
    return json_text(
        json{{"result_ids", ids}, {"result_id", ids.empty() ? json(nullptr) : ids[0]}});
}

Response screening_run(App::Impl& impl, Request& req) {
    auto body = parse_json_object(req.body);
    if (!body) return error_response(body.error());
    auto key = body_key(*body);
    if (!key) return error_response(key.error());
    auto strategy_name = string_field(*body, "strategy", "all");
    if (!strategy_name) return error_response(strategy_name.error());
    const std::string& name = *strategy_name;
    std::vector<const research::StrategySpec*> specs;
    if (name == "all") {
        for (const auto& s : research::screen_strategies()) {
            if (!s.needs_benchmark) specs.push_back(&s);
        }
    } else {
        auto s = research::find_strategy(name);
        if (!s) return error_response(s.error());
        if ((*s)->needs_benchmark)
            return Response::error(400, name + " needs a benchmark series; use the CLI");
        specs.push_back(*s);
    }
    auto fees_field = number_field(*body, "fees");
    if (!fees_field) return error_response(fees_field.error());
    const std::optional<double> fees = *fees_field;
    if (fees) {
        if (auto st = model::check_fee_rate(*fees); !st) return error_response(st.error());
    }
    const data::ParquetStore store(impl.data_dir);
    if (!fs::exists(store.path_for(*key)))
        return Response::error(404, "no stored series " + key->file_name());
    const fs::path dir = impl.data_dir;
    store::ResultStore* results = impl.result_store.get();
    const data::SeriesKey k = *key;
    auto id = impl.runner->submit("screening", json_text(*body),
                                  [dir, results, k, specs, fees](JobContext& ctx) {
                                      return run_screen_job(ctx, dir, *results, k, specs, fees);
                                  });
    if (!id) return error_response(id.error());
    return Response::json(202, json_text(json{{"job_id", *id}}));
}

json screen_summary_json(const store::ScreenRecord& r) {
    return {{"id", r.id},
            {"job_id", r.job_id},
            {"exchange", r.exchange},
            {"symbol", r.symbol},
            {"timeframe", r.timeframe},
            {"strategy", r.strategy},
            {"total_combinations", r.total_combinations},
            {"top_sharpe", optional_json(r.top_sharpe)},
            {"top_return", optional_json(r.top_return)},
            {"created_at", r.created_at}};
}

Response screening_results(App::Impl& impl, Request& req) {
    auto limit = parse_limit(req);
    if (!limit) return error_response(limit.error());
    auto rows = impl.result_store->list_screens(*limit);
    if (!rows) return error_response(rows.error());
    json out = json::array();
    for (const auto& r : *rows) out.push_back(screen_summary_json(r));
    return Response::json(200, json_text(out));
}

Response screening_result(App::Impl& impl, Request& req) {
    auto id = parse_result_id(req.params["id"]);
    if (!id) return error_response(id.error());
    auto r = impl.result_store->get_screen(*id);
    if (!r) return error_response(r.error());
    if (!*r) return Response::error(404, "no screening result " + req.params["id"]);
    json out = screen_summary_json(**r);
    out["top_results"] = json::parse((*r)->top_results);
    out["summary"] = json::parse((*r)->summary);
    out["heatmap"] = (*r)->heatmap ? json::parse(*(*r)->heatmap) : json(nullptr);
    return Response::json(200, json_text(out));
}

// ---- backtest ----

Response backtest_strategies(App::Impl&, Request&) {
    json out = json::array();
    for (const auto& s : strategy::strategy_registry()) {
        json params = json::object();
        for (const auto& p : s.params) params[std::string(p.name)] = p.default_value;
        out.push_back({{"name", s.name}, {"description", s.description}, {"params", params}});
    }
    return Response::json(200, json_text(out));
}

// Equity curve with drawdown, thinned to at most ~2,000 points (always keeping the last).
json equity_json(const backtest::BacktestResult& r) {
    json out = json::array();
    const std::size_t n = r.equity.size();
    const std::size_t step = std::max<std::size_t>(1, n / 2000);
    double peak = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        peak = std::max(peak, r.equity[i].equity);
        if (i % step != 0 && i + 1 != n) continue;
        const double dd = peak > 0.0 ? 1.0 - r.equity[i].equity / peak : 0.0;
        out.push_back(
            {{"timestamp", r.equity[i].ts}, {"equity", r.equity[i].equity}, {"drawdown", dd}});
    }
    return out;
}

json trades_json(const backtest::BacktestResult& r) {
    json out = json::array();
    for (const auto& t : r.trades) {
        out.push_back({{"entry_time", t.entry_ts},
                       {"exit_time", t.exit_ts},
                       {"side", t.is_long ? "long" : "short"},
                       {"entry_price", t.entry_price},
                       {"exit_price", t.exit_price},
                       {"size", t.qty},
                       {"pnl", t.pnl},
                       {"fee", t.entry_fee + t.exit_fee}});
    }
    return out;
}

// The run's settings from the body, strictly typed and checked by the library before a job is
// queued (so `cash: "abc"` or `fees: 5` is a 400, not a failed job).
Result<backtest::RunRequest> backtest_settings(const json& body) {
    backtest::RunRequest req;
    AITP_TRY_ASSIGN(req.strategy, string_field(body, "strategy", "sma_crossover"));
    if (const auto it = body.find("params"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) return fail(Error::invalid_argument("params must be an object"));
        for (const auto& [name, value] : it->items()) {
            if (!value.is_string() && !value.is_number() && !value.is_boolean()) {
                return fail(Error::invalid_argument(
                    fmt::format("params.{} must be a number or a string", name)));
            }
            req.overrides.emplace_back(
                name, value.is_string() ? value.get<std::string>() : json_text(value));
        }
    }
    AITP_TRY_ASSIGN(req.cash, number_field(body, "cash", 10000.0));
    AITP_TRY_ASSIGN(req.fees, number_field(body, "fees"));
    AITP_TRY(backtest::check_settings(req));
    return req;
}

Result<std::string> run_backtest_job(JobContext& ctx, const fs::path& dir,
                                     store::ResultStore& results, const data::SeriesKey& key,
                                     backtest::RunRequest req) {
    ctx.progress(0.05, "loading data");
    const data::ParquetStore store(dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key));
    req.series = {&bars};
    req.instrument_names = {key.symbol.to_string()};
    req.asset_class = key.symbol.guess_asset_class(key.source);
    // The engine reports progress through the bars and stops at the job's cancel.
    req.work = ctx.work().part(0.2, 0.7);
    AITP_TRY(req.work.check("before the run"));
    ctx.progress(0.2, "running " + req.strategy);
    AITP_TRY_ASSIGN(const auto out, backtest::run_strategy(req));
    ctx.progress(0.9, "saving");
    json metrics = run_metrics_json(out.metrics.run);
    metrics["initial_equity"] = out.result.initial_equity;
    metrics["final_value"] = out.result.final_equity;
    metrics["open_trades"] = out.result.open_trades.size();
    const backtest::OrderCounts& oc = out.result.orders;
    metrics["orders"] = {{"submitted", oc.submitted},
                         {"filled", oc.filled},
                         {"cancelled", oc.cancelled},
                         {"rejected", oc.rejected},
                         {"capped", oc.capped}};
    json rejections = json::object();
    for (const auto& [reason, count] : backtest::rejection_counts(out.result))
        rejections[reason] = count;
    metrics["rejections"] = rejections;
    metrics["run_id"] = out.run_id;
    json params = json::object();
    for (const auto& [n, v] : out.params) params[n] = v;
    store::BacktestRecord rec;
    rec.job_id = ctx.id();
    rec.exchange = key.source;
    rec.symbol = key.symbol.to_string();
    rec.timeframe = std::string(model::timeframe_name(key.timeframe));
    rec.strategy = out.strategy;
    rec.params = json_text(params);
    rec.metrics = json_text(metrics);
    rec.equity_curve = json_text(equity_json(out.result));
    rec.trades = json_text(trades_json(out.result));
    AITP_TRY_ASSIGN(const auto id, results.insert_backtest(rec));
    return json_text(json{{"result_id", id}, {"metrics", metrics}});
}

Response backtest_run(App::Impl& impl, Request& req) {
    auto body = parse_json_object(req.body);
    if (!body) return error_response(body.error());
    auto key = body_key(*body);
    if (!key) return error_response(key.error());
    auto settings = backtest_settings(*body);
    if (!settings) return error_response(settings.error());
    const data::ParquetStore store(impl.data_dir);
    if (!fs::exists(store.path_for(*key)))
        return Response::error(404, "no stored series " + key->file_name());
    const fs::path dir = impl.data_dir;
    store::ResultStore* results = impl.result_store.get();
    const data::SeriesKey k = *key;
    const backtest::RunRequest settings_copy = *settings;
    auto id = impl.runner->submit("backtest", json_text(*body),
                                  [dir, results, k, settings_copy](JobContext& ctx) {
                                      return run_backtest_job(ctx, dir, *results, k, settings_copy);
                                  });
    if (!id) return error_response(id.error());
    return Response::json(202, json_text(json{{"job_id", *id}}));
}

json backtest_summary_json(const store::BacktestRecord& r) {
    return {{"id", r.id},
            {"job_id", r.job_id},
            {"exchange", r.exchange},
            {"symbol", r.symbol},
            {"timeframe", r.timeframe},
            {"strategy", r.strategy},
            {"params", json::parse(r.params)},
            {"metrics", json::parse(r.metrics)},
            {"created_at", r.created_at}};
}

Response backtest_results(App::Impl& impl, Request& req) {
    auto limit = parse_limit(req);
    if (!limit) return error_response(limit.error());
    auto rows = impl.result_store->list_backtests(*limit);
    if (!rows) return error_response(rows.error());
    json out = json::array();
    for (const auto& r : *rows) out.push_back(backtest_summary_json(r));
    return Response::json(200, json_text(out));
}

Result<store::BacktestRecord> backtest_by_id(App::Impl& impl, const std::string& text) {
    AITP_TRY_ASSIGN(const auto id, parse_result_id(text));
    AITP_TRY_ASSIGN(auto r, impl.result_store->get_backtest(id));
    if (!r) return fail(Error::not_found("no backtest result " + text));
    return *r;
}

Response backtest_result(App::Impl& impl, Request& req) {
    auto r = backtest_by_id(impl, req.params["id"]);
    if (!r) return error_response(r.error());
    json out = backtest_summary_json(*r);
    out["equity_curve"] = json::parse(r->equity_curve);
    out["trades"] = json::parse(r->trades);
    return Response::json(200, json_text(out));
}

Response backtest_compare(App::Impl& impl, Request& req) {
    const std::string ids = req.query_param("ids");
    if (ids.empty()) return Response::error(400, "ids is required, e.g. ?ids=1,2");
    json out = json::array();
    for (std::size_t pos = 0; pos < ids.size();) {
        auto end = ids.find(',', pos);
        if (end == std::string::npos) end = ids.size();
        auto r = backtest_by_id(impl, ids.substr(pos, end - pos));
        if (!r) return error_response(r.error());
        out.push_back(backtest_summary_json(*r));
        pos = end + 1;
    }
    return Response::json(200, json_text(out));
}

Response backtest_export(App::Impl& impl, Request& req) {
    auto r = backtest_by_id(impl, req.query_param("id"));
    if (!r) return error_response(r.error());
    std::string csv = "entry_time,exit_time,side,entry_price,exit_price,size,pnl,fee\n";
    for (const auto& t : json::parse(r->trades)) {
        csv += fmt::format(
            "{},{},{},{},{},{},{},{}\n", format_iso8601(t["entry_time"].get<std::int64_t>()),
            format_iso8601(t["exit_time"].get<std::int64_t>()), t["side"].get<std::string>(),
            t["entry_price"].get<double>(), t["exit_price"].get<double>(), t["size"].get<double>(),
            t["pnl"].get<double>(), t["fee"].get<double>());
    }
    Response res;
    res.content_type = "text/csv";
    res.body = std::move(csv);
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"backtest_{}.csv\"", r->id));
    return res;
}

}  // namespace

void register_analysis_routes(App::Impl& impl) {
    namespace s = schema;
    App::Impl* p = &impl;
    const ParamDoc id{"id", "the result id (result_id of the job)", "integer"};
    const ParamDoc limit{"limit", "1..500, default 50", "integer"};
    impl.router.add("GET", "/api/screening/strategies/",
                    {.summary = "Strategies a screen can sweep, with their grid sizes",
                     .tag = "Screening",
                     .response = s::array(s::ref("ScreenStrategy"))},
                    [p](Request& r) { return screening_strategies(*p, r); });
    impl.router.add("POST", "/api/screening/run/",
                    {.summary = "Screen a stored series over a strategy's parameter grid (a job)",
                     .tag = "Screening",
                     .request = s::ref("ScreenRequest"),
                     .status = 202,
                     .response = s::ref("JobAccepted")},
                    [p](Request& r) { return screening_run(*p, r); });
    impl.router.add("GET", "/api/screening/results/",
                    {.summary = "Stored screens, newest first",
                     .tag = "Screening",
                     .query = {limit},
                     .response = s::array(s::ref("ScreenSummary"))},
                    [p](Request& r) { return screening_results(*p, r); });
    impl.router.add("GET", "/api/screening/results/<id>/",
                    {.summary = "One screen with its top results and Sharpe heat map",
                     .tag = "Screening",
                     .path_params = {id},
                     .response = s::ref("ScreenResult")},
                    [p](Request& r) { return screening_result(*p, r); });
    impl.router.add("GET", "/api/backtest/strategies/",
                    {.summary = "Strategies the event engine runs, with their default parameters",
                     .tag = "Backtest",
                     .response = s::array(s::ref("BacktestStrategy"))},
                    [p](Request& r) { return backtest_strategies(*p, r); });
    impl.router.add("POST", "/api/backtest/run/",
                    {.summary = "Backtest a strategy on a stored series (a job)",
                     .tag = "Backtest",
                     .request = s::ref("BacktestRequest"),
                     .status = 202,
                     .response = s::ref("JobAccepted")},
                    [p](Request& r) { return backtest_run(*p, r); });
    impl.router.add("GET", "/api/backtest/results/",
                    {.summary = "Stored backtests, newest first",
                     .tag = "Backtest",
                     .query = {limit},
                     .response = s::array(s::ref("BacktestSummary"))},
                    [p](Request& r) { return backtest_results(*p, r); });
    RouteOptions heavy;
    heavy.heavy = true;
    impl.router.add(
        "GET", "/api/backtest/results/<id>/",
        {.summary = "One backtest with its equity curve and trades",
         .tag = "Backtest",
         .path_params = {id},
         .response = s::ref("BacktestResult")},
        [p](Request& r) { return backtest_result(*p, r); }, heavy);
    impl.router.add("GET", "/api/backtest/compare/",
                    {.summary = "Several backtests side by side",
                     .tag = "Backtest",
                     .query = {{"ids", "comma-separated result ids, e.g. 1,2,3", "string", true}},
                     .response = s::array(s::ref("BacktestSummary"))},
                    [p](Request& r) { return backtest_compare(*p, r); });
    impl.router.add(
        "GET", "/api/backtest/export/",
        {.summary = "A backtest's trades as CSV",
         .tag = "Backtest",
         .query = {{"id", "the result id", "integer", true}},
         .response =
             s::string("CSV: entry_time,exit_time,side,entry_price,exit_price,size,pnl,fee"),
         .content_type = "text/csv"},
        [p](Request& r) { return backtest_export(*p, r); }, heavy);
}

}  // namespace aitp::server
