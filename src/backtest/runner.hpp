// SPDX-License-Identifier: MIT
// run_strategy: one backtest from a strategy name, parameter overrides and bar series, with
// the engine configured as `aitp backtest` does (instrument per series with price precision
// raised to the data's, fees, slippage, fill rule). Used by the CLI and the server. Pure
// function of its inputs; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backtest/results.hpp"
#include "core/progress.hpp"
#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "strategy/params.hpp"

namespace aitp::backtest {

/// Largest initial cash accepted (keeps positions sized from it inside the fixed-point range).
inline constexpr double kMaxCash = 1e12;

struct RunRequest {
    std::string strategy;
    std::vector<strategy::ParamOverride> overrides;
    std::vector<const model::BarSeries*> series;  ///< one per instrument, sorted by time
    std::vector<std::string> instrument_names;    ///< same length as series
    model::AssetClass asset_class = model::AssetClass::Crypto;
    double cash = 10'000.0;
    /// Maker and taker rate for every instrument (model::check_fee_rate); unset keeps the
    /// instrument's own.
    std::optional<double> fees;
    double slippage_bps = 0.0;
    double volume_limit = 0.0;
    std::string fill = "auto";  ///< close, next_open or auto (the strategy's own rule)
    WorkControl work;           ///< progress through the events and the stop token (engine)
};

struct RunOutput {
    std::string strategy;  ///< the canonical name (an alias such as sma_cross resolved)
    BacktestResult result;
    ResultMetrics metrics;
    std::vector<std::pair<std::string, double>> params;  ///< resolved values
    std::string settings;                                ///< one line, for the run id
    std::string run_id;
};

/// Checks what a request says before any data is loaded: cash in (0, kMaxCash], fees
/// (model::check_fee_rate), strategy and parameter overrides, fill rule. One clear line.
Status check_settings(const RunRequest& request);

/// Validates the request (check_settings; unsorted or empty data are InvalidArgument too)
/// and runs it.
Result<RunOutput> run_strategy(const RunRequest& request);

}  // namespace aitp::backtest
