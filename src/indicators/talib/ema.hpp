// SPDX-License-Identifier: MIT
// TA-Lib's EMA: seeded with the SMA of the first `period` values, then
// ((x - ema) * k) + ema with k = 2 / (period + 1); TA-Lib's lookback (outputs NaN before it).
// Source: TA-Lib 0.6.4 ta_EMA.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

struct EmaTag;
using EmaParams = indicators::PeriodParams<EmaTag, 20>;
inline int lookback(const EmaParams& p) { return p.period - 1; }
Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out);

// Its own value_, last (not detail::ScalarOutput/StreamOutput, whose value_ comes first), and
// update() inline: talib::chains runs this stream in its row loop, and both were measured there
// (bench/RESULTS.md, session 2026-12-07 b).
class Ema {
  public:
    explicit Ema(const EmaParams& p = {});
    double value() const { return value_; }
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
    /// Ready once seeded (the value may be NaN on NaN input).
    bool is_ready() const { return count_ >= period_; }
    void reset();

  private:
    int period_;
    double k_;
    int count_ = 0;
    double sum_ = 0.0;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators::talib
