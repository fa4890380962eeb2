// SPDX-License-Identifier: MIT
// On-balance volume as the original computes it: running total of volume signed by the close
// change (0 on ties), the first row contributing 0. Streaming Obv is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct ObvParams {
    Status validate() const { return ok_status(); }
};

inline int lookback(const ObvParams&) { return 0; }

Status obv(std::span<const double> close, std::span<const double> volume, const ObvParams& p,
           std::span<double> out);

class Obv {
public:
    explicit Obv(const ObvParams& = {}) {}
    double update(double close, double volume) {
        if (has_prev_) {
            total_ = close > prev_ ? total_ + volume : (close < prev_ ? total_ - volume : total_);
        }
        prev_ = close;
        has_prev_ = true;
        value_ = total_;
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return has_prev_; }
    void reset() {
        has_prev_ = false;
        total_ = 0.0;
        value_ = detail::kNan;
    }

private:
    double prev_ = 0.0;
    double total_ = 0.0;
    bool has_prev_ = false;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
