// SPDX-License-Identifier: MIT
// Simple and log returns of a series as the original's add_all_indicators computes them:
// x / prev - 1 (pandas pct_change) and ln(x / prev) (detail::ln, within 1 ulp of numpy's log);
// NaN on the first row. Not thread-safe.
#pragma once

#include <cmath>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/log.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct ReturnsParams {
    /// true: ln(x / prev); false: x / prev - 1.
    bool log = false;
    Status validate() const { return ok_status(); }
};

inline int lookback(const ReturnsParams&) { return 1; }

Status returns(std::span<const double> in, const ReturnsParams& p, std::span<double> out);

namespace detail {
/// returns() without its checks, for the simple returns into `simple` and the log returns into
/// `log` in one pass (either may be empty). Requires: finite input, outputs of its length.
void returns_rows(std::span<const double> in, std::span<double> simple, std::span<double> log);
}  // namespace detail

class Returns : public detail::ScalarOutput {
  public:
    explicit Returns(const ReturnsParams& p = {}) : log_(p.log) {}
    double update(double x) {
        if (has_prev_) {
            value_ = log_ ? detail::ln(x / prev_) : x / prev_ - 1.0;
        }
        prev_ = x;
        has_prev_ = true;
        return value_;
    }
    void reset() {
        has_prev_ = false;
        value_ = detail::kNan;
    }

  private:
    bool log_;
    double prev_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
