// SPDX-License-Identifier: MIT
// Screening and backtest endpoints: runs are jobs; results are stored in SQLite.
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backtest/runner.hpp"
#include "data/parquet_store.hpp"
#include "metrics/return_metrics.hpp"
#include "research/screen.hpp"
#include "research/screen_summary.hpp"
#include "research/strategy.hpp"
#include "server/api.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
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
    return {{"total_return", num(m.total_return)},      {"sharpe_ratio", num(m.sharpe_ratio)},
            {"sortino_ratio", num(m.sortino_ratio)},    {"calmar_ratio", num(m.calmar_ratio)},
            {"max_drawdown", num(m.max_drawdown)},      {"win_rate", num(m.win_rate)},
            {"profit_factor", num(m.profit_factor)},    {"num_trades", m.num_trades},
            {"final_value", num(m.final_value)},        {"exposure", num(m.exposure)},
            {"trades_per_year", num(m.trades_per_year)}};
}

Result<json> parse_body(const Request& req) {
    json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return fail(Error::invalid_argument("body must be a JSON object"));
    return body;
}

Result<data::SeriesKey> body_key(const json& body) {
    return api_series_key(body.value("exchange", std::string("sample")),
                          body.value("symbol", std::string("BTC/USDT")),
                          body.value("timeframe", std::string("1h")));
}

int parse_limit(const Request& req) {
    try {
        return std::clamp(std::stoi(req.query_param("limit", "50")), 1, 500);
    } catch (const std::exception&) {
        return 50;
    }
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
    return Response::json(200, out.dump());
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
                                   double fees_override) {
    const data::ParquetStore store(dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key));
    const research::MarketData md = research::market_data(bars);
    json ids = json::array();
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const auto& spec = *specs[k];
        research::ScreenOptions opt;
        AITP_TRY_ASSIGN(opt.sim.fees, research::asset_class_fees(spec.asset_class));
        if (fees_override >= 0.0) opt.sim.fees = fees_override;
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
        rec.top_results = top.dump();
        rec.summary = json{{"total_combos", sum.total_combos},
                           {"top_sharpe", optional_json(rec.top_sharpe)},
                           {"top_return", optional_json(rec.top_return)}}
                          .dump();
        if (!sum.heat_map.is_empty()) rec.heatmap = heatmap_json(sum.heat_map).dump();
        AITP_TRY_ASSIGN(const auto id, results.insert_screen(rec));
        ids.push_back(id);
    }
    return json{{"result_ids", ids}, {"result_id", ids.empty() ? json(nullptr) : ids[0]}}.dump();
}

Response screening_run(App::Impl& impl, Request& req) {
    auto body = parse_body(req);
    if (!body) return error_response(body.error());
    auto key = body_key(*body);
    if (!key) return error_response(key.error());
    const std::string name = body->value("strategy", std::string("all"));
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
    const double fees = body->value("fees", -1.0);
    const data::ParquetStore store(impl.data_dir);
    if (!fs::exists(store.path_for(*key)))
        return Response::error(404, "no stored series " + key->file_name());
    const fs::path dir = impl.data_dir;
    store::ResultStore* results = impl.result_store.get();
    const data::SeriesKey k = *key;
    auto id = impl.runner->submit("screening", body->dump(),
                                  [dir, results, k, specs, fees](JobContext& ctx) {
                                      return run_screen_job(ctx, dir, *results, k, specs, fees);
                                  });
    if (!id) return error_response(id.error());
    return Response::json(202, json{{"job_id", *id}}.dump());
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
    auto rows = impl.result_store->list_screens(parse_limit(req));
    if (!rows) return error_response(rows.error());
    json out = json::array();
    for (const auto& r : *rows) out.push_back(screen_summary_json(r));
    return Response::json(200, out.dump());
}

Response screening_result(App::Impl& impl, Request& req) {
    std::int64_t id = 0;
    try {
        id = std::stoll(req.params["id"]);
    } catch (const std::exception&) {
        return Response::error(400, "result id must be an integer");
    }
    auto r = impl.result_store->get_screen(id);
    if (!r) return error_response(r.error());
    if (!*r) return Response::error(404, "no screening result " + req.params["id"]);
    json out = screen_summary_json(**r);
    out["top_results"] = json::parse((*r)->top_results);
    out["summary"] = json::parse((*r)->summary);
    out["heatmap"] = (*r)->heatmap ? json::parse(*(*r)->heatmap) : json(nullptr);
    return Response::json(200, out.dump());
}

// ---- backtest ----

