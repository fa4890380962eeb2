// SPDX-License-Identifier: MIT
// One Binance depthUpdate message decoded (simdjson) and applied through BinanceBookSync to the
// book: throughput, and the per-message latency distribution (p50/p99/max over 200,000
// messages, each timed on its own). The issue's goal is p99 <= 5 us. A regression means the
// decoder or the book apply got slower, or something started to allocate per message.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "exchange/binance_stream.hpp"
#include "exchange/book_sync.hpp"

namespace {

using namespace aitp::exchange;

// Messages shaped like BTCUSDT@depth@100ms: 1-20 levels per side, prices near the touch.
std::vector<std::string> make_messages(std::size_t n) {
    std::mt19937_64 rng(7);
    std::geometric_distribution<int> depth(0.05);
    std::uniform_int_distribution<int> levels(1, 20);
    std::uniform_int_distribution<int> coin(0, 3);
    std::uniform_int_distribution<int> lots(1, 99999);
    std::vector<std::string> out;
    out.reserve(n);
    std::int64_t id = 1001;
    for (std::size_t i = 0; i < n; ++i) {
        auto side = [&](bool bid) {
            std::string s;
            const int k = levels(rng);
            for (int j = 0; j < k; ++j) {
                const int t = std::min(depth(rng), 3000);
                const int cents = bid ? 3000000 - t : 3000001 + t;
                const int q = coin(rng) == 0 ? 0 : lots(rng);
                s += fmt::format("{}[\"{}.{:02}000000\",\"{}.{:05}000\"]", s.empty() ? "" : ",",
                                 cents / 100, cents % 100, q / 100000, q % 100000);
            }
            return s;
        };
        const std::int64_t first = id;
        id += 3;
        out.push_back(fmt::format(
            R"({{"e":"depthUpdate","E":{},"s":"BTCUSDT","U":{},"u":{},"b":[{}],"a":[{}]}})",
            1700000000000 + static_cast<std::int64_t>(i), first, id - 1, side(true), side(false)));
    }
    return out;
}

BookSnapshot initial_snapshot() {
    BookSnapshot s;
    s.sequence = 1000;
    for (int t = 0; t < 1000; ++t) {
        s.bids.push_back({30000.0 - t * 0.01, 1.0});
        s.asks.push_back({30000.01 + t * 0.01, 1.0});
    }
    return s;
}

void BM_DepthUpdate_DecodeApply(benchmark::State& state) {
    const std::vector<std::string> messages = make_messages(200000);
    std::vector<double> latency_ns(messages.size());
    double p50 = 0;
    double p99 = 0;
    double worst = 0;
    std::int64_t processed = 0;
    for (auto _ : state) {
        state.PauseTiming();
        BinanceStreamDecoder decoder;
        BinanceBookSync sync([] { return aitp::Result<BookSnapshot>(initial_snapshot()); });
        state.ResumeTiming();
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            auto kind = decoder.decode(messages[i]);
            auto outcome = sync.on_depth(decoder.depth());
            const auto t1 = std::chrono::steady_clock::now();
            benchmark::DoNotOptimize(kind);
            benchmark::DoNotOptimize(outcome);
            latency_ns[i] = std::chrono::duration<double, std::nano>(t1 - t0).count();
        }
        processed += static_cast<std::int64_t>(messages.size());
        state.PauseTiming();
        // The first messages include the snapshot load; leave out that warm-up.
        std::vector<double> sorted(latency_ns.begin() + 16, latency_ns.end());
        std::sort(sorted.begin(), sorted.end());
        p50 = sorted[sorted.size() / 2];
        p99 = sorted[sorted.size() * 99 / 100];
        worst = sorted.back();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(processed);
    state.counters["p50_us"] = p50 / 1000.0;
    state.counters["p99_us"] = p99 / 1000.0;
    state.counters["max_us"] = worst / 1000.0;
    std::size_t bytes = 0;
    for (const auto& m : messages) bytes += m.size();
    state.counters["avg_msg_bytes"] =
        static_cast<double>(bytes) / static_cast<double>(messages.size());
}
BENCHMARK(BM_DepthUpdate_DecodeApply)->Unit(benchmark::kMillisecond);

void BM_DepthUpdate_DecodeOnly(benchmark::State& state) {
    const std::vector<std::string> messages = make_messages(4096);
    BinanceStreamDecoder decoder;
    std::size_t i = 0;
    for (auto _ : state) {
        auto kind = decoder.decode(messages[i++ & 4095]);
        benchmark::DoNotOptimize(kind);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_DepthUpdate_DecodeOnly);

}  // namespace

BENCHMARK_MAIN();
