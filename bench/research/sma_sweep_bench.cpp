// SPDX-License-Identifier: MIT
// The issue-4 acceptance sweep: SMA crossover, fast 5..104 x slow 20..218 step 2 = 10,000
// combinations, long-only, fees 0.1 %, on 100,000 bars of a seeded random walk, computing
// total return, Sharpe and max drawdown per combination. Measures the whole sweep (MA
// precomputation included) per thread count; a regression means the per-pair pass or the
// precomputation got slower. Goal: <= 1.5 s and <= 500 MB on the 2-core machine.
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "core/rng.hpp"
#include "research/sma_sweep.hpp"

namespace {

using aitp::research::SmaPair;

constexpr std::size_t kBars = 100'000;

std::vector<double> random_walk() {
    aitp::Rng rng(20240101);
    std::vector<double> close(kBars);
    double p = 100.0;
    for (auto& x : close) {
        p *= std::exp(0.002 * rng.normal());
        x = std::round(p * 100.0) / 100.0;  // cent tick, as real quotes
    }
    return close;
}

struct Grid {
    std::vector<int> windows;
    std::vector<SmaPair> pairs;
};

Grid acceptance_grid() {
    Grid g;
    for (int f = 5; f <= 104; ++f) {
        for (int s = 20; s <= 218; s += 2) g.pairs.push_back({f, s});
    }
    for (int f = 5; f <= 104; ++f) g.windows.push_back(f);
    for (int s = 20; s <= 218; s += 2) g.windows.push_back(s);
    return g;
}

void BM_SmaSweep_Acceptance(benchmark::State& state) {
    const auto close = random_walk();
    const Grid grid = acceptance_grid();
    aitp::research::SimConfig cfg;
    cfg.fees = 0.001;
    cfg.periods_per_year = 8760.0;
    aitp::research::SweepOptions opt;
    opt.threads = static_cast<int>(state.range(0));
    double checksum = 0.0;
    for (auto _ : state) {
        const aitp::research::SmaCrossoverSweep sweep(close, grid.windows);
        const auto res = sweep.run(grid.pairs, cfg, opt);
        benchmark::DoNotOptimize(res.data());
        benchmark::ClobberMemory();
        checksum = 0.0;
        for (const auto& m : res) checksum += m.total_return + m.max_drawdown;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(grid.pairs.size()));
    state.counters["combos"] = static_cast<double>(grid.pairs.size());
    state.counters["checksum"] = checksum;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    state.counters["peak_rss_MB"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_SmaSweep_Acceptance)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same sweep evaluating each pair over all bars in one go (no bar blocking), to show what
// the cache blocking of SmaCrossoverSweep::run buys.
void BM_SmaSweep_Unblocked(benchmark::State& state) {
    const auto close = random_walk();
    const Grid grid = acceptance_grid();
    aitp::research::SimConfig cfg;
    cfg.fees = 0.001;
    aitp::research::SweepOptions opt;
    opt.threads = static_cast<int>(state.range(0));
    for (auto _ : state) {
        const aitp::research::SmaCrossoverSweep sweep(close, grid.windows);
        std::vector<aitp::research::SweepMetrics> res(grid.pairs.size());
        aitp::research::parallel_for_index(
            grid.pairs.size(), [&](std::size_t i) { res[i] = sweep.evaluate(grid.pairs[i], cfg); },
            opt);
        benchmark::DoNotOptimize(res.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(grid.pairs.size()));
}
BENCHMARK(BM_SmaSweep_Unblocked)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
