// SPDX-License-Identifier: MIT
// TA-Lib's RSI (default compatibility): the sums of the first `period` changes, then Wilder
// smoothing; 0 where gain + loss is within TA-Lib's zero band. Source: TA-Lib 0.6.4 ta_RSI.c.
// Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

inline int rsi_lookback(const PeriodParams& p) { return p.period; }
Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out);

// Its own value_, last (not detail::ScalarOutput/StreamOutput, whose value_ comes first), and
// update() inline: talib::chains runs this stream in its row loop, and both were measured there
// (bench/RESULTS.md, session 2026-12-07 b).
class Rsi {
  public:
    explicit Rsi(const PeriodParams& p = {});
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    double update(double close);
    void reset();

  private:
    int period_;
    int count_ = 0;
    double prev_ = 0.0;
    double gain_ = 0.0;
    double loss_ = 0.0;
    double value_ = detail::kNan;
};

inline double Rsi::update(double close) {
    const double per = static_cast<double>(period_);
    if (count_ == 0) {
        prev_ = close;
        ++count_;
        return value_ = detail::kNan;
    }
    const double diff = close - prev_;
    prev_ = close;
    // Branch-free form of TA-Lib's `if (diff < 0) loss -= diff; else gain += diff;` (the
    // sign of a random walk's change is unpredictable); adding or subtracting 0.0 leaves the
    // non-negative sums unchanged.
    const double down = detail::select(diff < 0, diff, 0.0);
    const double up = detail::select(diff < 0, 0.0, diff);
    if (count_ <= period_) {
        loss_ -= down;
        gain_ += up;
        if (count_++ < period_) {
            return value_ = detail::kNan;
        }
        loss_ /= per;
        gain_ /= per;
    } else {
        loss_ *= per - 1.0;
        gain_ *= per - 1.0;
        loss_ -= down;
        gain_ += up;
        loss_ /= per;
        gain_ /= per;
    }
    const double total = gain_ + loss_;
    value_ = ta_is_zero(total) ? 0.0 : 100.0 * (gain_ / total);
    return value_;
}

}  // namespace aitp::indicators::talib
