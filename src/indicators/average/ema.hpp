// SPDX-License-Identifier: MIT
// Exponential moving average as pandas ewm(span=period, adjust=False).mean(): seeded with the
// first value, no NaN warm-up. Batch kernel plus streaming Ema (not thread-safe).
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct EmaParams {
    int period = 20;
    Status validate() const;
};

/// Returns 0: the first output is the first input.
inline int lookback(const EmaParams&) { return 0; }

Status ema(std::span<const double> in, const EmaParams& p, std::span<double> out);

class Ema {
  public:
    explicit Ema(const EmaParams& p = {});
    double update(double x) {
        value_ = ewm_.update(x);
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

  private:
    detail::Ewm ewm_;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
