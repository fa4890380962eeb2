// SPDX-License-Identifier: MIT
// CSV parse of 1,000,000 OHLCV rows (epoch-ms stamps, shortest-repr doubles) from memory into
// a BarSeries. Goal: >= 3 M rows/s. A regression means the row loop or number parsing slowed.
#include <benchmark/benchmark.h>

#include "data/csv.hpp"
#include "data/synthetic.hpp"

namespace {

const std::string& csv_text() {
    static const std::string text = [] {
        aitp::data::SyntheticParams p;
        p.bars = 1'000'000;
        p.seed = 3;
        p.timeframe = aitp::model::Timeframe::M1;
        return aitp::data::format_csv(*aitp::data::generate_bars(p));
    }();
    return text;
}

void BM_Csv_Parse1M(benchmark::State& state) {
    const std::string& text = csv_text();
    for (auto _ : state) {
        auto bars = aitp::data::parse_csv(text, "bench.csv");
        benchmark::DoNotOptimize(bars);
        if (!bars) state.SkipWithError("parse failed");
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_Csv_Parse1M)->Unit(benchmark::kMillisecond);

void BM_Csv_Format1M(benchmark::State& state) {
    const auto bars = *aitp::data::parse_csv(csv_text(), "bench.csv");
    for (auto _ : state) {
        auto text = aitp::data::format_csv(bars);
        benchmark::DoNotOptimize(text);
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_Csv_Format1M)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
