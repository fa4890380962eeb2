// SPDX-License-Identifier: MIT
// TA-Lib flavour oscillators and trend studies: RSI, MACD, STOCH (slow K/D by SMA), WILLR, CCI
// (circular-buffer slot-order sums), ADX, ATR (Wilder), OBV and MFI, each reproducing TA-Lib
// 0.6.4's seeding, lookback, zero tests and operation order (outputs NaN before the lookback).
// Source: TA-Lib src/ta_func/ta_<NAME>.c. Streams are not thread-safe.
#pragma once

#include <cmath>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/window.hpp"
#include "indicators/talib/overlap.hpp"

namespace aitp::indicators::talib {

struct PeriodParams {
    int period = 14;
    Status validate() const;
};

class Rsi {
  public:
    explicit Rsi(const PeriodParams& p = {});
    double update(double close);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_ = 0.0;
    double gain_ = 0.0;
    double loss_ = 0.0;
    double value_ = detail::kNan;
};

struct MacdParams {
    int fast_period = 12;
    int slow_period = 26;
    int signal_period = 9;
    Status validate() const;
};
struct MacdValue {
    double macd, signal, hist;
};
class Macd {
  public:
    explicit Macd(const MacdParams& p = {});
    const MacdValue& update(double close);
    const MacdValue& value() const { return value_; }
    bool is_ready() const { return value_.signal == value_.signal; }
    void reset();

  private:
    int fast_;
    int slow_;
    int signal_;
    double k_fast_;
    double k_slow_;
    double k_signal_;
    detail::Ring fast_window_;
    long long count_ = 0;
    double slow_sum_ = 0.0;
    double fast_ema_ = 0.0;
    double slow_ema_ = 0.0;
    int signal_count_ = 0;
    double signal_sum_ = 0.0;
    double signal_ema_ = 0.0;
    MacdValue value_{detail::kNan, detail::kNan, detail::kNan};
};

struct StochParams {
    int fastk_period = 14;
    int slowk_period = 3;
    int slowd_period = 3;
    Status validate() const;
};
struct StochValue {
    double slowk, slowd;
};
class Stoch {
  public:
    explicit Stoch(const StochParams& p = {});
    const StochValue& update(double high, double low, double close);
    /// The update given the fastk window's highest high and lowest low (NaN while not full).
    const StochValue& step(double hh, double ll, double close);
    /// TA-Lib's fast %K from the window extremes (0 on a zero range).
    static double fast_k(double hh, double ll, double close);
    const StochValue& value() const { return value_; }
    bool is_ready() const { return value_.slowd == value_.slowd; }
    void reset();

  private:
    detail::RollingHighLow high_low_;
    Sma slowk_;
    Sma slowd_;
    StochValue value_{detail::kNan, detail::kNan};
};

class Willr {
  public:
    explicit Willr(const PeriodParams& p = {});
    double update(double high, double low, double close);
    /// The update given the window's highest high and lowest low (NaN while not full).
    double step(double hh, double ll, double close);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    detail::RollingHighLow high_low_;
    double value_ = detail::kNan;
};

/// TA-Lib's CCI for one bar. w: the window's typical prices oldest first (n values; w[n-1]
/// is this bar's); m: this bar's index mod n (its circular-buffer slot); prefix: the left fold
/// ((0 + tp[slot 0]) + ...) + tp[slot m] over this block's values. TA-Lib sums the circular
/// buffer in slot order, i.e. slots 0..m (the prefix) then slots m+1..n-1 (w[0..n-1-m)); this
/// reproduces that sequence of additions exactly, since the mean decides the rounding residues
/// TA-Lib's CCI shows in flat windows. The absolute deviations (all >= 0, so their order moves
/// their sum by ulps only, far inside the parity tolerance; the zero tests do not depend on it)
/// are summed oldest first into four partial sums, w[i] into sum i % 4, combined as
/// (d0 + d1) + (d2 + d3): four short chains instead of one long one, the same in the batch lanes.
/// The value is (num / dev) * (period / 0.015), TA-Lib's num / (0.015 * (dev / period)) within
/// 2 ulps with one division on the chain instead of two (the zero tests are TA-Lib's).
inline double ta_cci_value(const double* w, std::size_t n, std::size_t m, double prefix,
                           double period) {
    const std::size_t k = n - 1 - m;
    double average = prefix;
    for (std::size_t i = 0; i < k; ++i) {
        average += w[i];
    }
    average /= period;
    double d0 = 0.0;
    double d1 = 0.0;
    double d2 = 0.0;
    double d3 = 0.0;
    // The newest values (the last 8, from a multiple of 4 on) are read through scalar_load: in
    // a stream they were stored in the last few updates, and GCC otherwise reads each group of
    // 4 with one vector load, which waits for such stores to reach the cache (see scalar_load).
    const std::size_t older = n > 8 ? (n - 8) & ~std::size_t{3} : 0;
    std::size_t i = 0;
    for (; i < older; i += 4) {
        d0 += std::fabs(w[i] - average);
        d1 += std::fabs(w[i + 1] - average);
        d2 += std::fabs(w[i + 2] - average);
        d3 += std::fabs(w[i + 3] - average);
    }
    using detail::scalar_load;
    for (; i + 4 <= n; i += 4) {
        d0 += std::fabs(scalar_load(w + i) - average);
        d1 += std::fabs(scalar_load(w + i + 1) - average);
        d2 += std::fabs(scalar_load(w + i + 2) - average);
        d3 += std::fabs(scalar_load(w + i + 3) - average);
    }
    if (i < n) {
        d0 += std::fabs(scalar_load(w + i) - average);
    }
    if (i + 1 < n) {
        d1 += std::fabs(scalar_load(w + i + 1) - average);
    }
    if (i + 2 < n) {
        d2 += std::fabs(scalar_load(w + i + 2) - average);
    }
    const double dev = (d0 + d1) + (d2 + d3);
    const double num = w[n - 1] - average;
    return (num != 0.0 && dev != 0.0) ? (num / dev) * (period / 0.015) : 0.0;
}

class Cci {
  public:
    explicit Cci(const PeriodParams& p = {});
    double update(double high, double low, double close);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    detail::Window window_;
    double period_;
    std::size_t slot_ = 0;  ///< circular-buffer slot of the next value
    double prefix_ = 0.0;
    double value_ = detail::kNan;
};

class Atr {
  public:
    explicit Atr(const PeriodParams& p = {});
    double update(double high, double low, double close);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_close_ = 0.0;
    double sum_ = 0.0;
    double value_ = detail::kNan;
};

class Adx {
  public:
    explicit Adx(const PeriodParams& p = {});
    double update(double high, double low, double close);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
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

class Obv {
  public:
    Obv() = default;
    double update(double close, double volume);
    double value() const { return value_; }
    bool is_ready() const { return started_; }
    void reset();

