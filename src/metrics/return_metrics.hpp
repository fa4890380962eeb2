// SPDX-License-Identifier: MIT
// Return-series metrics of one run: annualisation, Sharpe, Sortino, Calmar and maximum drawdown,
// with vectorbt's definitions (ddof = 1, all bars counted, +inf for a zero std). Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace aitp::metrics {

/// Returns the periods per year for bars of `bar_millis`: 365 days / bar length
/// (8760 for 1h, 35040 for 15m, 365 for 1d). Requires: bar_millis > 0.
double periods_per_year(std::int64_t bar_millis);

/// Returns the arithmetic mean of xs (sum / n), NaN when empty.
double mean(std::span<const double> xs);

/// Returns the sample standard deviation (ddof = 1) by two passes, NaN when fewer than 2 values.
double sample_std(std::span<const double> xs);

/// Returns mean(r) / std(r, ddof=1) * sqrt(periods_per_year); +inf when the std is exactly 0
/// (vectorbt's convention for a run that never trades), NaN for fewer than 2 returns.
double sharpe_ratio(std::span<const double> returns, double periods_per_year);

/// Returns mean(r) / sqrt(mean(min(r, 0)^2)) * sqrt(periods_per_year) (vectorbt's Sortino, zero
/// required return); +inf when the downside deviation is 0, NaN when empty.
double sortino_ratio(std::span<const double> returns, double periods_per_year);

/// Returns the maximum drawdown of an equity curve as a positive fraction: max over t of
/// 1 - V[t] / max(V[0..t]); 0.0 when the curve never falls below an earlier peak or is empty.
double max_drawdown(std::span<const double> values);

/// Returns the same fall in currency (positive): max over t of max(V[0..t]) - V[t]; 0.0 when
/// the curve never falls below an earlier peak or is empty.
double max_drawdown_amount(std::span<const double> values);

/// Returns (1 + total_return)^(periods_per_year / n) - 1 for n periods (vectorbt's
/// annualized_return), NaN when n == 0.
double annualized_return(double total_return, std::size_t n, double periods_per_year);

/// Returns annualized_return / max_drawdown (max_drawdown positive); NaN when the drawdown is 0,
/// as vectorbt's calmar_ratio.
double calmar_ratio(double annualized, double max_drawdown_fraction);

/// Returns the per-bar simple returns of an equity curve: r[0] = V[0] / initial - 1 and
/// r[t] = V[t] / V[t-1] - 1. Requires: out.size() == values.size().
void simple_returns(std::span<const double> values, double initial, std::span<double> out);

}  // namespace aitp::metrics
