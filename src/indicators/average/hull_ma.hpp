// SPDX-License-Identifier: MIT
// Hull moving average as the original computes it: WMA over int(sqrt(period)) bars of
// 2*WMA(period/2) - WMA(period). Streaming HullMa is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/average/wma.hpp"

namespace aitp::indicators {

struct HullMaParams {
    int period = 20;
    /// Requires period >= 2 (period/2 must be a valid WMA period).
    Status validate() const;
};

/// Returns period - 1 + int(sqrt(period)) - 1.
int lookback(const HullMaParams& p);

Status hull_ma(std::span<const double> in, const HullMaParams& p, std::span<double> out);

namespace detail {
/// hull_ma() without its checks, also writing the full-period WMA it computes on the way into
/// `full_wma` when that is not empty (wma() with period p.period, the same bits). Requires: valid
/// p, finite input, outputs of the input length.
void hull_ma_rows(std::span<const double> in, const HullMaParams& p, std::span<double> out,
                  std::span<double> full_wma);
}  // namespace detail

class HullMa {
public:
    explicit HullMa(const HullMaParams& p = {});
    double update(double x) {
        const double half = half_.update(x);
        const double full = full_.update(x);
        value_ = outer_.update(combine(half, full));
        return value_;
    }
    /// The series the outer WMA smooths.
    static double combine(double half, double full) { return 2.0 * half - full; }
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }
    void reset();

private:
    Wma half_;
    Wma full_;
    Wma outer_;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
