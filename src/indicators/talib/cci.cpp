// SPDX-License-Identifier: MIT
#include "indicators/talib/cci.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

namespace {
constexpr double kNan = detail::kNan;
}  // namespace

// CCI (ta_CCI.c): typical prices in a circular buffer, summed in slot order (ta_cci_value).
Cci::Cci(const PeriodParams& p)
    : window_(valid_period(p)), period_(static_cast<double>(p.period)) {}

void Cci::reset() {
    window_.clear();
    slot_ = 0;
    prefix_ = 0.0;
    value_ = detail::kNan;
}
double Cci::update(double high, double low, double close) {
    const double tp = (high + low + close) / 3;
    window_.push(tp);
    const std::size_t m = slot_;
    prefix_ = (m == 0 ? 0.0 : prefix_) + tp;
    if (++slot_ == window_.size()) {
        slot_ = 0;
    }
    if (!window_.is_full()) {
        return value_ = detail::kNan;
    }
    return value_ = ta_cci_value(window_.data(), window_.size(), m, prefix_, period_);
}

namespace {

// ta_cci_value for one bar from its window alone (the prefix folded here).
double ta_cci_scalar(const double* w, std::size_t n, std::size_t m, double period) {
    double prefix = 0.0;
    for (std::size_t i = n - 1 - m; i < n; ++i) {
        prefix += w[i];
    }
    return ta_cci_value(w, n, m, prefix, period);
}

// ta_cci_value for the 8 bars b0..b0+7 at once, one bar per lane; every lane performs exactly
// the scalar sequence of operations. x(r) = x0[r - r0] is the typical price of bar r. A lane's
// slot-order sequence is tp[B + t] for t <= m and tp[B + t - n] after, with B its block start
// (a multiple of n) and m = bar - B; in 8 consecutive bars B takes at most two values, B0 and
// B0 + n (when n >= 8), so each step needs three candidate values and two selects. Requires
// 8 <= n <= kCciMaxN.
constexpr std::size_t kCciMaxN = 128;
// kGroups groups of 8 bars (b0, b0 + 8, ...) at once: each lane's sums are sequential chains
// (TA-Lib's order), so independent groups in one loop let those chains overlap.
template <std::size_t kGroups>
void ta_cci_lanes(const double* x0, std::size_t r0, std::size_t r_end, std::size_t b0,
                  std::size_t n, double period, double* out) {
    using detail::lanes::v8d;
    using detail::lanes::v8l;
    // Candidates no lane selects may fall outside [r0, r_end), up to n rows either side: the
    // caller's buffer has that much padding, so they are read (and discarded) unclamped.
    (void)r_end;
    const auto at = [&](std::ptrdiff_t r) { return x0[r - static_cast<std::ptrdiff_t>(r0)]; };
    std::size_t base[kGroups];
    v8l m[kGroups];
    v8l hi[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        // One integer division per group: lane j's slot is (b % n) + j, wrapped into the next
        // block (n >= 8, so at most once).
        const std::size_t b = b0 + 8 * g;
        const std::size_t m0 = b % n;
        base[g] = b - m0;
        for (int j = 0; j < 8; ++j) {
            const std::size_t slot = m0 + static_cast<std::size_t>(j);
            const bool wraps = slot >= n;
            m[g][j] = static_cast<std::int64_t>(wraps ? slot - n : slot);
            hi[g][j] = wraps ? -1 : 0;
        }
    }
    v8d avg[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        avg[g] = v8d{} + 0.0;
    }
    const std::ptrdiff_t sn = static_cast<std::ptrdiff_t>(n);
    for (std::size_t t = 0; t < n; ++t) {
        const v8l tv = v8l{} + static_cast<std::int64_t>(t);
        for (std::size_t g = 0; g < kGroups; ++g) {
            const std::ptrdiff_t r = static_cast<std::ptrdiff_t>(base[g] + t);
            const v8d lo = v8d{} + at(r - sn);
            const v8d mid = v8d{} + at(r);
            const v8d up = v8d{} + at(r + sn);
            const v8l in_block = tv <= m[g];
            const v8d v = hi[g] != 0 ? (in_block != 0 ? up : mid) : (in_block != 0 ? mid : lo);
            avg[g] += v;
        }
    }
    const v8d per = v8d{} + period;
    const v8l abs_mask = v8l{} + INT64_MAX;
    v8d dev[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        avg[g] /= per;
        // ta_cci_value's deviation order: the window oldest first, w[i] into partial sum i % 4.
        // Lane j's window starts at bar b0 + 8g + j + 1 - n: contiguous loads.
        const double* w0 = x0 + (b0 + 8 * g + 1 - n - r0);
        v8d d[4];
        for (v8d& v : d) {
            v = v8d{} + 0.0;
        }
        v8d v;
        std::size_t i = 0;
        for (; i + 4 <= n; i += 4) {
            for (std::size_t q = 0; q < 4; ++q) {
                std::memcpy(&v, w0 + i + q, sizeof v);
                d[q] += (v8d)((v8l)(v - avg[g]) & abs_mask);
            }
        }
        for (std::size_t q = 0; i < n; ++i, ++q) {
            std::memcpy(&v, w0 + i, sizeof v);
            d[q] += (v8d)((v8l)(v - avg[g]) & abs_mask);
        }
        dev[g] = (d[0] + d[1]) + (d[2] + d[3]);
    }
    const v8d zero = v8d{} + 0.0;
    for (std::size_t g = 0; g < kGroups; ++g) {
        v8d tp;
        std::memcpy(&tp, &x0[b0 + 8 * g - r0], sizeof tp);
        const v8d num = tp - avg[g];
        const v8d q = (num / dev[g]) * (per / 0.015);
        const v8d res = (num != 0.0 && dev[g] != 0.0) != 0 ? q : zero;
        std::memcpy(out + 8 * g, &res, sizeof res);
    }
}

}  // namespace

