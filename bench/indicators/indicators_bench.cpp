// SPDX-License-Identifier: MIT
// Indicator throughput on 1,000,000 bars of a seeded random walk: every registered indicator's
// batch kernel, the whole reference set (60 columns, 44 distinct: a repeated column is an alias)
// and the twelve TA-Lib functions into a table whose columns are allocated before the timed loop
// (the loop itself allocates only compute_columns' small bookkeeping), the floor of just writing
// those columns, and the streaming update cost per bar. A regression means a slower
// kernel (or lost inlining) on the hot path every screen, sweep and strategy uses.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "indicators/registry.hpp"

namespace {

using aitp::indicators::BarInput;
using aitp::indicators::ColumnSpec;
using aitp::indicators::Flavor;
using aitp::indicators::IndicatorInfo;
using aitp::indicators::SeriesInput;

constexpr std::size_t kBars = 1'000'000;

struct Bars {
    std::vector<std::int64_t> ts;
    std::vector<double> open, high, low, close, volume;
    SeriesInput input() const { return {ts, open, high, low, close, volume}; }
};

// Geometric random walk with consistent OHLC (low <= open, close <= high), seed 42.
const Bars& bars() {
    static const Bars b = [] {
        Bars x;
        std::mt19937_64 rng(42);
        std::normal_distribution<double> ret(0.0, 0.01);
        std::uniform_real_distribution<double> wick(0.0, 0.005);
        std::lognormal_distribution<double> vol(8.0, 1.0);
        double prev = 100.0;
        for (std::size_t i = 0; i < kBars; ++i) {
            const double open = prev;
            const double close = open * std::exp(ret(rng));
            x.ts.push_back(1'704'067'200'000 + static_cast<std::int64_t>(i) * 60'000);
            x.open.push_back(open);
            x.close.push_back(close);
            x.high.push_back(std::max(open, close) * (1.0 + wick(rng)));
            x.low.push_back(std::min(open, close) * (1.0 - wick(rng)));
            x.volume.push_back(vol(rng));
            prev = close;
        }
        return x;
    }();
    return b;
}

void run_set(benchmark::State& state, Flavor flavor) {
    const Bars& b = bars();
    const std::vector<ColumnSpec>& cols = aitp::indicators::flavor_columns(flavor);
    std::vector<const ColumnSpec*> ptrs;
    for (const ColumnSpec& c : cols) {
        ptrs.push_back(&c);
    }
    aitp::indicators::ColumnTable table;  // its columns allocated by a first run, then reused
    if (!aitp::indicators::compute_columns(ptrs, b.input(), table).has_value()) {
        state.SkipWithError("compute_columns failed");
        return;
    }
    for (auto _ : state) {
        const auto st = aitp::indicators::compute_columns(ptrs, b.input(), table);
        benchmark::DoNotOptimize(st);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBars));
    state.counters["columns"] = static_cast<double>(cols.size());
}

// The floor under the whole-set cases: only writing their distinct columns (std::fill into
// preallocated 1M-row outputs, ordinary stores), no arithmetic.
void write_floor(benchmark::State& state, Flavor flavor) {
    std::vector<const ColumnSpec*> distinct;
    for (const ColumnSpec& c : aitp::indicators::flavor_columns(flavor)) {
        if (std::none_of(distinct.begin(), distinct.end(), [&](const ColumnSpec* d) {
                return d->indicator == c.indicator && d->params == c.params &&
                       d->output == c.output;
            })) {
            distinct.push_back(&c);
        }
    }
    const std::size_t ncols = distinct.size();
    std::vector<std::vector<double>> storage(ncols, std::vector<double>(kBars));
    double v = 0.0;
    for (auto _ : state) {
        v += 1.0;
        for (std::vector<double>& col : storage) {
            std::fill(col.begin(), col.end(), v);
        }
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(
        static_cast<std::int64_t>(state.iterations() * ncols * kBars * sizeof(double)));
    state.counters["columns"] = static_cast<double>(ncols);
}
void BM_WriteFloor_ReferenceColumns(benchmark::State& state) {
    write_floor(state, Flavor::Reference);
}
BENCHMARK(BM_WriteFloor_ReferenceColumns)->Unit(benchmark::kMillisecond);
void BM_WriteFloor_TalibColumns(benchmark::State& state) { write_floor(state, Flavor::Talib); }
BENCHMARK(BM_WriteFloor_TalibColumns)->Unit(benchmark::kMillisecond);

// The whole reference set: every column of indicators_a.csv (goal <= 80 ms).
void BM_ReferenceSet_AllColumns(benchmark::State& state) { run_set(state, Flavor::Reference); }
BENCHMARK(BM_ReferenceSet_AllColumns)->Unit(benchmark::kMillisecond);

// The twelve TA-Lib-flavour functions, 17 columns (goal <= 50 ms).
void BM_TalibSet_AllColumns(benchmark::State& state) { run_set(state, Flavor::Talib); }
BENCHMARK(BM_TalibSet_AllColumns)->Unit(benchmark::kMillisecond);

void BM_ExtraSet_AllColumns(benchmark::State& state) { run_set(state, Flavor::Extra); }
BENCHMARK(BM_ExtraSet_AllColumns)->Unit(benchmark::kMillisecond);

// One indicator's batch kernel with default parameters on 1M bars.
void batch_one(benchmark::State& state, const IndicatorInfo* info) {
    const Bars& b = bars();
    std::vector<std::vector<double>> storage(info->outputs.size(), std::vector<double>(kBars));
    std::vector<std::span<double>> out(storage.begin(), storage.end());
    const std::vector<double> params = info->default_params();
    for (auto _ : state) {
        const auto st = aitp::indicators::run_batch(*info, b.input(), params, out);
        benchmark::DoNotOptimize(st);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBars));
}

// Streaming update cost per bar (through the type-erased registry object).
void stream_one(benchmark::State& state, const IndicatorInfo* info) {
    const Bars& b = bars();
    auto stream = aitp::indicators::make_stream(*info, info->default_params());
    std::vector<double> row(info->outputs.size());
    std::size_t i = 0;
    for (auto _ : state) {
        const BarInput bar{b.ts[i], b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]};
        (*stream)->update(bar, row);
        benchmark::DoNotOptimize(row.data());
        if (++i == kBars) {
            i = 0;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

const bool kRegistered = [] {
    for (const IndicatorInfo& info : aitp::indicators::registry()) {
        std::string name(info.name);
        benchmark::RegisterBenchmark(("BM_Batch_1M/" + name).c_str(), batch_one, &info)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("BM_Stream_Update/" + name).c_str(), stream_one, &info);
    }
    return true;
}();

}  // namespace

BENCHMARK_MAIN();
