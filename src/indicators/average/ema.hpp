// SPDX-License-Identifier: MIT
// Exponential moving average as pandas ewm(span=period, adjust=False).mean(): seeded with the
// first value, no NaN warm-up. Batch kernel plus streaming Ema (not thread-safe).
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct EmaTag;
using EmaParams = PeriodParams<EmaTag, 20>;

/// Returns 0: the first output is the first input.
inline int lookback(const EmaParams&) { return 0; }

Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out);

class Ema : public detail::ScalarOutput {
  public:
    explicit Ema(const EmaParams& p = {});
    double update(double x) {
        value_ = ewm_.update(x);
        return value_;
    }
    void reset();

  private:
    detail::Ewm ewm_;
};

}  // namespace aitp::indicators
