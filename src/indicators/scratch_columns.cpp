// SPDX-License-Identifier: MIT
#include "indicators/scratch_columns.hpp"

#include <cstddef>
#include <utility>

namespace aitp::indicators::detail {

namespace {

// The reference set at 1M rows takes 4 scratch columns of 8 MB.
constexpr std::size_t kPoolBytes = std::size_t{64} << 20;

struct Pool {
    std::vector<std::vector<double>> free;
    std::size_t bytes = 0;
};
Pool& pool() {
    thread_local Pool p;
    return p;
}

}  // namespace

ScratchColumns::~ScratchColumns() {
    Pool& p = pool();
    for (std::vector<double>& v : held_) {
        const std::size_t bytes = v.capacity() * sizeof(double);
        if (p.bytes + bytes <= kPoolBytes) {
            p.bytes += bytes;
            p.free.push_back(std::move(v));
        }
    }
}

std::span<double> ScratchColumns::take(std::size_t n) {
    Pool& p = pool();
    std::vector<double> v;
    // The smallest pooled column that is large enough.
    std::size_t best = p.free.size();
    for (std::size_t k = 0; k < p.free.size(); ++k) {
        if (p.free[k].capacity() >= n &&
            (best == p.free.size() || p.free[k].capacity() < p.free[best].capacity())) {
            best = k;
        }
    }
    if (best < p.free.size()) {
        v = std::move(p.free[best]);
        p.free.erase(p.free.begin() + static_cast<std::ptrdiff_t>(best));
        p.bytes -= v.capacity() * sizeof(double);
    }
    v.resize(n);
    held_.push_back(std::move(v));
    return held_.back();
}

}  // namespace aitp::indicators::detail
