// SPDX-License-Identifier: MIT
#include "research/screen.hpp"

#include <algorithm>
#include <numeric>

#include "model/instrument.hpp"

namespace aitp::research {

SimConfig strategy_sim_config(const StrategySpec& spec, const ScreenOptions& options) {
    SimConfig cfg = options.sim;
    if (options.use_strategy_stop && spec.sl_stop > 0.0) cfg.sl_stop = spec.sl_stop;
    return cfg;
}

void apply_reporting_convention(const StrategySpec& spec, metrics::RunMetrics& m) {
    if (spec.zero_stats_without_trades && m.num_trades == 0) {
        m.win_rate = 0.0;
        m.profit_factor = 0.0;
    }
}

namespace {

// Per-block sums of the per-bar returns of one equity curve; blocks split the bars evenly
// (the first n % blocks blocks get one extra bar).
void block_return_sums(std::span<const double> values, double initial, int blocks,
                       std::span<ReturnSums> out) {
    const std::size_t n = values.size();
    const auto b = static_cast<std::size_t>(blocks);
    std::size_t t = 0;
    double prev = initial;
    for (std::size_t k = 0; k < b; ++k) {
        const std::size_t len = n / b + (k < n % b ? 1 : 0);
        ReturnSums s;
        for (std::size_t i = 0; i < len; ++i, ++t) {
            s.add((values[t] - prev) / prev);
            prev = values[t];
        }
        out[k] = s;
    }
}

}  // namespace

Result<ScreenResult> run_screen(const StrategySpec& spec, const MarketData& data,
                                std::span<const ParamVector> grid, const ScreenOptions& options) {
    AITP_TRY(check_market_data(data));
    const WorkControl& work = options.sweep.work;
    AITP_TRY(work.check("before " + spec.name));
    AITP_TRY(model::check_fee_rate(options.sim.fees));
    AITP_TRY_ASSIGN(const SignalFn signals, spec.prepare(data, grid));
    AITP_TRY(work.check("after preparing " + spec.name));
    const SimConfig cfg = strategy_sim_config(spec, options);
    const std::size_t n = data.size();
    ScreenResult res;
    res.total_combos = grid.size();
    res.blocks = options.pbo_blocks;
    const auto blocks = static_cast<std::size_t>(std::max(options.pbo_blocks, 0));
    res.block_sums.resize(grid.size() * blocks);
    MetricAccumulator acc;
    auto eval = [&](std::size_t i) {
        std::vector<std::uint8_t> entries(n), exits(n);
        signals(grid[i], entries, exits);
        SimResult sim = simulate_signals(data.close, entries, exits, cfg);
        apply_reporting_convention(spec, sim.metrics);
        acc.add(sim.metrics);
        if (blocks > 0) {
            block_return_sums(sim.values, cfg.initial_cash, options.pbo_blocks,
                              std::span(res.block_sums).subspan(i * blocks, blocks));
        }
        return sim.metrics;
    };
    res.table.strategy = spec.name;
    res.table.param_names = spec.param_names;
    res.table.with_avg_trade_pnl = spec.with_avg_trade_pnl;
    if (options.top_k == 0) {
        const auto all = run_sweep(grid.size(), eval, options.sweep);
        res.table.rows.resize(grid.size());
        res.grid_index.resize(grid.size());
        for (std::size_t i = 0; i < grid.size(); ++i) {
            res.table.rows[i] = ScreenRow{grid[i], all[i]};
            res.grid_index[i] = i;
        }
    } else {
        for (const RankedResult& r :
             run_sweep_top_k(grid.size(), options.top_k, eval, options.sweep)) {
            res.table.rows.push_back(ScreenRow{grid[r.index], r.metrics});
            res.grid_index.push_back(r.index);
        }
    }
    AITP_TRY(work.check("during the " + spec.name + " sweep"));
    res.summaries = acc.result();
    return res;
}

Result<SimResult> run_single(const StrategySpec& spec, const MarketData& data,
                             const ParamVector& params, const ScreenOptions& options) {
    AITP_TRY(check_market_data(data));
    const std::vector<ParamVector> grid = {params};
    AITP_TRY_ASSIGN(const SignalFn signals, spec.prepare(data, grid));
    std::vector<std::uint8_t> entries(data.size()), exits(data.size());
    signals(params, entries, exits);
    SimResult sim =
        simulate_signals(data.close, entries, exits, strategy_sim_config(spec, options));
    apply_reporting_convention(spec, sim.metrics);
    return sim;
}

ScreenResult ranked(const ScreenResult& r) {
    std::vector<std::size_t> idx(r.table.rows.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::vector<RankedResult> keys(idx.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        keys[i] = {r.grid_index[i], r.table.rows[i].metrics};
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return ranks_before(keys[a], keys[b]); });
    ScreenResult out = r;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        out.table.rows[k] = r.table.rows[idx[k]];
        out.grid_index[k] = r.grid_index[idx[k]];
    }
    return out;
}

}  // namespace aitp::research