Status cci_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    // Typical prices go to a chunk buffer that keeps the n-1 previous ones in front, so each
    // bar's window is contiguous; bars are computed 8 at a time in lanes (ta_cci_lanes) or one
    // by one, both with the stream's sequence of operations (ta_cci_value).
    const std::size_t n = static_cast<std::size_t>(p.period);
    const double period = static_cast<double>(p.period);
    constexpr std::size_t kChunk = 1024;
    // n - 1 previous typical prices, the chunk, and padding of n in front and 2n behind for the
    // candidates ta_cci_lanes reads but never selects.
    std::vector<double> store(n + (n - 1 + kChunk) + 2 * n);
    const std::span<double> buf(store.data() + n, n - 1 + kChunk);
    const std::size_t size = close.size();
    std::fill_n(out.begin(), std::min(size, n - 1), kNan);
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (c > 0) {
            std::copy(buf.end() - static_cast<std::ptrdiff_t>(n - 1), buf.end(), buf.begin());
        }
        for (std::size_t j = 0; j < len; ++j) {
            const std::size_t i = c + j;
            buf[n - 1 + j] = (high[i] + low[i] + close[i]) / 3;
        }
        // buf[k] holds the typical price of bar c - (n - 1) + k (k >= n - 1 - c when c < n - 1).
        const std::size_t first = std::max(c, n - 1);
        const std::size_t r0 = c + 1 >= n ? c + 1 - n : 0;  // oldest bar held
        const double* x0 = buf.data() + (r0 + n - 1 - c);
        std::size_t i = first;
        if (n >= 8 && n <= kCciMaxN) {
            for (; i + 32 <= c + len; i += 32) {
                ta_cci_lanes<4>(x0, r0, c + len, i, n, period, &out[i]);
            }
            for (; i + 8 <= c + len; i += 8) {
                ta_cci_lanes<1>(x0, r0, c + len, i, n, period, &out[i]);
            }
        }
        for (; i < c + len; ++i) {
            out[i] = ta_cci_scalar(&buf[i - c], n, i % n, period);
        }
    }
    return ok_status();
}

Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked_hlc<&cci_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators::talib
