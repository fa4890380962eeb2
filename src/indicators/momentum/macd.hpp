// SPDX-License-Identifier: MIT
// MACD as the original computes it: EMA(fast) - EMA(slow) with pandas ewm(span, adjust=False)
// EMAs, its EMA(signal), and the histogram. No warm-up NaN. Streaming Macd is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/average/ema.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct MacdParams {
    int fast_period = 12;
    int slow_period = 26;
    int signal_period = 9;
    Status validate() const;
};

inline int lookback(const MacdParams&) { return 0; }

struct MacdValue {
    double macd;
    double signal;
    double hist;
};

struct MacdOutputs {
    std::span<double> macd, signal, hist;
};

Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out);

namespace detail {
/// macd() given the fast and slow EMA series of the close (Macd::update's operations), for
/// callers that computed them.
void macd_rows(const double* fast, const double* slow, int signal_period, const MacdOutputs& out);
}  // namespace detail

class Macd : public detail::StreamOutput<MacdValue, &MacdValue::hist> {
  public:
    explicit Macd(const MacdParams& p = {});
    const MacdValue& update(double close) {
        const double line = fast_.update(close) - slow_.update(close);
        const double sig = signal_.update(line);
        value_ = {line, sig, line - sig};
        return value_;
    }
    void reset();

  private:
    Ema fast_;
    Ema slow_;
    Ema signal_;
};

}  // namespace aitp::indicators
