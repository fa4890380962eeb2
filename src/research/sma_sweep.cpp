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

namespace detail {
struct SmaSeries {
    const double* fast;
    const double* slow;
    const double* close;
    const long double* prefix_r;
    const long double* prefix_r2;
};

}  // namespace detail

namespace {

// The resumable state of one pair, so that a sweep can run all pairs over one block of bars
// (whose averages sit in cache) before moving to the next block.
struct PairState {
    std::size_t t = 0;
    std::size_t entry = 0;
    std::int64_t trades = 0;
    double cash = 0.0, size = 0.0, peak = 0.0, worst = 1.0, peak_c = 0.0, worst_c = 1.0;
    long double sum = 0.0L, sumsq = 0.0L;
    bool holding = false, below_seen = false, prev_above = false, prev_below = false;
};

using Series = detail::SmaSeries;

void add_return(PairState& s, double r) {
    s.sum += r;
    s.sumsq += static_cast<long double>(r) * r;
}

void enter(PairState& s, const Series& x, double fee_div) {
    const std::size_t e = s.t;
    s.entry = e;
    s.size = s.cash / fee_div / x.close[e];
    const double value = s.size * x.close[e];
    add_return(s, (value - s.cash) / s.cash);
    s.cash = 0.0;
    ++s.trades;
    s.peak = std::max(s.peak, value);
    if (value < s.worst * s.peak) s.worst = value / s.peak;
    s.peak_c = s.peak / s.size;  // drawdown tracked in close units while holding
    s.worst_c = s.worst;
    s.holding = true;
    s.prev_below = false;
    ++s.t;
}

// Adds the inner holding bars entry+1..last, whose returns are close-to-close returns.
void settle_holding(PairState& s, const Series& x, std::size_t last) {
    s.sum += x.prefix_r[last] - x.prefix_r[s.entry];
    s.sumsq += x.prefix_r2[last] - x.prefix_r2[s.entry];
    s.worst = s.worst_c;
    s.peak = s.peak_c * s.size;
}

void leave(PairState& s, const Series& x, double fees) {
    const std::size_t t = s.t;
    settle_holding(s, x, t - 1);
    const double held_value = s.size * x.close[t - 1];
    const double proceeds = s.size * x.close[t];
    s.cash = proceeds - proceeds * fees;
    s.size = 0.0;
    add_return(s, (s.cash - held_value) / held_value);
    s.peak = std::max(s.peak, s.cash);
    if (s.cash < s.worst * s.peak) s.worst = s.cash / s.peak;
    s.holding = false;
    s.below_seen = true;
    s.prev_above = false;
    ++s.t;
}

// Advances a pair to bar `end`. The crossing rules are vectorbt's crossed_above state machine
// (see vbt_signals.cpp) specialised to series that stay defined: entry[t] = (fast < slow at some
// bar before t) && fast[t] > slow[t] && !(fast[t-1] > slow[t-1]), and the mirror image for
// exits; the bar before an entry is never "above" and an exit bar is "below", so each loop
// starts from a known previous state. Flat bars have r = 0 and leave the equity unchanged.
void advance(PairState& s, const Series& x, std::size_t end, const SimConfig& config) {
    const double fee_div = 1.0 + config.fees;
    while (s.t < end) {
        if (!s.holding) {
            std::size_t t = s.t;
            bool below_seen = s.below_seen, prev_above = s.prev_above;
            for (; t < end; ++t) {
                const bool above = x.fast[t] > x.slow[t];
                if (above && !prev_above && below_seen) break;
                below_seen = below_seen || x.fast[t] < x.slow[t];
                prev_above = above;
            }
            s.t = t;
            s.below_seen = below_seen;
            s.prev_above = prev_above;
            if (t < end) enter(s, x, fee_div);
        } else {
            std::size_t t = s.t;
            bool prev_below = s.prev_below;
            double peak_c = s.peak_c, worst_c = s.worst_c;
            for (; t < end; ++t) {
                const bool below = x.fast[t] < x.slow[t];
                if (below && !prev_below) break;
                prev_below = below;
                peak_c = std::max(peak_c, x.close[t]);
                if (x.close[t] < worst_c * peak_c) worst_c = x.close[t] / peak_c;
            }
            s.t = t;
            s.prev_below = prev_below;
            s.peak_c = peak_c;
            s.worst_c = worst_c;
            if (t < end) leave(s, x, config.fees);
        }
    }
}

SweepMetrics finish(PairState& s, const Series& x, std::size_t n, const SimConfig& config) {
    if (s.holding) settle_holding(s, x, n - 1);  // open at the end: valued at the last close
    SweepMetrics m;
    m.final_value = s.cash + s.size * x.close[n - 1];
    m.total_return = (m.final_value - config.initial_cash) / config.initial_cash;
    m.num_trades = s.trades;
    m.max_drawdown = s.worst < 1.0 ? 1.0 - s.worst : 0.0;
    const auto nd = static_cast<long double>(n);
    const long double mean = s.sum / nd;
    const long double var = std::max(0.0L, (s.sumsq - s.sum * mean) / (nd - 1.0L));
    m.sharpe_ratio = s.sumsq == 0.0L ? std::numeric_limits<double>::infinity()
                                     : static_cast<double>(mean / std::sqrt(var)) *
                                           std::sqrt(config.periods_per_year);
    return m;
}

PairState initial_state(SmaPair pair, const SimConfig& config) {
    PairState s;
    s.t = static_cast<std::size_t>(std::max(pair.fast, pair.slow)) - 1;
    s.cash = config.initial_cash;
    s.peak = config.initial_cash;
    return s;
}

// Bars per block: the averages of one block for every window of a chunk stay in cache.
constexpr std::size_t kBlockBars = 4096;
// Pairs per work item of a sweep.
constexpr std::size_t kPairsPerChunk = 256;

}  // namespace

