// SPDX-License-Identifier: MIT
// Bulk history decode: 1000-bar Binance /api/v3/klines pages (12-field rows, prices as
// decimal strings, as the venue sends them) decoded into a BarSeries by
// exchange::decode_binance_klines (simdjson on-demand + std::from_chars). Goal: >= 5 M bars/s
// on one core. A regression means the page decode (padding copy, row walk, decimal parse)
// slowed; downloads of years of 1m bars are bounded by it once the network is fast.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "exchange/binance_venue.hpp"

namespace {

constexpr int kBarsPerPage = 1000;
constexpr int kPages = 16;

// Pages shaped like live BTCUSDT 1m klines: eight decimals, a random walk around 60,000.
const std::vector<std::string>& pages() {
    static const auto p = [] {
        std::mt19937_64 gen(19);
        std::normal_distribution<double> step(0.0, 15.0);
        std::uniform_real_distribution<double> vol(0.1, 90.0);
        std::vector<std::string> out;
        double px = 60000.0;
        std::int64_t ts = 1'700'000'000'000;
        for (int page = 0; page < kPages; ++page) {
            std::string body = "[";
            for (int i = 0; i < kBarsPerPage; ++i, ts += 60'000) {
                const double open = px;
                const double close = px + step(gen);
                const double high = std::max(open, close) + std::abs(step(gen));
                const double low = std::min(open, close) - std::abs(step(gen));
                const double v = vol(gen);
                px = close;
                if (i > 0) body += ',';
                body += fmt::format(
                    "[{},\"{:.8f}\",\"{:.8f}\",\"{:.8f}\",\"{:.8f}\",\"{:.8f}\",{},\"{:.8f}\",{},"
                    "\"{:.8f}\",\"{:.8f}\",\"0\"]",
                    ts, open, high, low, close, v, ts + 59'999, v * close, 1200 + i, v / 2,
                    v * close / 2);
            }
            body += ']';
            out.push_back(std::move(body));
        }
        return out;
    }();
    return p;
}

void BM_KlineDecode_Page1000(benchmark::State& state) {
    const auto& p = pages();
    std::size_t i = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string& body = p[i++ % p.size()];
        auto bars = aitp::exchange::decode_binance_klines(body);
        if (!bars || bars->size() != kBarsPerPage) {
            state.SkipWithError("decode failed");
            break;
        }
        benchmark::DoNotOptimize(bars->close().data());
        bytes += body.size();
    }
    state.SetItemsProcessed(state.iterations() * kBarsPerPage);
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_KlineDecode_Page1000);

}  // namespace

BENCHMARK_MAIN();
