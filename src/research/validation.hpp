// SPDX-License-Identifier: MIT
// The original's validation engine ("Gate 2/3", research/scripts/validation_engine.py), fixed:
// Gate 2 screens the grid at 0.15 % cost (Sharpe > 1, max drawdown < 20 % as a positive
// fraction so it can fail, > 30 trades/year, one-sided t-test of trade returns p < 0.05);
// Gate 3a is a 5-fold expanding walk-forward that scores the training-best parameters on the
// test fold; Gate 3b moves every parameter of the chosen combination by -20 % and +20 % and
// requires every Sharpe > 0. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "research/overfitting.hpp"
#include "research/walk_forward.hpp"

namespace aitp::research {

struct Gate2Criteria {
    double min_sharpe = 1.0;            ///< Sharpe must be > this
    double max_drawdown = 0.20;         ///< positive fraction; drawdown must be < this
    double min_trades_per_year = 30.0;  ///< must be > this
    double max_p_value = 0.05;          ///< one-sided t-test p must be < this
};

struct Gate2Check {
    bool sharpe_ok = false;
    bool drawdown_ok = false;
    bool trades_ok = false;
    bool p_value_ok = false;
    double t_statistic = 0.0;
    double p_value = 1.0;
    bool passed() const { return sharpe_ok && drawdown_ok && trades_ok && p_value_ok; }
};

/// Checks one run against Gate 2; trade_returns are the per-trade returns (pnl / capital in).
Gate2Check gate2_check(const metrics::RunMetrics& m, std::span<const double> trade_returns,
                       const Gate2Criteria& criteria = {});

/// Returns pnl / (entry notional + entry fee) of each trade.
std::vector<double> trade_returns(std::span<const SimTrade> trades);

/// Returns the Gate 3b neighbours of params: for each parameter, value * 0.8 and value * 1.2
/// (integers rounded and >= 1, reals rounded to 2 decimals), one parameter moved at a time.
std::vector<ParamVector> perturbations(const StrategySpec& spec, const ParamVector& params,
                                       double fraction = 0.2);

struct ValidationOptions {
    ScreenOptions screen;  ///< defaults to fees 0.001 + slippage 0.0005 (the original's 0.15 %)
    Gate2Criteria gate2;
    int walk_forward_folds = 5;
    double perturbation = 0.2;
    int pbo_blocks = 10;
    std::size_t max_gate2_candidates = 200;  ///< t-tests run on at most this many candidates
    ValidationOptions() {
        screen.sim.fees = 0.001;
        screen.sim.slippage = 0.0005;
    }
};

struct PerturbationResult {
    std::size_t param = 0;  ///< index into the strategy's param_names
    ParamVector params;
    metrics::RunMetrics metrics;
};

struct ValidationReport {
    std::string strategy;
    std::size_t total_combos = 0;
    std::size_t gate2_candidates = 0;  ///< combinations passing Sharpe, drawdown and trades
    ParamVector params;                ///< the chosen combination
    metrics::RunMetrics metrics;       ///< of params on the whole data
    Gate2Check gate2;
    WalkForwardResult gate3a;
    bool gate3a_passed = false;  ///< mean OOS Sharpe > 0 and mean OOS / mean IS >= 0.5
    std::vector<PerturbationResult> gate3b;
    bool gate3b_passed = false;  ///< every perturbation's (scored) Sharpe > 0
    bool passed = false;         ///< gate 2 and 3a and 3b
    PboResult pbo;
    DeflatedSharpe dsr;
};

/// Runs Gate 2, 3a and 3b of `spec` over `grid`. The chosen combination is the best-Sharpe one
/// passing every Gate 2 criterion, else the best-Sharpe one that traded.
Result<ValidationReport> validate_strategy(const StrategySpec& spec, const MarketData& data,
                                           std::span<const ParamVector> grid,
                                           const ValidationOptions& options);

}  // namespace aitp::research