detail::SmaSeries SmaCrossoverSweep::series(SmaPair pair) const {
    return Series{ma(pair.fast).data(), ma(pair.slow).data(), close_.data(), prefix_r_.data(),
                  prefix_r2_.data()};
}

SweepMetrics SmaCrossoverSweep::evaluate(SmaPair pair, const SimConfig& config) const {
    AITP_CHECK(config.slippage == 0.0, "Condition failed: the fast sweep has no slippage");
    const Series x = series(pair);
    PairState s = initial_state(pair, config);
    advance(s, x, close_.size(), config);
    return finish(s, x, close_.size(), config);
}

std::vector<SweepMetrics> SmaCrossoverSweep::run(std::span<const SmaPair> grid,
                                                 const SimConfig& config,
                                                 const SweepOptions& options) const {
    AITP_CHECK(config.slippage == 0.0, "Condition failed: the fast sweep has no slippage");
    std::vector<SweepMetrics> out(grid.size());
    const std::size_t n = close_.size();
    const std::size_t chunks = (grid.size() + kPairsPerChunk - 1) / kPairsPerChunk;
    parallel_for_index(
        chunks,
        [&](std::size_t chunk) {
            const std::size_t begin = chunk * kPairsPerChunk;
            const std::size_t end = std::min(grid.size(), begin + kPairsPerChunk);
            std::vector<PairState> states;
            std::vector<Series> xs;
            for (std::size_t i = begin; i < end; ++i) {
                states.push_back(initial_state(grid[i], config));
                xs.push_back(series(grid[i]));
            }
            for (std::size_t stop = std::min(n, kBlockBars);;
                 stop = std::min(n, stop + kBlockBars)) {
                for (std::size_t k = 0; k < states.size(); ++k) {
                    advance(states[k], xs[k], stop, config);
                }
                if (stop == n) break;
            }
            for (std::size_t k = 0; k < states.size(); ++k) {
                out[begin + k] = finish(states[k], xs[k], n, config);
            }
        },
        options);
    return out;
}

}  // namespace aitp::research
