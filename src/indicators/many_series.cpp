// SPDX-License-Identifier: MIT
#include "indicators/many_series.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include <fmt/format.h>

namespace aitp::indicators {

Result<std::vector<ColumnTable>> compute_many(Flavor f, std::span<const SeriesInput> series,
                                              std::span<const std::string> only, unsigned threads) {
    AITP_TRY(select_columns(f, only));  // fail fast on bad names, before any thread starts
    const std::size_t n = series.size();
    std::vector<ColumnTable> tables(n);
    std::vector<std::optional<Error>> errors(n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
            Result<ColumnTable> r = compute_flavor(f, series[i], only);
            if (r) {
                tables[i] = std::move(*r);
            } else {
                errors[i] = r.error();
            }
        }
    };
    unsigned hw = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>(hw, n);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (std::thread& t : pool) {
        t.join();
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (errors[i]) {
            return fail(errors[i]->with_context(fmt::format("series {}", i)));
        }
    }
    return tables;
}

}  // namespace aitp::indicators
