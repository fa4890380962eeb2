// SPDX-License-Identifier: MIT
#include "research/validation.hpp"

#include <algorithm>
#include <cmath>

#include "metrics/statistics.hpp"

namespace aitp::research {

Gate2Check gate2_check(const metrics::RunMetrics& m, std::span<const double> returns,
                       const Gate2Criteria& c) {
    Gate2Check g;
    g.sharpe_ok = m.num_trades > 0 && m.sharpe_ratio > c.min_sharpe;
    g.drawdown_ok = m.max_drawdown_pct < c.max_drawdown;
    g.trades_ok = m.trades_per_year > c.min_trades_per_year;
    const metrics::TTestResult t = metrics::one_sided_t_test(returns);
    g.t_statistic = t.t_statistic;
    g.p_value = t.p_value;
    g.p_value_ok = t.p_value < c.max_p_value;  // NaN (fewer than 2 trades) fails
    return g;
}

std::vector<double> trade_returns(std::span<const SimTrade> trades) {
    std::vector<double> out;
    out.reserve(trades.size());
    for (const SimTrade& t : trades) out.push_back(t.pnl / (t.size * t.entry_price + t.entry_fee));
    return out;
}

std::vector<ParamVector> perturbations(const StrategySpec& spec, const ParamVector& params,
                                       double fraction) {
    std::vector<ParamVector> out;
    for (std::size_t k = 0; k < params.size(); ++k) {
        for (double f : {1.0 - fraction, 1.0 + fraction}) {
            ParamVector p = params;
            if (spec.param_kinds[k] == ParamKind::Integer) {
                p[k] = std::max(1.0, std::round(params[k] * f));
            } else {
                p[k] = std::round(params[k] * f * 100.0) / 100.0;
            }
            out.push_back(std::move(p));
        }
    }
    return out;
}

namespace {

// Picks the combination: the best-Sharpe candidate passing all of Gate 2, else the best row.
Status choose(const StrategySpec& spec, const MarketData& data, const ScreenResult& sweep,
              const ValidationOptions& o, ValidationReport& rep) {
    const ScreenResult r = ranked(sweep);
    std::size_t checked = 0;
    bool found = false;
    for (const ScreenRow& row : r.table.rows) {
        const Gate2Check pre = gate2_check(row.metrics, {}, o.gate2);
        if (!(pre.sharpe_ok && pre.drawdown_ok && pre.trades_ok)) continue;
        ++rep.gate2_candidates;
        if (found || checked >= o.max_gate2_candidates) continue;
        ++checked;
        AITP_TRY_ASSIGN(const SimResult sim, run_single(spec, data, row.params, o.screen));
        const Gate2Check g = gate2_check(sim.metrics, trade_returns(sim.trades), o.gate2);
        if (g.passed()) {
            rep.params = row.params;
            found = true;
        }
    }
    if (!found) rep.params = sweep.table.rows[best_row(sweep.table)].params;
    AITP_TRY_ASSIGN(const SimResult sim, run_single(spec, data, rep.params, o.screen));
    rep.metrics = sim.metrics;
    rep.gate2 = gate2_check(sim.metrics, trade_returns(sim.trades), o.gate2);
    return ok_status();
}

}  // namespace

Result<ValidationReport> validate_strategy(const StrategySpec& spec, const MarketData& data,
                                           std::span<const ParamVector> grid,
                                           const ValidationOptions& options) {
    ValidationReport rep;
    rep.strategy = spec.name;
    rep.total_combos = grid.size();
    ScreenOptions so = options.screen;
    so.top_k = 0;
    so.pbo_blocks = options.pbo_blocks;
    // Progress: the full sweep is the first half, walk-forward the next 45 %, Gate 3b the rest.
    const WorkControl& work = options.screen.sweep.work;
    so.sweep.work = work.part(0.0, 0.5);
    AITP_TRY_ASSIGN(const ScreenResult sweep, run_screen(spec, data, grid, so));
    AITP_TRY(choose(spec, data, sweep, options, rep));
    if (options.pbo_blocks > 0) {
        AITP_TRY_ASSIGN(rep.pbo, probability_of_backtest_overfitting(
                                     sweep.block_sums, sweep.total_combos, options.pbo_blocks));
        rep.dsr =
            deflated_sharpe_from_sweep(sweep.block_sums, sweep.total_combos, options.pbo_blocks);
    }

    const auto folds = expanding_folds(data.size(), options.walk_forward_folds);
    so.pbo_blocks = 0;
    so.sweep.work = work.part(0.5, 0.45);
    AITP_TRY_ASSIGN(rep.gate3a, walk_forward(spec, data, grid, folds, so));
    rep.gate3a_passed = !rep.gate3a.folds.empty() && rep.gate3a.mean_oos_sharpe > 0.0 &&
                        rep.gate3a.mean_is_sharpe > 0.0 &&
                        rep.gate3a.mean_oos_sharpe / rep.gate3a.mean_is_sharpe >= 0.5;

    rep.gate3b_passed = true;
    const auto neighbours = perturbations(spec, rep.params, options.perturbation);
    for (std::size_t i = 0; i < neighbours.size(); ++i) {
        AITP_TRY(work.check("during Gate 3b"));
        AITP_TRY_ASSIGN(const SimResult sim, run_single(spec, data, neighbours[i], so));
        rep.gate3b.push_back({i / 2, neighbours[i], sim.metrics});
        rep.gate3b_passed = rep.gate3b_passed && scored_sharpe(sim.metrics) > 0.0;
    }
    rep.passed = rep.gate2.passed() && rep.gate3a_passed && rep.gate3b_passed;
    work.report(1.0, "validated");
    return rep;
}

}  // namespace aitp::research
