// SPDX-License-Identifier: MIT
// TA-Lib flavour overlap studies: SMA (running sum), EMA (seeded with the SMA of the first
// `period` values, k = 2/(period+1)) and BBANDS (SMA mid, population std from the running sum of
// squares), with TA-Lib's operation order and lookback (outputs NaN before it).
// Source: TA-Lib 0.6.4 ta_SMA.c, ta_EMA.c, ta_BBANDS.c, ta_STDDEV.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

struct SmaParams {
    int period = 20;
    Status validate() const;
};
inline int lookback(const SmaParams& p) { return p.period - 1; }
Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out);

class Sma {
  public:
    explicit Sma(const SmaParams& p = {});
    double update(double x) {
        total_ += x;
        ring_.push(x);
        if (!ring_.is_full()) {
            value_ = detail::kNan;
            return value_;
        }
        const double sum = total_;
        total_ -= ring_.oldest();
        value_ = sum / period_;
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    detail::Ring ring_;
    double period_;
    double total_ = 0.0;
    double value_ = detail::kNan;
};

struct EmaParams {
    int period = 20;
    Status validate() const;
};
inline int lookback(const EmaParams& p) { return p.period - 1; }
Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out);

class Ema {
  public:
    explicit Ema(const EmaParams& p = {});
    double update(double x) {
        if (count_ < period_) {
            sum_ += x;
            if (++count_ < period_) {
                value_ = detail::kNan;
                return value_;
            }
            value_ = sum_ / static_cast<double>(period_);
            return value_;
        }
        value_ = ((x - value_) * k_) + value_;
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return count_ >= period_; }
    void reset();

  private:
    int period_;
    double k_;
    int count_ = 0;
    double sum_ = 0.0;
    double value_ = detail::kNan;
};

struct BbandsParams {
    int period = 20;
    double dev_up = 2.0;
    double dev_down = 2.0;
    Status validate() const;
};
inline int lookback(const BbandsParams& p) { return p.period - 1; }

struct BbandsValue {
    double upper, middle, lower;
};
struct BbandsOutputs {
    std::span<double> upper, middle, lower;
};
Status bbands(std::span<const double> close, const BbandsParams& p, const BbandsOutputs& out);

class Bbands {
  public:
    explicit Bbands(const BbandsParams& p = {});
    const BbandsValue& update(double x);
    /// The bands from the window's sum and sum of squares (TA-Lib's running totals before the
    /// oldest value leaves); batch kernels run this as an element-wise loop.
    static BbandsValue bands(double sum, double sum2, double period, double dev_up,
                             double dev_down);
    /// The same given the mid (sum / period) already computed.
    static BbandsValue bands_from_mid(double mid, double sum2, double period, double dev_up,
                                      double dev_down);
    const BbandsValue& value() const { return value_; }
    bool is_ready() const { return value_.middle == value_.middle; }
    void reset();

  private:
    Sma sma_;
    detail::Ring ring_;
    double period_;
    double dev_up_;
    double dev_down_;
    double total2_ = 0.0;
    BbandsValue value_{detail::kNan, detail::kNan, detail::kNan};
};

}  // namespace aitp::indicators::talib
