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

class Macd : public detail::StreamOutput<MacdValue, &MacdValue::signal> {
  public:
    explicit Macd(const MacdParams& p = {});
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
};

}  // namespace aitp::indicators::talib
