// SPDX-License-Identifier: MIT
// Supertrend exactly as the original computes it: raw (never finalised) bands hl2 +/- m*ATR with
// the simple-mean ATR, direction flips on a close beyond the previous row's band, and Python's
// max/min semantics with NaN (so the line is NaN until the ATR exists). Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/volatility/atr.hpp"

namespace aitp::indicators {

struct SupertrendParams {
    int period = 10;
    double multiplier = 3.0;
    Status validate() const;
};

/// Returns period - 1 (the line); the direction has no lookback.
inline int lookback(const SupertrendParams& p) { return p.period - 1; }

struct SupertrendValue {
    double line;
    double direction;  ///< +1.0 or -1.0
};

struct SupertrendOutputs {
    std::span<double> line, direction;
};

Status supertrend(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const SupertrendParams& p,
                  const SupertrendOutputs& out);

namespace detail {
/// supertrend() given the ATR series (atr may be out.line itself), for callers that computed it.
void supertrend_rows(const double* high, const double* low, const double* close,
                     const SupertrendParams& p, const double* atr, const SupertrendOutputs& out);
}  // namespace detail

class Supertrend : public detail::StreamOutput<SupertrendValue, &SupertrendValue::line> {
  public:
    explicit Supertrend(const SupertrendParams& p = {});
    const SupertrendValue& update(double high, double low, double close) {
        return step(high, low, close, atr_.update(high, low, close));
    }
    /// update() given this bar's ATR (batch kernels compute the ATR series first).
    const SupertrendValue& step(double high, double low, double close, double atr);
    void reset();

  private:
    Atr atr_;
    double multiplier_;
    bool started_ = false;
    double prev_upper_ = detail::kNan;
    double prev_lower_ = detail::kNan;
};

}  // namespace aitp::indicators
