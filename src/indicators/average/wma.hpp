// SPDX-License-Identifier: MIT
// Linearly weighted moving average (weights 1..period, newest heaviest, divided by the weight
// sum), as the original's rolling(period).apply(dot) computes it: NaN while the window holds
// fewer than `period` non-NaN values. Streaming Wma costs O(period) per update; not thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct WmaParams {
    int period = 20;
    Status validate() const;
};

inline int lookback(const WmaParams& p) { return p.period - 1; }

Status wma(std::span<const double> in, const WmaParams& p, std::span<double> out);

class Wma {
public:
    explicit Wma(const WmaParams& p = {});
    double update(double x);
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    detail::Ring ring_;
    std::vector<double> scratch_;
    std::size_t nan_count_ = 0;
    double weight_sum_;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