  private:
    bool started_ = false;
    double prev_ = 0.0;
    double total_ = 0.0;
    double value_ = detail::kNan;
};

class Mfi {
  public:
    explicit Mfi(const PeriodParams& p = {});
    double update(double high, double low, double close, double volume);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    detail::Ring pos_;
    detail::Ring neg_;
    int period_;
    int count_ = 0;
    double prev_tp_ = 0.0;
    double pos_sum_ = 0.0;
    double neg_sum_ = 0.0;
    double value_ = detail::kNan;
};

inline int rsi_lookback(const PeriodParams& p) { return p.period; }
inline int macd_lookback(const MacdParams& p) {
    return (p.slow_period > p.fast_period ? p.slow_period : p.fast_period) + p.signal_period - 2;
}
inline int stoch_lookback(const StochParams& p) {
    return p.fastk_period + p.slowk_period + p.slowd_period - 3;
}
inline int willr_lookback(const PeriodParams& p) { return p.period - 1; }
inline int cci_lookback(const PeriodParams& p) { return p.period - 1; }
inline int atr_lookback(const PeriodParams& p) { return p.period; }
inline int adx_lookback(const PeriodParams& p) { return 2 * p.period - 1; }
inline int mfi_lookback(const PeriodParams& p) { return p.period; }

struct MacdOutputs {
    std::span<double> macd, signal, hist;
};
struct StochOutputs {
    std::span<double> slowk, slowd;
};

Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out);

/// TA-Lib functions whose time is a dependency chain per row (Wilder smoothing: multiply, add,
/// divide; EMA: subtract, multiply, add), to run in one pass: in one loop their chains overlap
/// instead of running one after the other. Each output is bit for bit its own function's (the
/// same stream updates). A function runs when its output span is non-empty. With ADX the loop
/// is adx()'s chunked one (DX vectorised between chunks), the others in its accumulate loop:
/// a row of five inlined updates was too deep for the scheduler to overlap rows.
struct ChainsJob {
    PeriodParams rsi, atr, adx;
    EmaParams ema;
    MacdParams macd;
    std::span<double> rsi_out, atr_out, adx_out, ema_out;
    MacdOutputs macd_out;
};
/// Requires: high, low and close finite and of one length (the set checked them); the
/// parameters are checked here.
Status chains(std::span<const double> high, std::span<const double> low,
              std::span<const double> close, const ChainsJob& job);
Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out);
Status stoch(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const StochParams& p, const StochOutputs& out);
Status willr(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const PeriodParams& p, std::span<double> out);
Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);
Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);
Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);
Status obv(std::span<const double> close, std::span<const double> volume, std::span<double> out);
Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const PeriodParams& p, std::span<double> out);

}  // namespace aitp::indicators::talib
