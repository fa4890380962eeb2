// SPDX-License-Identifier: MIT
// Window: the last `size` values of a stream kept contiguous and oldest first (each value is
// stored twice in a buffer of 2*size), so window kernels read a plain array whether they run in a
// stream (over the Window) or in a batch loop (over the input span): one definition of the
// arithmetic for both. Plus the fixed-order window kernels used on such arrays: extremes,
// numpy's pairwise sum (8 lanes, as numpy's unrolled loop), the pairwise mean absolute deviation
// and the lane-split weighted dot product of WMA. The lane loops use GCC vector extensions; every
// lane performs exactly the scalar operation sequence, so results do not depend on the target ISA.
// Window is not thread-safe; the functions are pure.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace aitp::indicators::detail {

class Window {
  public:
    explicit Window(std::size_t size = 1)
        : size_(std::max<std::size_t>(size, 1)), buf_(2 * size_, 0.0) {}

    void clear() {
        head_ = 0;
        count_ = 0;
    }
    std::size_t size() const { return size_; }
    /// Number of values pushed since clear() (saturates at size()).
    std::size_t count() const { return count_; }
    bool is_full() const { return count_ == size_; }

    /// Appends x; returns the value that left the window (meaningful only when is_full() was true).
    double push(double x) {
        const double old = buf_[head_];
        buf_[head_] = x;
        buf_[head_ + size_] = x;
        if (++head_ == size_) {
            head_ = 0;
        }
        if (count_ < size_) {
            ++count_;
        }
        return old;
    }
    /// The oldest value. Requires: is_full().
    double oldest() const { return buf_[head_]; }
    /// The last size() values, oldest first, once full; before that, the last count() values
    /// are data()[size() - count() .. size()).
    const double* data() const { return buf_.data() + head_; }

  private:
    std::size_t size_;
    std::vector<double> buf_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

namespace lanes {
typedef double v8d __attribute__((vector_size(64)));
typedef std::int64_t v8l __attribute__((vector_size(64)));
}  // namespace lanes

/// Vector helpers for the 8-lane batch loops. They take and give vectors through memory or
/// by reference only (no vector arguments or returns by value, whose ABI depends on -march).
inline void load8(lanes::v8d& v, const double* a) { std::memcpy(&v, a, sizeof v); }
inline void store8(double* a, const lanes::v8d& v) { std::memcpy(a, &v, sizeof v); }

/// a[0] through a scalar register, so the compiler cannot merge the reads of a loop into a
/// vector load. The tail loops over a stream window's newest values use it (GCC vectorised the
/// dot products' and the absolute deviations' tails into 4-wide loads):
/// a stream has just stored its newest values one double at a time, and a vector load over
/// such stores waits until they reach the cache instead of forwarding from them (figures in
/// bench/RESULTS.md). The sequential
/// sums (pairwise_sum's tails) are not vectorised anyway. The value is unchanged.
[[gnu::always_inline]] inline double scalar_load(const double* a) {
    double v;
    std::memcpy(&v, a, sizeof v);
#if defined(__x86_64__)
    asm("" : "+x"(v));
#endif
    return v;
}

/// Maximum (kMax) or minimum of a[0..n) (n >= 1). Exact, so any evaluation order gives the same
/// value.
template <bool kMax>
inline double window_extreme(const double* a, std::size_t n) {
    using lanes::v8d;
    if (n < 8) {
        double m = a[0];
        for (std::size_t i = 1; i < n; ++i) {
            m = kMax ? (a[i] > m ? a[i] : m) : (a[i] < m ? a[i] : m);
        }
        return m;
    }
    v8d acc;
    std::memcpy(&acc, a, sizeof acc);
    std::size_t i = 8;
    for (; i + 8 <= n; i += 8) {
        v8d v;
        std::memcpy(&v, a + i, sizeof v);
        acc = kMax ? (v > acc ? v : acc) : (v < acc ? v : acc);
    }
    if (i < n) {  // overlapping tail: re-reading values does not change an extreme
        v8d v;
        std::memcpy(&v, a + n - 8, sizeof v);
        acc = kMax ? (v > acc ? v : acc) : (v < acc ? v : acc);
    }
    double m = acc[0];
    for (int j = 1; j < 8; ++j) {
        m = kMax ? (acc[j] > m ? acc[j] : m) : (acc[j] < m ? acc[j] : m);
    }
    return m;
}

/// out[j] = window_extreme<kMax>(a + j, n) for j < count, 8 windows per step in vector lanes
/// (the extreme of finite values does not depend on the order). Reads a[0..count+n-1).
template <bool kMax>
inline void window_extremes(const double* a, std::size_t count, std::size_t n, double* out) {
    using lanes::v8d;
    std::size_t j = 0;
    for (; j + 8 <= count; j += 8) {
        // Two running extremes (even and odd offsets) halve the dependency chain.
        v8d m;
        v8d m1;
        v8d x;
        v8d y;
        load8(m, a + j);
        load8(m1, a + j);
        std::size_t t = 1;
        for (; t + 2 <= n; t += 2) {
            load8(x, a + j + t);
            load8(y, a + j + t + 1);
            m = kMax ? (x > m ? x : m) : (x < m ? x : m);
            m1 = kMax ? (y > m1 ? y : m1) : (y < m1 ? y : m1);
        }
        if (t < n) {
            load8(x, a + j + t);
            m = kMax ? (x > m ? x : m) : (x < m ? x : m);
        }
        m = kMax ? (m1 > m ? m1 : m) : (m1 < m ? m1 : m);
        store8(out + j, m);
    }
    for (; j < count; ++j) {
        out[j] = window_extreme<kMax>(a + j, n);
    }
}

/// Rows per chunk of for_each_high_low (every chunk but the last is full).
inline constexpr std::size_t kHighLowChunk = 512;

/// The n-row highest high and lowest low of every row (NaN until n rows are in), in chunks:
/// calls chunk(first_row, rows, hh, ll) with hh/ll for rows first_row..first_row+rows-1, so the
/// caller's per-row arithmetic runs as a loop over arrays.
template <class Chunk>
[[gnu::always_inline]] inline void for_each_high_low(const double* high, const double* low,
                                                     std::size_t size, std::size_t n,
                                                     Chunk&& chunk) {
    constexpr std::size_t kChunk = kHighLowChunk;
    double hh[kChunk];
    double ll[kChunk];
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        std::size_t j = 0;
        for (; j < len && c + j + 1 < n; ++j) {
            hh[j] = std::numeric_limits<double>::quiet_NaN();
            ll[j] = std::numeric_limits<double>::quiet_NaN();
        }
        if (j < len) {
            window_extremes<true>(high + c + j + 1 - n, len - j, n, hh + j);
            window_extremes<false>(low + c + j + 1 - n, len - j, n, ll + j);
        }
        chunk(c, len, static_cast<const double*>(hh), static_cast<const double*>(ll));
    }
}

