// SPDX-License-Identifier: MIT
#include "backtest/runner.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "backtest/engine.hpp"
#include "backtest/report.hpp"
#include "model/event_source.hpp"
#include "model/instrument.hpp"
#include "strategy/registry.hpp"

namespace aitp::backtest {

namespace {

Result<MarketFill> parse_fill(const std::string& fill, const strategy::StrategyInfo& info) {
    if (fill == "close") return MarketFill::BarClose;
    if (fill == "next_open") return MarketFill::NextOpen;
    if (fill == "auto") return info.fills_next_open ? MarketFill::NextOpen : MarketFill::BarClose;
    return fail(Error::invalid_argument(
        fmt::format("fill must be close, next_open or auto, was '{}'", fill)));
}

}  // namespace

Status check_settings(const RunRequest& req) {
    if (!(req.cash > 0.0 && req.cash <= kMaxCash)) {
        return fail(Error::invalid_argument(
            fmt::format("cash must be > 0 and at most {:g}, was {}", kMaxCash, req.cash)));
    }
    if (req.fees) AITP_TRY(model::check_fee_rate(*req.fees));
    AITP_TRY(strategy::make_strategy(req.strategy, req.overrides));
    AITP_TRY(parse_fill(req.fill, *strategy::find_strategy(req.strategy)));
    return ok_status();
}

Result<RunOutput> run_strategy(const RunRequest& req) {
    AITP_TRY(check_settings(req));
    if (req.series.empty())
        return fail(Error::invalid_argument("at least one bar series is required"));
    AITP_TRY_ASSIGN(std::unique_ptr<strategy::Strategy> strat,
                    strategy::make_strategy(req.strategy, req.overrides));
    const strategy::StrategyInfo* info = strategy::find_strategy(req.strategy);
    AITP_TRY_ASSIGN(const strategy::ParamSet params,
                    strategy::ParamSet::resolve(info->name, info->params, req.overrides));
    for (std::size_t i = 0; i < req.series.size(); ++i) {
        const auto& name =
            i < req.instrument_names.size() ? req.instrument_names[i] : std::to_string(i);
        if (req.series[i]->is_empty())
            return fail(Error::invalid_argument(fmt::format("input {} has no bars", name)));
        if (Status st = req.series[i]->check_strictly_increasing(); !st) {
            return fail(Error::invalid_argument(
                fmt::format("input {} is not sorted by time: {}", name, st.error().message())));
        }
    }
    EngineConfig cfg;
    cfg.initial_cash = req.cash;
    cfg.volume_limit = req.volume_limit;
    cfg.work = req.work;
    AITP_TRY_ASSIGN(cfg.market_fill, parse_fill(req.fill, *info));
    BacktestEngine engine(cfg);
    for (std::size_t i = 0; i < req.series.size(); ++i) {
        const auto& s = *req.series[i];
        model::Instrument inst = model::Instrument::for_asset_class(
            req.asset_class,
            i < req.instrument_names.size() ? req.instrument_names[i] : std::to_string(i));
        int precision = 0;
        for (const auto col : {s.open(), s.high(), s.low(), s.close()})
            precision = std::max(precision, model::infer_precision(col));
        inst.price_precision = std::max(inst.price_precision, precision);
        if (req.fees) {
            inst.maker_fee = *req.fees;
            inst.taker_fee = *req.fees;
        }
        engine.add_instrument(std::move(inst));
    }
    if (req.slippage_bps > 0.0)
        engine.set_slippage_model(std::make_unique<BpsSlippage>(req.slippage_bps));
    AITP_TRY_ASSIGN(model::BarSeriesEventSource source,
                    model::BarSeriesEventSource::create(req.series));
    RunOutput out;
    out.strategy = std::string(info->name);
    AITP_TRY_ASSIGN(out.result, engine.run(source, *strat));
    out.metrics = compute_result_metrics(out.result);
    out.params = params.values();
    out.settings = fmt::format(
        "cash={} fees={} slippage_bps={} volume_limit={} fill={} asset_class={}", req.cash,
        req.fees ? fmt::format("{}", *req.fees) : std::string("instrument"), req.slippage_bps,
        req.volume_limit, cfg.market_fill == MarketFill::BarClose ? "close" : "next_open",
        model::asset_class_name(req.asset_class));
    out.run_id = make_run_id(req.series, out.strategy, out.params, out.settings);
    return out;
}

}  // namespace aitp::backtest
