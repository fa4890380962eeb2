// SPDX-License-Identifier: MIT
// Indicator columns the strategies precompute (the indicators module's reference flavour,
// i.e. the original's pandas numerics), keyed caches of them, and small signal rules
// (pandas-style crossings, rolling maxima). Internal to research; pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "research/strategy.hpp"

namespace aitp::research::detail {

using Column = std::vector<double>;

Result<Column> rsi_column(std::span<const double> close, int period);
Result<Column> ema_column(std::span<const double> close, int period);
Result<Column> adx_column(const MarketData& d, int period);
Result<Column> volume_ratio_column(std::span<const double> volume, int period);

/// Bollinger upper, mid, lower and width of one (period, std) pair.
struct Bands {
    Column upper, mid, lower, width;
};
Result<Bands> bands_column(std::span<const double> close, int period, double std_dev);

/// MACD line, signal and histogram (12, 26, 9).
struct MacdColumns {
    Column macd, signal, hist;
};
Result<MacdColumns> macd_columns(std::span<const double> close);

/// pandas rolling(window).max() of x (NaN until the window is full).
Column rolling_max(std::span<const double> x, int window);

/// Returns the distinct values of parameter `k` over the grid, as integers.
std::set<int> int_values(std::span<const ParamVector> grid, std::size_t k);

/// Returns the parameter as an int (grids hold integer-valued doubles for integer params).
inline int as_int(double x) { return static_cast<int>(x); }

/// True when a crossed below b at t in pandas style: a[t] < b[t] and a[t-1] >= b[t-1].
inline bool crossed_below(std::span<const double> a, std::span<const double> b, std::size_t t) {
    return t > 0 && a[t] < b[t] && a[t - 1] >= b[t - 1];
}

/// True when x[t] > x[t-1] (NaN gives false).
inline bool rising(std::span<const double> x, std::size_t t) { return t > 0 && x[t] > x[t - 1]; }

/// Columns keyed by an int period, filled by prepare and read-only afterwards.
using ColumnsByPeriod = std::map<int, Column>;

/// Computes fn(period) for every period into the map.
template <typename Fn>
Status fill_by_period(ColumnsByPeriod& out, const std::set<int>& periods, Fn fn) {
    for (int p : periods) {
        AITP_TRY_ASSIGN(out[p], fn(p));
    }
    return ok_status();
}

}  // namespace aitp::research::detail