/// numpy's pairwise summation (np.add.reduce on a contiguous float64 array), bit for bit.
inline double pairwise_sum(const double* a, std::size_t n) {
    using lanes::v8d;
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            res += a[i];
        }
        return res;
    }
    if (n <= 128) {
        v8d r;
        std::memcpy(&r, a, sizeof r);
        const std::size_t end = n - (n % 8);
        std::size_t i = 8;
        for (; i < end; i += 8) {
            v8d v;
            std::memcpy(&v, a + i, sizeof v);
            r += v;
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) {
            res += a[i];
        }
        return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

/// numpy's pairwise sum of |a[i] - m|, bit for bit as pairwise_sum over the materialised
/// deviations. scratch (n values) is used only when n > 128.
inline double pairwise_abs_dev_sum(const double* a, std::size_t n, double m, double* scratch) {
    using lanes::v8d;
    using lanes::v8l;
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            res += std::fabs(a[i] - m);
        }
        return res;
    }
    if (n <= 128) {
        const v8l mask = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX,
                          INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
        const v8d mv = {m, m, m, m, m, m, m, m};
        v8d r;
        std::memcpy(&r, a, sizeof r);
        r = (v8d)((v8l)(r - mv) & mask);
        const std::size_t end = n - (n % 8);
        std::size_t i = 8;
        for (; i < end; i += 8) {
            v8d v;
            std::memcpy(&v, a + i, sizeof v);
            r += (v8d)((v8l)(v - mv) & mask);
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) {
            // scalar_load: GCC otherwise computes these deviations from one vector load, which
            // in a stream covers the values stored in the last few updates (see scalar_load).
            res += std::fabs(scalar_load(a + i) - m);
        }
        return res;
    }
    for (std::size_t i = 0; i < n; ++i) {
        scratch[i] = std::fabs(a[i] - m);
    }
    return pairwise_sum(scratch, n);
}

