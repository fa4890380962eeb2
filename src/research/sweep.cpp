// SPDX-License-Identifier: MIT
#include "research/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "core/check.hpp"

namespace aitp::research {

namespace {

// Reports progress in at most ~200 steps, monotonically, from whichever thread crosses a step.
class ProgressReporter {
  public:
    ProgressReporter(const ProgressFn& fn, std::size_t total) : fn_(fn), total_(total) {}

    void add(std::size_t n) {
        if (!fn_) return;
        const std::size_t done = done_.fetch_add(n) + n;
        const std::size_t step = done * 200 / std::max<std::size_t>(total_, 1);
        std::lock_guard<std::mutex> lock(mu_);
        if (step > last_step_ || done == total_) {
            last_step_ = step;
            const double frac = static_cast<double>(done) / static_cast<double>(total_);
            if (frac > last_frac_) {
                last_frac_ = frac;
                fn_(frac, "sweep");
            }
        }
    }

  private:
    const ProgressFn& fn_;
    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    std::mutex mu_;
    std::size_t last_step_ = 0;
    double last_frac_ = 0.0;
};

}  // namespace

void parallel_for_index(std::size_t count, const std::function<void(std::size_t)>& eval,
                        const SweepOptions& options) {
    AITP_CHECK(options.threads >= 1, "Condition failed: threads must be >= 1");
    if (count == 0) return;
    const auto threads = std::min<std::size_t>(static_cast<std::size_t>(options.threads), count);
    const std::size_t chunk = std::max<std::size_t>(1, count / (threads * 32));
    std::atomic<std::size_t> next{0};
    ProgressReporter progress(options.work.progress, count);
    const std::stop_token& stop = options.work.stop;
    auto worker = [&] {
        for (;;) {
            const std::size_t begin = next.fetch_add(chunk);
            if (begin >= count) return;
            const std::size_t end = std::min(count, begin + chunk);
            for (std::size_t i = begin; i < end; ++i) {
                if (stop.stop_requested()) return;
                eval(i);
            }
            progress.add(end - begin);
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
}

std::vector<metrics::RunMetrics> run_sweep(
    std::size_t count, const std::function<metrics::RunMetrics(std::size_t)>& eval,
    const SweepOptions& options) {
    std::vector<metrics::RunMetrics> out(count);
    parallel_for_index(
        count, [&](std::size_t i) { out[i] = eval(i); }, options);
    return out;
}

bool is_candidate(const metrics::RunMetrics& m) {
    return m.num_trades > 0 && std::isfinite(m.sharpe_ratio);
}

bool ranks_before(const RankedResult& a, const RankedResult& b) {
    const bool ac = is_candidate(a.metrics);
    const bool bc = is_candidate(b.metrics);
    if (ac != bc) return ac;
    if (ac && a.metrics.sharpe_ratio != b.metrics.sharpe_ratio) {
        return a.metrics.sharpe_ratio > b.metrics.sharpe_ratio;
    }
    return a.index < b.index;
}

std::vector<RankedResult> run_sweep_top_k(
    std::size_t count, std::size_t k, const std::function<metrics::RunMetrics(std::size_t)>& eval,
    const SweepOptions& options) {
    if (k == 0) return {};
    // One bounded heap per chunk owner would need thread ids; a mutex-protected merge per chunk
    // keeps it simple and the lock is taken once per evaluation at most.
    std::vector<RankedResult> heap;  // max-heap on "worst first" so heap.front() is the worst
    heap.reserve(k + 1);
    std::mutex mu;
    auto worse = [](const RankedResult& a, const RankedResult& b) { return ranks_before(a, b); };
    parallel_for_index(
        count,
        [&](std::size_t i) {
            RankedResult r{i, eval(i)};
            std::lock_guard<std::mutex> lock(mu);
            if (heap.size() < k) {
                heap.push_back(r);
                std::push_heap(heap.begin(), heap.end(), worse);
            } else if (ranks_before(r, heap.front())) {
                std::pop_heap(heap.begin(), heap.end(), worse);
                heap.back() = r;
                std::push_heap(heap.begin(), heap.end(), worse);
            }
        },
        options);
    std::sort(heap.begin(), heap.end(), ranks_before);
    return heap;
}

}  // namespace aitp::research
