// SPDX-License-Identifier: MIT
// Run outputs: trade list CSV, fill list CSV, equity curve CSV, metrics JSON and a
// self-contained HTML report (inline SVG equity and drawdown charts, trade table), plus the run
// id that names a run by its data, strategy, parameters, engine settings and engine version.
// Functions are thread-compatible (each call writes its own files).
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backtest/results.hpp"
#include "core/status.hpp"
#include "model/bar_series.hpp"

namespace aitp::backtest {

/// Bumped whenever a change can alter any run's output.
inline constexpr std::string_view kEngineVersion = "aitp-backtest/2";

struct RunInfo {
    std::string strategy;
    std::vector<std::pair<std::string, double>> params;
    std::vector<std::string> inputs;  ///< one per instrument, for the report
    std::string settings;             ///< engine settings text, e.g. "cash=10000 fees=0.001"
    std::string run_id;
    /// The bars run on, one per instrument (optional): the report draws the first one's closes
    /// with the trades' entries and exits.
    std::vector<const model::BarSeries*> series;
};

/// Returns 16 hex digits of FNV-1a over every bar, the strategy name, the parameters, the
/// settings text and kEngineVersion.
std::string make_run_id(std::span<const model::BarSeries* const> data, std::string_view strategy,
                        std::span<const std::pair<std::string, double>> params,
                        std::string_view settings);

/// Writes trades.csv, fills.csv, equity.csv, metrics.json and report.html into dir (created
/// when missing). IOError names the file that failed.
Status write_outputs(const std::filesystem::path& dir, const BacktestResult& result,
                     const ResultMetrics& metrics, const RunInfo& info);

/// Returns the metrics JSON text (also used by tests).
std::string metrics_json(const BacktestResult& result, const ResultMetrics& metrics,
                         const RunInfo& info);

}  // namespace aitp::backtest
