// SPDX-License-Identifier: MIT
// StrategySpec: a signal strategy of the research tier - its parameter names and kinds, the
// original's default grid, the stop it trades with, and a prepare step that precomputes the
// indicators a grid needs and returns a thread-safe signal writer. The catalogue holds the six
// screens of the original's screener and the three crypto strategies of its validation engine.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "model/bar_series.hpp"

namespace aitp::research {

/// The columns a strategy reads; benchmark is a close series aligned row by row with close
/// (relative strength only), or empty.
struct MarketData {
    std::span<const double> open, high, low, close, volume;
    std::span<const double> benchmark;

    std::size_t size() const { return close.size(); }
    /// Returns rows [begin, end) of every column.
    MarketData slice(std::size_t begin, std::size_t end) const;
};

/// Returns the columns of `bars` (and an aligned benchmark close, possibly empty).
MarketData market_data(const model::BarSeries& bars, std::span<const double> benchmark = {});

/// Returns InvalidArgument naming the first row holding a bar model::find_bar_defect refuses
/// (prices <= 0 or infinite, high < low, bad volume); columns left empty count as missing.
Status check_market_data(const MarketData& data);

/// Bars of `bars` whose timestamps also occur in `benchmark` (inner join on timestamps), with
/// the benchmark's close on those rows.
struct AlignedBars {
    model::BarSeries bars;
    std::vector<double> benchmark_close;
};
AlignedBars align_with_benchmark(const model::BarSeries& bars, const model::BarSeries& benchmark);

using ParamVector = std::vector<double>;

/// Writes the 0/1 entry and exit signals of one parameter vector. Safe to call concurrently.
using SignalFn = std::function<void(std::span<const double> params, std::span<std::uint8_t> entries,
                                    std::span<std::uint8_t> exits)>;

/// How a parameter is perturbed by Gate 3b: integers are rounded (>= 1), reals keep 2 decimals.
enum class ParamKind { Integer, Real };

struct StrategySpec {
    std::string name;
    std::vector<std::string> param_names;
    std::vector<ParamKind> param_kinds;
    std::vector<ParamVector> grid;  ///< the original's default grid, in its loop order
    double sl_stop = 0.0;           ///< stop-loss the original traded this strategy with
    /// win_rate and profit_factor are 0 (not NaN) without trades, as the original's RSI and
    /// Bollinger screens reported them.
    bool zero_stats_without_trades = false;
    bool with_avg_trade_pnl = false;  ///< the SMA screen also reports avg_trade_pnl
    bool needs_benchmark = false;
    std::string asset_class = "crypto";  ///< default fees: crypto 0.001, equity 0, forex 0.0001
    /// Precomputes the indicators of every parameter vector of `grid` and returns the signal
    /// writer; errors name the problem (too few bars, missing benchmark, bad parameter).
    std::function<Result<SignalFn>(const MarketData& data, std::span<const ParamVector> grid)>
        prepare;
};

/// The original screener's six screens in its order: sma_crossover, rsi_mean_reversion,
/// bollinger_breakout, ema_rsi_combo, volatility_breakout, relative_strength.
const std::vector<StrategySpec>& screen_strategies();

/// The validation engine's crypto strategies, the vectorised forms of the Freqtrade three:
/// BollingerMeanReversion (1,280 combinations), CryptoInvestorV1 (625), VolatilityBreakout
/// (8,748).
const std::vector<StrategySpec>& validation_strategies();

/// Returns the strategy named `name` (or an alias of strategy/names.hpp, e.g. sma_cross,
/// volatility_breakout_v) from either catalogue, or NotFound listing the names.
Result<const StrategySpec*> find_strategy(std::string_view name);

/// Returns the proportional fee of an asset class ("crypto", "equity", "forex"), or
/// InvalidArgument.
Result<double> asset_class_fees(std::string_view asset_class);

}  // namespace aitp::research
