// SPDX-License-Identifier: MIT
#include "indicators/detail/fixed_window.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "indicators/detail/window.hpp"

namespace aitp::indicators::detail {

namespace {

using lanes::v8d;

/// ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)) of the lanes of v, in registers.
[[gnu::always_inline]] inline double lane_tree_sum(const v8d& v) {
    const v8d pairs = v + __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6);
    const v8d quads = pairs + __builtin_shufflevector(pairs, pairs, 2, 3, 0, 1, 6, 7, 4, 5);
    const v8d all = quads + __builtin_shufflevector(quads, quads, 4, 5, 6, 7, 0, 1, 2, 3);
    return all[0];
}

// lane_dot_last's order: full vectors of terms into the lanes, then the remaining k terms (the
// last included) added to lanes 0..k-1; the other lanes add -0.0, which leaves every value as
// it is (x + -0.0 == x, signed zeros included).
template <std::size_t N>
double lane_dot_last_n(const double* a, const double* w, double last) {
    if constexpr (N <= 8) {
        // No whole vectors: lane j holds 0.0 + a[j] * w[j] (+0.0 past the terms), so the lane
        // tree is this scalar one (the empty half folds to +0.0, which adding leaves the
        // nonzero-or-+0.0 sum as it is); no vector shuffles on the update's path.
        double l[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            ((l[J] = 0.0 + (J + 1 < N ? scalar_load(a + J) : last) * w[J]), ...);
        }
        (std::make_index_sequence<N>{});
        return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    }
    constexpr std::size_t m = N - 1;
    constexpr std::size_t full = m - m % 8;
    constexpr std::size_t k = N - full;
    v8d acc = v8d{} + 0.0;
    for (std::size_t i = 0; i < full; i += 8) {
        v8d x;
        v8d y;
        std::memcpy(&x, a + i, sizeof x);
        std::memcpy(&y, w + i, sizeof y);
        acc += x * y;
    }
    v8d tail = v8d{} - 0.0;
    [&]<std::size_t... J>(std::index_sequence<J...>) {
        ((tail[J] = (J + 1 < k ? scalar_load(a + full + J) : last) * w[full + J]), ...);
    }
    (std::make_index_sequence<k>{});
    acc += tail;
    return lane_tree_sum(acc);
}

template <std::size_t N>
HullDots hull_dots_n(const double* a, const double* w, double last) {
    if constexpr (N >= 2) {
        return {lane_dot_last_n<N / 2>(a + (N - N / 2), w, last), lane_dot_last_n<N>(a, w, last)};
    } else {
        return {0.0, 0.0};  // not in the table's range (fixed_hull_dots gives nullptr)
    }
}

// numpy's pairwise order for 8 < N <= 128: 8 lanes over the whole vectors, the lane tree, then
// the tail in order, the newest value (`last`) added last.
template <std::size_t N>
double abs_dev_sum_last_n(const double* a, double last) {
    if constexpr (N > 8 && N % 8 != 0) {
        using lanes::v8l;
        constexpr std::size_t end = N - N % 8;
        const double dn = static_cast<double>(N);
        v8d r;
        std::memcpy(&r, a, sizeof r);
        for (std::size_t i = 8; i < end; i += 8) {
            v8d v;
            std::memcpy(&v, a + i, sizeof v);
            r += v;
        }
        double sum = lane_tree_sum(r);
        for (std::size_t i = end; i + 1 < N; ++i) {
            sum += scalar_load(a + i);
        }
        const double m = (sum + last) / dn;
        const v8l mask = v8l{} + INT64_MAX;
        const v8d mv = v8d{} + m;
        v8d d;
        std::memcpy(&d, a, sizeof d);
        d = (v8d)((v8l)(d - mv) & mask);
        for (std::size_t i = 8; i < end; i += 8) {
            v8d v;
            std::memcpy(&v, a + i, sizeof v);
            d += (v8d)((v8l)(v - mv) & mask);
        }
        double dev = lane_tree_sum(d);
        for (std::size_t i = end; i + 1 < N; ++i) {
            dev += std::fabs(scalar_load(a + i) - m);
        }
        return dev + std::fabs(last - m);
    } else {
        return 0.0;  // not in the table's range (fixed_abs_dev_sum_last gives nullptr)
    }
}

template <std::size_t... N>
constexpr std::array<AbsDevSumLastFn, sizeof...(N)> abs_dev_sum_table(std::index_sequence<N...>) {
    return {&abs_dev_sum_last_n<N + 1>...};
}

template <std::size_t... N>
constexpr std::array<HullDotsFn, sizeof...(N)> hull_dots_table(std::index_sequence<N...>) {
    return {&hull_dots_n<N + 1>...};
}

template <std::size_t... N>
constexpr std::array<LaneDotLastFn, sizeof...(N)> lane_dot_last_table(std::index_sequence<N...>) {
    return {&lane_dot_last_n<N + 1>...};
}

using Lengths = std::make_index_sequence<kMaxFixedWindow>;
constexpr auto kLaneDotLast = lane_dot_last_table(Lengths{});
constexpr auto kHullDots = hull_dots_table(Lengths{});
constexpr auto kAbsDevSum = abs_dev_sum_table(Lengths{});

}  // namespace

LaneDotLastFn fixed_lane_dot_last(std::size_t n) {
    return n >= 1 && n <= kMaxFixedWindow ? kLaneDotLast[n - 1] : nullptr;
}

AbsDevSumLastFn fixed_abs_dev_sum_last(std::size_t n) {
    return n > 8 && n <= kMaxFixedWindow && n % 8 != 0 ? kAbsDevSum[n - 1] : nullptr;
}

HullDotsFn fixed_hull_dots(std::size_t n) {
    return n >= 2 && n <= kMaxFixedWindow ? kHullDots[n - 1] : nullptr;
}

}  // namespace aitp::indicators::detail
