// SPDX-License-Identifier: MIT
#include "research/sma_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/check.hpp"
#include "research/vbt_signals.hpp"

namespace aitp::research {

SmaCrossoverSweep::SmaCrossoverSweep(std::span<const double> close, std::span<const int> windows)
    : close_(close.begin(), close.end()), windows_(windows.begin(), windows.end()) {
    std::sort(windows_.begin(), windows_.end());
    windows_.erase(std::unique(windows_.begin(), windows_.end()), windows_.end());
    AITP_CHECK(!close_.empty(), "Condition failed: close must not be empty");
    const std::size_t n = close_.size();
    std::vector<double> prefix(n);
    prefix_sums(close_, prefix);
    ma_.resize(windows_.size() * n);
    for (std::size_t k = 0; k < windows_.size(); ++k) {
        AITP_CHECK(windows_[k] >= 1, "Condition failed: windows must be >= 1");
        vbt_moving_average(prefix, windows_[k], std::span<double>(ma_).subspan(k * n, n));
    }
    // Prefix sums of the close-to-close returns and their squares in extended precision, so a
    // holding period's sums cost two subtractions.
    prefix_r_.resize(n);
    prefix_r2_.resize(n);
    long double s1 = 0.0L, s2 = 0.0L;
    for (std::size_t t = 0; t < n; ++t) {
        const double r = t == 0 ? 0.0 : (close_[t] - close_[t - 1]) / close_[t - 1];
        s1 += r;
        s2 += static_cast<long double>(r) * r;
        prefix_r_[t] = s1;
        prefix_r2_[t] = s2;
    }
}

std::span<const double> SmaCrossoverSweep::ma(int window) const {
    const auto it = std::lower_bound(windows_.begin(), windows_.end(), window);
    AITP_CHECK(it != windows_.end() && *it == window,
               "Condition failed: window was not precomputed");
    const std::size_t n = close_.size();
    return std::span<const double>(ma_).subspan(static_cast<std::size_t>(it - windows_.begin()) * n,
                                                n);
}

// Each pair alternates two tight loops over the bars from the first bar where both averages
// exist: a flat loop that only looks for the next entry and a holding loop that looks for the
// exit while tracking the drawdown in close units. The crossing rules are vectorbt's
// crossed_above state machine (see vbt_signals.cpp) specialised to series that stay defined:
// entry[t] = (fast < slow at some bar before t) && fast[t] > slow[t] && !(fast[t-1] > slow[t-1])
// and the mirror image for exits; the bar before an entry is never "above" and the bar of an
// exit is "below", so each loop starts with a known previous state. Flat bars have r = 0 and
// inner holding bars have r = close[t] / close[t-1] - 1, summed by prefix differences; only the
// entry and exit bars' returns are computed from the equity.
SweepMetrics SmaCrossoverSweep::evaluate(SmaPair pair, const SimConfig& config) const {
    AITP_CHECK(config.slippage == 0.0, "Condition failed: the fast sweep has no slippage");
    const double* fast = ma(pair.fast).data();
    const double* slow = ma(pair.slow).data();
    const double* c = close_.data();
    const std::size_t n = close_.size();
    const std::size_t start = static_cast<std::size_t>(std::max(pair.fast, pair.slow)) - 1;
    const double fee_div = 1.0 + config.fees;

    double cash = config.initial_cash, size = 0.0;
    long double sum = 0.0L, sumsq = 0.0L;
    double peak = config.initial_cash, worst = 1.0;
    std::int64_t trades = 0;
    bool below_seen = false, prev_above = false;
    std::size_t t = start;
    while (t < n) {
        // Flat: find the next entry.
        for (; t < n; ++t) {
            const bool above = fast[t] > slow[t];
            if (above && !prev_above && below_seen) break;
            below_seen = below_seen || fast[t] < slow[t];
            prev_above = above;
        }
        if (t >= n) break;
        const std::size_t entry = t;
        size = cash / fee_div / c[entry];
        const double entry_value = size * c[entry];
        const double r_entry = (entry_value - cash) / cash;
        cash = 0.0;
        ++trades;
        peak = std::max(peak, entry_value);
        if (entry_value < worst * peak) worst = entry_value / peak;
        // Holding: find the exit; the drawdown is tracked in close units (peak / size).
        double peak_c = peak / size;
        double worst_c = worst;
        bool prev_below = false;
        for (t = entry + 1; t < n; ++t) {
            const bool below = fast[t] < slow[t];
            if (below && !prev_below) break;
            prev_below = below;
            peak_c = std::max(peak_c, c[t]);
            if (c[t] < worst_c * peak_c) worst_c = c[t] / peak_c;
        }
        const std::size_t last_held = t < n ? t - 1 : n - 1;  // last bar valued as size * c
        sum += r_entry;
        sumsq += static_cast<long double>(r_entry) * r_entry;
        sum += prefix_r_[last_held] - prefix_r_[entry];
        sumsq += prefix_r2_[last_held] - prefix_r2_[entry];
        worst = worst_c;
        peak = peak_c * size;
        if (t >= n) break;  // open at the end: valued at the last close
        const double held_value = size * c[t - 1];
        const double proceeds = size * c[t];
        cash = proceeds - proceeds * config.fees;
        size = 0.0;
        const double r_exit = (cash - held_value) / held_value;
        sum += r_exit;
        sumsq += static_cast<long double>(r_exit) * r_exit;
        peak = std::max(peak, cash);
        if (cash < worst * peak) worst = cash / peak;
        below_seen = true;
        prev_above = false;
        ++t;
    }
    SweepMetrics m;
    m.final_value = cash + size * c[n - 1];
    m.total_return = (m.final_value - config.initial_cash) / config.initial_cash;
    m.num_trades = trades;
    m.max_drawdown = worst < 1.0 ? 1.0 - worst : 0.0;
    const auto nd = static_cast<long double>(n);
    const long double mean = sum / nd;
    const long double var = std::max(0.0L, (sumsq - sum * mean) / (nd - 1.0L));
    m.sharpe_ratio = sumsq == 0.0L ? std::numeric_limits<double>::infinity()
                                   : static_cast<double>(mean / std::sqrt(var)) *
                                         std::sqrt(config.periods_per_year);
    return m;
}

std::vector<SweepMetrics> SmaCrossoverSweep::run(std::span<const SmaPair> grid,
                                                 const SimConfig& config,
                                                 const SweepOptions& options) const {
    std::vector<SweepMetrics> out(grid.size());
    parallel_for_index(grid.size(), [&](std::size_t i) { out[i] = evaluate(grid[i], config); },
                       options);
    return out;
}

}  // namespace aitp::research