/// pairwise_sum(a + k, n) for the 8 consecutive windows k = 0..7, one per lane, bit for bit.
/// Requires 8 <= n <= 128 (numpy's unrolled block; no recursion). Reads a[0..n+7).
[[gnu::always_inline]] inline void pairwise_sum8(const double* a, std::size_t n, lanes::v8d& out) {
    using lanes::v8d;
    v8d r[8];
    v8d x;
    for (std::size_t l = 0; l < 8; ++l) {
        load8(r[l], a + l);
    }
    const std::size_t end = n - (n % 8);
    std::size_t i = 8;
    for (; i < end; i += 8) {
        for (std::size_t l = 0; l < 8; ++l) {
            load8(x, a + i + l);
            r[l] += x;
        }
    }
    out = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) {
        load8(x, a + i);
        out += x;
    }
}

/// pairwise_abs_dev_sum(a + k, n, m[k]) for the 8 consecutive windows k = 0..7, one per lane,
/// bit for bit. Requires 8 <= n <= 128. Reads a[0..n+7).
[[gnu::always_inline]] inline void pairwise_abs_dev_sum8(const double* a, std::size_t n,
                                                         const lanes::v8d& m, lanes::v8d& out) {
    using lanes::v8d;
    using lanes::v8l;
    const v8l mask = v8l{} + INT64_MAX;
    v8d r[8];
    v8d x;
    for (std::size_t l = 0; l < 8; ++l) {
        load8(x, a + l);
        r[l] = (v8d)((v8l)(x - m) & mask);
    }
    const std::size_t end = n - (n % 8);
    std::size_t i = 8;
    for (; i < end; i += 8) {
        for (std::size_t l = 0; l < 8; ++l) {
            load8(x, a + i + l);
            r[l] += (v8d)((v8l)(x - m) & mask);
        }
    }
    out = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) {
        load8(x, a + i);
        out += (v8d)((v8l)(x - m) & mask);
    }
}

/// Sum of a[i] * w[i] over i < n in a fixed order, with a[n-1] taken from `last` (a[n-1] is not
/// read: a stream has just stored it, and a vector load over it would stall on store
/// forwarding): lane j (0..7) accumulates the terms i = j, j+8, ... of the first 8*floor((n-1)/8)
/// terms; the remaining terms, last included, go to lanes 0, 1, ... in order; then
/// ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)). Requires n >= 1.
inline double lane_dot_last(const double* a, const double* w, std::size_t n, double last) {
    using lanes::v8d;
    v8d acc = {0, 0, 0, 0, 0, 0, 0, 0};
    const std::size_t m = n - 1;
    std::size_t i = 0;
    for (; i + 8 <= m; i += 8) {
        v8d x;
        v8d y;
        std::memcpy(&x, a + i, sizeof x);
        std::memcpy(&y, w + i, sizeof y);
        acc += x * y;
    }
    double l[8];
    std::memcpy(l, &acc, sizeof l);
    std::size_t j = 0;
    for (; i < m; ++i, ++j) {
        l[j] += scalar_load(a + i) * w[i];
    }
    l[j] += last * w[m];
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

/// out[k] = lane_dot_last(a + k, w, n, a[k + n - 1]) / divisor for the 8 consecutive windows
/// k = 0..7, one window per vector lane ("vertical": no horizontal sums), with exactly that
/// function's operation order inside each window, so the results are bit for bit the scalar
/// ones. Reads a[0..n+7).
[[gnu::always_inline]] inline void lane_dot8(const double* a, const double* w, std::size_t n,
                                             double divisor, lanes::v8d& out) {
    using lanes::v8d;
    v8d acc[8];
    for (v8d& v : acc) {
        v = v8d{} + 0.0;
    }
    const std::size_t m = n - 1;
    const std::size_t full = m - (m % 8);
    v8d x;
    for (std::size_t t = 0; t < full; t += 8) {
        for (std::size_t l = 0; l < 8; ++l) {
            load8(x, a + t + l);
            acc[l] += x * w[t + l];
        }
    }
    // The remaining terms, the last included, go to lanes 0, 1, ... in order (n - full <= 8).
    for (std::size_t l = 0; l < 8; ++l) {
        if (full + l < n) {
            load8(x, a + full + l);
            acc[l] += x * w[full + l];
        }
    }
    out = (((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))) /
          divisor;
}

}  // namespace aitp::indicators::detail
