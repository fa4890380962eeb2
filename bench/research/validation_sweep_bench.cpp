// SPDX-License-Identifier: MIT
// The VolatilityBreakout validation sweep: all 8,748 combinations of its 8-parameter grid, each
// a full simulation (0.15 % cost, 3 % stop) on tests/data/reference/ohlcv_a.csv (5,000 hourly
// bars), indicators precomputed once per dataset inside the timed region. Reports
// combinations/s; a regression means signal writing or simulate_signals got slower.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "research/screen.hpp"

namespace {

aitp::model::BarSeries load_ohlcv(const std::string& path) {
    aitp::model::BarSeries bars;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header: timestamp,open,high,low,close,volume
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string f[6];
        for (auto& x : f) std::getline(ss, x, ',');
        bars.push_back({std::stoll(f[0]), std::stod(f[1]), std::stod(f[2]), std::stod(f[3]),
                        std::stod(f[4]), std::stod(f[5])});
    }
    return bars;
}

void BM_ValidationSweep_VolatilityBreakout(benchmark::State& state) {
    const auto bars = load_ohlcv(std::string(AITP_REFERENCE_DIR) + "/ohlcv_a.csv");
    if (bars.size() != 5000) {
        state.SkipWithError("tests/data/reference/ohlcv_a.csv not found or not 5,000 bars");
        return;
    }
    const auto& spec = **aitp::research::find_strategy("VolatilityBreakout");
    aitp::research::ScreenOptions opt;
    opt.sim.fees = 0.001;
    opt.sim.slippage = 0.0005;
    opt.sweep.threads = static_cast<int>(state.range(0));
    for (auto _ : state) {
        auto res =
            aitp::research::run_screen(spec, aitp::research::market_data(bars), spec.grid, opt);
        benchmark::DoNotOptimize(res);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(spec.grid.size()));
    state.counters["combos_per_s"] = benchmark::Counter(
        static_cast<double>(spec.grid.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ValidationSweep_VolatilityBreakout)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
