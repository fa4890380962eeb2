// SPDX-License-Identifier: MIT
#include "research/sma_crossover.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "research/vbt_signals.hpp"

namespace aitp::research {

std::vector<SmaPair> combinations_grid(std::span<const int> windows) {
    std::vector<SmaPair> out;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        for (std::size_t j = i + 1; j < windows.size(); ++j)
            out.push_back({windows[i], windows[j]});
    }
    return out;
}

std::vector<SmaPair> sma_original_grid() {
    std::vector<int> windows;
    for (int w = 5; w < 50; w += 5) windows.push_back(w);
    for (int w = 20; w < 200; w += 10) windows.push_back(w);
    return combinations_grid(windows);
}

std::vector<SmaPair> sma_fast_slow_grid(std::span<const int> fast_windows,
                                        std::span<const int> slow_windows) {
    std::vector<SmaPair> out;
    for (int f : fast_windows) {
        for (int s : slow_windows) {
            if (f < s) out.push_back({f, s});
        }
    }
    return out;
}

void sma_crossover_signals(std::span<const double> fast_ma, std::span<const double> slow_ma,
                           std::span<std::uint8_t> entries, std::span<std::uint8_t> exits) {
    crossed_above(fast_ma, slow_ma, entries);
    crossed_above(slow_ma, fast_ma, exits);  // crossed_below = crossed_above, arguments swapped
}

ScreenTable screen_sma_crossover(std::span<const double> close, std::span<const SmaPair> grid,
                                 const SimConfig& config, const SweepOptions& options) {
    const std::size_t n = close.size();
    std::vector<int> windows;
    for (const auto& p : grid) {
        AITP_CHECK(p.fast >= 1 && p.slow >= 1, "Condition failed: windows must be >= 1");
        windows.push_back(p.fast);
        windows.push_back(p.slow);
    }
    std::sort(windows.begin(), windows.end());
    windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
    std::vector<double> prefix(n);
    prefix_sums(close, prefix);
    std::vector<std::vector<double>> ma(windows.size(), std::vector<double>(n));
    for (std::size_t k = 0; k < windows.size(); ++k) vbt_moving_average(prefix, windows[k], ma[k]);
    auto ma_of = [&](int w) -> std::span<const double> {
        const auto it = std::lower_bound(windows.begin(), windows.end(), w);
        return ma[static_cast<std::size_t>(it - windows.begin())];
    };

    ScreenTable table;
    table.strategy = "sma_crossover";
    table.param_names = {"fast", "slow"};
    table.with_avg_trade_pnl = true;
    table.rows.resize(grid.size());
    parallel_for_index(
        grid.size(),
        [&](std::size_t i) {
            std::vector<std::uint8_t> entries(n), exits(n);
            sma_crossover_signals(ma_of(grid[i].fast), ma_of(grid[i].slow), entries, exits);
            auto res = simulate_signals(close, entries, exits, config);
            table.rows[i].params = {static_cast<double>(grid[i].fast),
                                    static_cast<double>(grid[i].slow)};
            table.rows[i].metrics = res.metrics;
        },
        options);
    return table;
}

}  // namespace aitp::research
