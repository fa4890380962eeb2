// SPDX-License-Identifier: MIT
// Hull moving average as the original computes it: WMA over int(sqrt(period)) bars of
// 2*WMA(period/2) - WMA(period). Streaming HullMa is not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/average/wma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

/// Requires period >= 2 (period/2 must be a valid WMA period).
struct HullMaTag;
using HullMaParams = PeriodParams<HullMaTag, 20, 2>;

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

class HullMa : public detail::ScalarOutput {
  public:
    explicit HullMa(const HullMaParams& p = {});
    double update(double x) {
        // The half and full WMAs read one window of the inputs (the half one its newest
        // period/2 values); each is NaN while its span holds a NaN or is not yet full.
        window_.push(x);
        ++pushed_;
        last_nan_ = x != x ? pushed_ : last_nan_;
        const std::size_t clean = pushed_ - last_nan_;  // trailing values without a NaN
        const std::size_t n = window_.size();
        const double* w = window_.data();
        double half;
        double full;
        if (clean >= n && dots_ != nullptr) [[likely]] {
            // Both dot products in one call: Wma::stream_value's operations.
            const detail::HullDots d = dots_(w, full_.weights(), x);
            half = d.half / half_.weight_sum();
            full = d.full / full_.weight_sum();
        } else {
            half = clean >= half_n_ ? half_.stream_value(w + (n - half_n_), x) : detail::kNan;
            full = clean >= n ? full_.stream_value(w, x) : detail::kNan;
        }
        value_ = outer_.update(combine(half, full));
        return value_;
    }
    /// The series the outer WMA smooths.
    static double combine(double half, double full) { return 2.0 * half - full; }
    void reset();

  private:
    detail::Window window_;  ///< the last `period` inputs
    std::size_t half_n_;
    std::size_t pushed_ = 0;    ///< inputs since reset
    std::size_t last_nan_ = 0;  ///< pushed_ when the last NaN came (0: none)
    Wma half_;                  ///< weights and kernel only (its window is not used)
    Wma full_;                  ///< weights and kernel only
    Wma outer_;
    detail::HullDotsFn dots_;  ///< both dot products for the period (nullptr above 64)
};

}  // namespace aitp::indicators
