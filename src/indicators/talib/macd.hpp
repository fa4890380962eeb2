// SPDX-License-Identifier: MIT
// TA-Lib's MACD: both EMAs start at index slow - 1, the fast one seeded with the SMA of the
// `fast` values ending there, the slow one with the SMA of the first `slow` values; the signal
// an EMA of the line seeded likewise. Source: TA-Lib 0.6.4 ta_MACD.c. Streams are not
// thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

struct MacdParams {
    int fast_period = 12;
    int slow_period = 26;
    int signal_period = 9;
    Status validate() const;
};
inline int macd_lookback(const MacdParams& p) {
    return (p.slow_period > p.fast_period ? p.slow_period : p.fast_period) + p.signal_period - 2;
}

struct MacdValue {
    double macd, signal, hist;
};
struct MacdOutputs {
    std::span<double> macd, signal, hist;
};
Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out);

// Its own value_, last (not detail::ScalarOutput/StreamOutput, whose value_ comes first), and
// update() inline: talib::chains runs this stream in its row loop, and both were measured there
// (bench/RESULTS.md, session 2026-12-07 b).
class Macd {
  public:
    explicit Macd(const MacdParams& p = {});
    const MacdValue& value() const { return value_; }
    bool is_ready() const { return value_.signal == value_.signal; }
    const MacdValue& update(double close);
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

inline const MacdValue& Macd::update(double close) {
    ++count_;
    fast_window_.push(close);
    if (count_ < slow_) {
        slow_sum_ += close;
        return value_ = {detail::kNan, detail::kNan, detail::kNan};
    }
    if (count_ == slow_) {
        slow_sum_ += close;
        slow_ema_ = slow_sum_ / static_cast<double>(slow_);
        double fast_sum = 0.0;
        for (std::size_t k = 0; k < fast_window_.size(); ++k) {
            fast_sum += fast_window_.at(k);
        }
        fast_ema_ = fast_sum / static_cast<double>(fast_);
    } else {
        fast_ema_ = ((close - fast_ema_) * k_fast_) + fast_ema_;
        slow_ema_ = ((close - slow_ema_) * k_slow_) + slow_ema_;
    }
    const double line = fast_ema_ - slow_ema_;
    if (signal_count_ < signal_) {
        signal_sum_ += line;
        if (++signal_count_ < signal_) {
            return value_ = {detail::kNan, detail::kNan, detail::kNan};
        }
        signal_ema_ = signal_sum_ / static_cast<double>(signal_);
    } else {
        signal_ema_ = ((line - signal_ema_) * k_signal_) + signal_ema_;
    }
    return value_ = {line, signal_ema_, line - signal_ema_};
}

}  // namespace aitp::indicators::talib
