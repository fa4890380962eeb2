// SPDX-License-Identifier: MIT
// Bollinger Bands as the original computes them: mid = pandas rolling mean, std = pandas rolling
// std (ddof 1 by default; Welford/Kahan online update, exactly 0 in constant windows), bands
// mid +/- std_dev*std, width = (upper-lower)/mid, pct = (close-lower)/(upper-lower).
// Streaming BollingerBands is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators {

struct BollingerBandsParams {
    int period = 20;
    double std_dev = 2.0;
    /// Degrees of freedom of the std: 1 = sample (the original), 0 = population.
    int ddof = 1;
    Status validate() const;
};

inline int lookback(const BollingerBandsParams& p) { return p.period - 1; }

struct BollingerBandsValue {
    double upper, mid, lower, width, pct;
};

struct BollingerBandsOutputs {
    std::span<double> upper, mid, lower, width, pct;
};

Status bollinger_bands(std::span<const double> close, const BollingerBandsParams& p,
                       const BollingerBandsOutputs& out);

class BollingerBands {
public:
    explicit BollingerBands(const BollingerBandsParams& p = {});
    BollingerBandsValue update(double close) {
        mean_.push(close);
        var_.push(close);
        return finish(close);
    }
    /// update() for batch kernels that hold the series (see Sma::slide). Do not mix with update().
    BollingerBandsValue slide(double close, bool full, double leaving) {
        mean_.slide(close, full, leaving);
        var_.slide(close, full, leaving);
        return finish(close);
    }
    const BollingerBandsValue& value() const { return value_; }
    bool is_ready() const { return value_.mid == value_.mid; }
    void reset();

private:
    BollingerBandsValue finish(double close) {
        const double mid = mean_.mean();
        const double sd = var_.stddev();
        const double upper = mid + std_dev_ * sd;
        const double lower = mid - std_dev_ * sd;
        value_ = {upper, mid, lower, (upper - lower) / mid, (close - lower) / (upper - lower)};
        return value_;
    }

    detail::RollingKahan mean_;
    detail::RollingVar var_;
    double std_dev_;
    BollingerBandsValue value_{detail::kNan, detail::kNan, detail::kNan, detail::kNan, detail::kNan};
};

}  // namespace aitp::indicators
