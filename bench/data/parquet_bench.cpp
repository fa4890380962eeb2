// SPDX-License-Identifier: MIT
// Parquet read of 1,000,000 bars (snappy, as the store writes them) into a BarSeries through
// DuckDB, and the atomic write. Goal: read <= 60 ms per 1 M bars. A regression means the scan,
// the chunk copy or the post-read sort check slowed.
#include <filesystem>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "data/parquet_store.hpp"
#include "data/synthetic.hpp"

namespace {

namespace fs = std::filesystem;

const aitp::model::BarSeries& bars_1m() {
    static const aitp::model::BarSeries bars = [] {
        aitp::data::SyntheticParams p;
        p.bars = 1'000'000;
        p.seed = 3;
        p.timeframe = aitp::model::Timeframe::M1;
        return *aitp::data::generate_bars(p);
    }();
    return bars;
}

fs::path bench_file() {
    static const fs::path path = [] {
        const fs::path p =
            fs::temp_directory_path() / ("aitp-bench-" + std::to_string(::getpid()) + ".parquet");
        if (!aitp::data::write_parquet(p, bars_1m())) std::abort();
        return p;
    }();
    return path;
}

void BM_Parquet_Read1M(benchmark::State& state) {
    const fs::path path = bench_file();
    for (auto _ : state) {
        auto bars = aitp::data::read_parquet(path);
        if (!bars || bars->size() != 1'000'000) state.SkipWithError("read failed");
        benchmark::DoNotOptimize(bars);
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_Parquet_Read1M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Parquet_Write1M(benchmark::State& state) {
    const fs::path path = bench_file().string() + ".w";
    for (auto _ : state) {
        if (!aitp::data::write_parquet(path, bars_1m())) state.SkipWithError("write failed");
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
    fs::remove(path);
}
BENCHMARK(BM_Parquet_Write1M)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    fs::remove(bench_file(), ec);
    return 0;
}
