// SPDX-License-Identifier: MIT
// Event-engine throughput: sma_cross(10, 30) with market orders and 0.1 % fees on one
// instrument, and a 100-instrument portfolio run. Data are seeded random walks generated
// outside the timed region. A drop in bars/s means the per-event path (source merge, matching,
// mark-to-market, strategy hook) got slower.
#include <cmath>
#include <cstdio>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "backtest/engine.hpp"
#include "core/rng.hpp"
#include "model/event_source.hpp"
#include "strategy/sma_cross.hpp"

namespace {

using namespace aitp;

model::BarSeries random_walk(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    model::BarSeries s;
    s.reserve(n);
    double px = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double open = px;
        px *= std::exp(0.004 * rng.normal());
        const double hi = std::max(open, px) * (1.0 + 0.001 * rng.uniform());
        const double lo = std::min(open, px) * (1.0 - 0.001 * rng.uniform());
        s.push_back({static_cast<UnixMillis>(i) * kMillisPerHour, open, hi, lo, px,
                     1000.0 + 100.0 * rng.uniform()});
    }
    return s;
}

model::Instrument instrument(std::size_t k) {
    model::Instrument inst = model::Instrument::crypto_spot(fmt::format("S{}", k));
    inst.price_precision = 6;
    inst.maker_fee = 0.001;
    inst.taker_fee = 0.001;
    return inst;
}

/// Current resident set size in bytes (from /proc/self/statm).
double rss_bytes() {
    long pages = 0;
    long resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * 4096.0;
}

struct RunStats {
    std::size_t fills = 0;
    double final_equity = 0.0;
    double rss_delta = 0.0;
};

RunStats run_once(const std::vector<model::BarSeries>& data, bool record_equity) {
    backtest::EngineConfig cfg;
    cfg.record_equity = record_equity;
    backtest::BacktestEngine engine(cfg);
    std::vector<const model::BarSeries*> ptrs;
    for (std::size_t k = 0; k < data.size(); ++k) {
        engine.add_instrument(instrument(k));
        ptrs.push_back(&data[k]);
    }
    strategy::SmaCross strat({10, 30, 1.0});
    auto src = model::BarSeriesEventSource::create(ptrs);
    const double before = rss_bytes();
    auto r = engine.run(*src, strat);
    const double after = rss_bytes();
    return {r->fills.size(), r->final_equity, after - before};
}

// sma_cross(10, 30), market orders at the close, 0.1 % fees, one instrument, equity recorded.
void BM_Backtest_SmaCross(benchmark::State& state) {
    const std::vector<model::BarSeries> data = {
        random_walk(static_cast<std::size_t>(state.range(0)), 42)};
    RunStats st;
    for (auto _ : state) {
        st = run_once(data, true);
        benchmark::DoNotOptimize(st);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["fills"] = static_cast<double>(st.fills);
    state.counters["bars_per_s"] = benchmark::Counter(
        static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Backtest_SmaCross)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// 100 instruments x 20,000 bars merged in time order in one portfolio run.
void BM_Backtest_Portfolio(benchmark::State& state) {
    const auto n_inst = static_cast<std::size_t>(state.range(0));
    const auto n_bars = static_cast<std::size_t>(state.range(1));
    std::vector<model::BarSeries> data;
    for (std::size_t k = 0; k < n_inst; ++k) data.push_back(random_walk(n_bars, 1000 + k));
    RunStats st;
    for (auto _ : state) {
        st = run_once(data, true);
        benchmark::DoNotOptimize(st);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n_inst * n_bars));
    state.counters["fills"] = static_cast<double>(st.fills);
}
BENCHMARK(BM_Backtest_Portfolio)->Args({100, 20'000})->Unit(benchmark::kMillisecond);

// Memory: RSS growth during a run without the stored equity curve; flat in the bar count means
// the engine allocates nothing per event beyond stored fills.
void BM_Backtest_MemoryFlat(benchmark::State& state) {
    const std::vector<model::BarSeries> data = {
        random_walk(static_cast<std::size_t>(state.range(0)), 7)};
    RunStats st;
    for (auto _ : state) {
        st = run_once(data, false);
        benchmark::DoNotOptimize(st);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["rss_delta_kb"] = st.rss_delta / 1024.0;
    state.counters["fills"] = static_cast<double>(st.fills);
}
BENCHMARK(BM_Backtest_MemoryFlat)
    ->Arg(250'000)
    ->Arg(1'000'000)
    ->Arg(4'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
