// SPDX-License-Identifier: MIT
// run_strategy: one backtest from a strategy name, parameter overrides and bar series, with
// the engine configured as `aitp backtest` does (instrument per series with price precision
// raised to the data's, fees, slippage, fill rule). Used by the CLI and the server. Pure
// function of its inputs; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "backtest/results.hpp"
#include "core/progress.hpp"
#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "strategy/params.hpp"

namespace aitp::backtest {

struct RunRequest {
    std::string strategy;
    std::vector<strategy::ParamOverride> overrides;
    std::vector<const model::BarSeries*> series;  ///< one per instrument, sorted by time
    std::vector<std::string> instrument_names;    ///< same length as series
    model::AssetClass asset_class = model::AssetClass::Crypto;
    double cash = 10'000.0;
    double fees = -1.0;  ///< maker and taker rate for every instrument; < 0 keeps the instrument's
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

/// Validates the request (unknown strategy or parameter, bad value, unsorted or empty data
/// are InvalidArgument/NotFound with one clear line) and runs it.
Result<RunOutput> run_strategy(const RunRequest& request);

}  // namespace aitp::backtest
