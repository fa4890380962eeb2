// SPDX-License-Identifier: MIT
// OrderBook::apply alone: a stream of L2 deltas (absolute quantities, 25% removals) over a book
// of ~2,000 levels per side, most of them near the touch as in real depth streams. A
// regression means the per-update search or move got slower (or started to allocate).
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "book/order_book.hpp"

namespace {

using aitp::book::OrderBook;
using aitp::book::Side;

struct Delta {
    Side side;
    double price;
    double qty;
};

std::vector<Delta> make_deltas(std::size_t n, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::geometric_distribution<int> depth(0.05);  // mostly near the touch
    std::uniform_int_distribution<int> coin(0, 3);
    std::uniform_int_distribution<int> lots(1, 500);
    std::vector<Delta> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Side side = i % 2 == 0 ? Side::Bid : Side::Ask;
        const int t = std::min(depth(rng), 2000);
        const double price = side == Side::Bid ? 30000.0 - t * 0.01 : 30000.01 + t * 0.01;
        out.push_back({side, price, coin(rng) == 0 ? 0.0 : lots(rng) * 0.001});
    }
    return out;
}

OrderBook warm_book() {
    OrderBook book(4096);
    for (int t = 0; t < 2000; ++t) {
        book.apply(Side::Bid, 30000.0 - t * 0.01, 1.0);
        book.apply(Side::Ask, 30000.01 + t * 0.01, 1.0);
    }
    return book;
}

void BM_OrderBook_ApplyDelta(benchmark::State& state) {
    const std::vector<Delta> deltas = make_deltas(1 << 20, 42);
    OrderBook book = warm_book();
    std::size_t i = 0;
    for (auto _ : state) {
        const Delta& d = deltas[i++ & (deltas.size() - 1)];
        book.apply(d.side, d.price, d.qty);
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(book.best_bid());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_OrderBook_ApplyDelta);

void BM_OrderBook_Top10(benchmark::State& state) {
    const OrderBook book = warm_book();
    aitp::book::Depth out;
    for (auto _ : state) {
        book.top(10, out);
        benchmark::DoNotOptimize(out.bids.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_OrderBook_Top10);

}  // namespace

BENCHMARK_MAIN();