Response backtest_strategies(App::Impl&, Request&) {
    json out = json::array();
    for (const auto& s : strategy::strategy_registry()) {
        json params = json::object();
        for (const auto& p : s.params) params[std::string(p.name)] = p.default_value;
        out.push_back({{"name", s.name}, {"description", s.description}, {"params", params}});
    }
    return Response::json(200, out.dump());
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

Result<std::string> run_backtest_job(JobContext& ctx, const fs::path& dir,
                                     store::ResultStore& results, const data::SeriesKey& key,
                                     const json& body) {
    ctx.progress(0.05, "loading data");
    const data::ParquetStore store(dir);
    AITP_TRY_ASSIGN(const auto bars, store.read(key));
    backtest::RunRequest req;
    req.strategy = body.value("strategy", std::string("sma_crossover"));
    if (body.contains("params")) {
        if (!body["params"].is_object())
            return fail(Error::invalid_argument("params must be an object"));
        for (const auto& [name, value] : body["params"].items()) {
            req.overrides.emplace_back(name,
                                       value.is_string() ? value.get<std::string>() : value.dump());
        }
    }
    req.series = {&bars};
    req.instrument_names = {key.symbol.to_string()};
    req.asset_class = key.symbol.guess_asset_class(key.source);
    req.cash = body.value("cash", 10000.0);
    req.fees = body.value("fees", -1.0);
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
    rec.params = params.dump();
    rec.metrics = metrics.dump();
    rec.equity_curve = equity_json(out.result).dump();
    rec.trades = trades_json(out.result).dump();
    AITP_TRY_ASSIGN(const auto id, results.insert_backtest(rec));
    return json{{"result_id", id}, {"metrics", metrics}}.dump();
}

Response backtest_run(App::Impl& impl, Request& req) {
    auto body = parse_body(req);
    if (!body) return error_response(body.error());
    auto key = body_key(*body);
    if (!key) return error_response(key.error());
    const std::string name = body->value("strategy", std::string("sma_crossover"));
    if (strategy::find_strategy(name) == nullptr) {
        return error_response(strategy::make_strategy(name, {}).error());
    }
    const data::ParquetStore store(impl.data_dir);
    if (!fs::exists(store.path_for(*key)))
        return Response::error(404, "no stored series " + key->file_name());
    const fs::path dir = impl.data_dir;
    store::ResultStore* results = impl.result_store.get();
    const data::SeriesKey k = *key;
    const json b = *body;
    auto id = impl.runner->submit("backtest", body->dump(), [dir, results, k, b](JobContext& ctx) {
        return run_backtest_job(ctx, dir, *results, k, b);
    });
    if (!id) return error_response(id.error());
    return Response::json(202, json{{"job_id", *id}}.dump());
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
    auto rows = impl.result_store->list_backtests(parse_limit(req));
    if (!rows) return error_response(rows.error());
    json out = json::array();
    for (const auto& r : *rows) out.push_back(backtest_summary_json(r));
    return Response::json(200, out.dump());
}

Result<store::BacktestRecord> backtest_by_id(App::Impl& impl, const std::string& text) {
    std::int64_t id = 0;
    try {
        id = std::stoll(text);
    } catch (const std::exception&) {
        return fail(Error::invalid_argument("result id must be an integer, was '" + text + "'"));
    }
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
    return Response::json(200, out.dump());
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
    return Response::json(200, out.dump());
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
    App::Impl* p = &impl;
    impl.router.add("GET", "/api/screening/strategies/",
                    [p](Request& r) { return screening_strategies(*p, r); });
    impl.router.add("POST", "/api/screening/run/",
                    [p](Request& r) { return screening_run(*p, r); });
    impl.router.add("GET", "/api/screening/results/",
                    [p](Request& r) { return screening_results(*p, r); });
    impl.router.add("GET", "/api/screening/results/<id>/",
                    [p](Request& r) { return screening_result(*p, r); });
    impl.router.add("GET", "/api/backtest/strategies/",
                    [p](Request& r) { return backtest_strategies(*p, r); });
    impl.router.add("POST", "/api/backtest/run/", [p](Request& r) { return backtest_run(*p, r); });
    impl.router.add("GET", "/api/backtest/results/",
                    [p](Request& r) { return backtest_results(*p, r); });
    impl.router.add("GET", "/api/backtest/results/<id>/",
                    [p](Request& r) { return backtest_result(*p, r); });
    impl.router.add("GET", "/api/backtest/compare/",
                    [p](Request& r) { return backtest_compare(*p, r); });
    impl.router.add("GET", "/api/backtest/export/",
                    [p](Request& r) { return backtest_export(*p, r); });
}

}  // namespace aitp::server
