// SPDX-License-Identifier: MIT
// TA-Lib's ATR: the true range from the second bar, seeded with the SMA of `period` ranges,
// then Wilder smoothing. Source: TA-Lib 0.6.4 ta_ATR.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int atr_lookback(const PeriodParams& p) { return p.period; }
Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out);

// Its own value_, last (not detail::ScalarOutput/StreamOutput, whose value_ comes first), and
// update() inline: talib::chains runs this stream in its row loop, and both were measured there
// (bench/RESULTS.md, session 2026-12-07 b).
class Atr {
  public:
    explicit Atr(const PeriodParams& p = {});
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    double update(double high, double low, double close);
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_close_ = 0.0;
    double sum_ = 0.0;
    double value_ = detail::kNan;
};

inline double Atr::update(double high, double low, double close) {
    if (count_ == 0) {
        prev_close_ = close;
        ++count_;
        return value_ = detail::kNan;
    }
    const double tr = ta_true_range(high, low, prev_close_);
    prev_close_ = close;
    const double per = static_cast<double>(period_);
    if (count_ <= period_) {
        sum_ += tr;
        if (count_++ < period_) {
            return value_ = detail::kNan;
        }
        return value_ = sum_ / per;
    }
    double v = value_ * (per - 1.0);
    v += tr;
    v /= per;
    return value_ = v;
}

}  // namespace aitp::indicators::talib
