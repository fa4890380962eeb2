// SPDX-License-Identifier: MIT
// TA-Lib's ADX: the sums of the first period - 1 directional movements and true ranges, then
// Wilder smoothing; DX from the DIs, and the first ADX the mean of `period` DX values.
// Source: TA-Lib 0.6.4 ta_ADX.c. Streams are not thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int adx_lookback(const PeriodParams& p) { return 2 * p.period - 1; }
Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);

// Its own value_, last (not detail::ScalarOutput/StreamOutput, whose value_ comes first), and
// the parts of update() inline: talib::chains runs this stream in its row loop, and both were
// measured there (bench/RESULTS.md, session 2026-12-07 b).
class Adx {
  public:
    explicit Adx(const PeriodParams& p = {});
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    double update(double high, double low, double close);
    void reset();

    /// The Wilder sums of update(): false before the DX stage; then true with the smoothed -DM,
    /// +DM and true range. update() = smooth(dx_of(accumulate(...))) (batch kernels run dx_of
    /// as a vectorised loop).
    bool accumulate(double high, double low, double close, double& minus_dm, double& plus_dm,
                    double& tr_sum);
    /// DX from the sums; NaN where TA-Lib skips the bar (true range or DI sum zero).
    static double dx_of(double minus_dm, double plus_dm, double tr);
    /// The DX seeding and smoothing after this bar's DX.
    double smooth(double dx);

  private:
    void directional_step(double high, double low, double& diff_p, double& diff_m);
    int period_;
    double dp_;
    long long count_ = 0;
    double prev_high_ = 0.0;
    double prev_low_ = 0.0;
    double prev_close_ = 0.0;
    double plus_dm_ = 0.0;
    double minus_dm_ = 0.0;
    double tr_ = 0.0;
    double sum_dx_ = 0.0;
    long long dx_count_ = 0;  ///< DX bars so far (TA-Lib's count minus period)
    double value_ = detail::kNan;
};

inline void Adx::directional_step(double high, double low, double& diff_p, double& diff_m) {
    diff_p = high - prev_high_;
    prev_high_ = high;
    diff_m = prev_low_ - low;
    prev_low_ = low;
}
[[gnu::always_inline]] inline bool Adx::accumulate(double high, double low, double close,
                                                   double& minus_dm, double& plus_dm,
                                                   double& tr_sum) {
    if (count_ == 0) {
        prev_high_ = high;
        prev_low_ = low;
        prev_close_ = close;
        ++count_;
        return false;
    }
    double diff_p = 0.0;
    double diff_m = 0.0;
    directional_step(high, low, diff_p, diff_m);
    const long long p = period_;
    if (count_ >= p) {
        minus_dm_ -= minus_dm_ / dp_;
        plus_dm_ -= plus_dm_ / dp_;
    }
    // Branch-free form of TA-Lib's if / else-if (adding 0.0 leaves the non-negative sums
    // unchanged).
    const bool take_minus = (diff_m > 0) & (diff_p < diff_m);
    const bool take_plus = (!take_minus) & (diff_p > 0) & (diff_p > diff_m);
    minus_dm_ += detail::select(take_minus, diff_m, 0.0);
    plus_dm_ += detail::select(take_plus, diff_p, 0.0);
    const double tr = ta_true_range(prev_high_, prev_low_, prev_close_);
    prev_close_ = close;
    if (count_ < p) {
        tr_ += tr;
        ++count_;
        return false;
    }
    // count_ stays at p from here; smooth() counts the DX bars itself, so a batch may run
    // accumulate() ahead of smooth().
    tr_ = tr_ - (tr_ / dp_) + tr;
    minus_dm = minus_dm_;
    plus_dm = plus_dm_;
    tr_sum = tr_;
    return true;
}
[[gnu::always_inline]] inline double Adx::dx_of(double minus_dm, double plus_dm, double tr) {
    // Every quotient is evaluated and the zero tests select (no branches, so loops vectorise).
    const double minus_di = 100.0 * (minus_dm / tr);
    const double plus_di = 100.0 * (plus_dm / tr);
    const double sum_di = minus_di + plus_di;
    const double dx = 100.0 * (std::fabs(minus_di - plus_di) / sum_di);
    return (ta_is_zero(tr) || ta_is_zero(sum_di)) ? detail::kNan : dx;
}
[[gnu::always_inline]] inline double Adx::smooth(double dx) {
    const long long p = period_;
    const bool seeding = dx_count_ < p;  // TA-Lib: bar count < 2 * period
    ++dx_count_;
    if (dx == dx) {  // NaN: TA-Lib skips the bar (zero true range or DI sum)
        if (seeding) {
            sum_dx_ += dx;
        } else {
            value_ = ((value_ * (dp_ - 1)) + dx) / dp_;
        }
    }
    if (seeding) {
        if (dx_count_ < p) {
            return value_ = detail::kNan;
        }
        value_ = sum_dx_ / dp_;
    }
    return value_;
}

// ADX over rows [0, size) with `each_row(i)` run in the loop that accumulates row i: chunk k's
// Wilder sums run in the same loop as chunk k-1's DX smoothing (their division chains overlap),
// with DX (three divisions per row) vectorised in between; update()'s operations, as
// accumulate() never depends on smooth(). `s` is taken by value: a copy whose address never
// escapes, so its state stays in registers. each_row lets other recurrences share the loop.
// Internal to the module: adx() and chains() run it.
template <class EachRow>
[[gnu::always_inline]] inline void adx_rows(Adx s, const double* high, const double* low,
                                            const double* close, std::size_t size, double* out,
                                            EachRow&& each_row) {
    constexpr std::size_t kChunk = 512;
    double minus_dm[kChunk];
    double plus_dm[kChunk];
    double tr[kChunk];
    double dx[kChunk];
    bool live[kChunk];
    bool live_prev[kChunk];
    std::size_t prev_len = 0;
    for (std::size_t c = 0; c < size + kChunk; c += kChunk) {
        const std::size_t len = c < size ? std::min(kChunk, size - c) : 0;
        const std::size_t both = std::min(len, prev_len);
        std::size_t j = 0;
        for (; j < both; ++j) {
            each_row(c + j);
            live[j] =
                s.accumulate(high[c + j], low[c + j], close[c + j], minus_dm[j], plus_dm[j], tr[j]);
            out[c - kChunk + j] = live_prev[j] ? s.smooth(dx[j]) : detail::kNan;
        }
        for (std::size_t k = j; k < len; ++k) {
            each_row(c + k);
            live[k] =
                s.accumulate(high[c + k], low[c + k], close[c + k], minus_dm[k], plus_dm[k], tr[k]);
        }
        for (std::size_t k = j; k < prev_len; ++k) {
            out[c - kChunk + k] = live_prev[k] ? s.smooth(dx[k]) : detail::kNan;
        }
        for (std::size_t k = 0; k < len; ++k) {
            dx[k] = Adx::dx_of(minus_dm[k], plus_dm[k], tr[k]);
            live_prev[k] = live[k];
        }
        prev_len = len;
    }
}

}  // namespace aitp::indicators::talib
