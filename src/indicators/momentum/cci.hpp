// SPDX-License-Identifier: MIT
// Commodity Channel Index as the original computes it: (TP - rolling mean(TP)) / (0.015 * MAD),
// the mean absolute deviation taken per window with numpy's pairwise-summed mean (so a window
// of identical values gives a tiny non-zero MAD and CCI 0, not NaN). Update costs O(period/8)
// vector adds over a contiguous window (numpy's 8-lane order). The quotient is taken as
// (TP - mean) / (D * (0.015 / n)) with D the deviations' sum (MAD = D / n): within 2 ulps of
// the original's, with one division on the update's chain instead of two.
// Not thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/fixed_window.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/detail/window.hpp"

namespace aitp::indicators {

struct CciTag;
using CciParams = PeriodParams<CciTag, 20>;

inline int lookback(const CciParams& p) { return p.period - 1; }

Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const CciParams& p, std::span<double> out);

namespace detail {
/// cci() given the typical prices (h + l + c) / 3 and their rolling mean over `period` (sma(),
/// the same bits as the stream's mean): the mean-deviation windows and the quotient. Requires:
/// period >= 1, spans of one length.
void cci_from_mean(std::span<const double> tp, std::span<const double> mean, int period,
                   std::span<double> out);
}  // namespace detail

class Cci : public detail::ScalarOutput {
  public:
    explicit Cci(const CciParams& p = {});
    double update(double high, double low, double close) {
        const double tp = (high + low + close) / 3.0;
        const bool full = window_.is_full();
        const double leaving = window_.push(tp);
        if (steady_ && tp == tp && dev_sum_ != nullptr) [[likely]] {
            // Full of observations: window_value()'s operations, the window's kernel specialised.
            mean_.slide_steady(tp, leaving);
            value_ = (tp - mean_.mean_steady()) / (dev_sum_(window_.data(), tp) * mad_scale_);
            return value_;
        }
        return update_general(tp, full, leaving);
    }
    /// CCI from the window's typical prices w[0..n) (oldest first, w[n-1] = tp), this bar's
    /// rolling mean of TP and a scratch of n values (used when n > 128); batch kernels call it
    /// on their own buffer.
    static double window_value(const double* w, std::size_t n, double tp, double mean,
                               double* scratch);
    /// window_value() of the 8 consecutive windows starting at w[0..8) (each n long, reads
    /// w[0..n+7)), tp and mean per lane, bit for bit. Requires 8 <= n <= 128.
    static void window_values8(const double* w, std::size_t n, const detail::lanes::v8d& tp,
                               const detail::lanes::v8d& mean, detail::lanes::v8d& out) {
        const double dn = static_cast<double>(n);
        detail::lanes::v8d sum;
        detail::pairwise_sum8(w, n, sum);
        const detail::lanes::v8d inner_mean = sum / dn;
        detail::lanes::v8d dev;
        detail::pairwise_abs_dev_sum8(w, n, inner_mean, dev);
        out = (tp - mean) / (dev * (0.015 / dn));
    }
    void reset();

  private:
    /// update() from the typical price on: the pandas mean's general slide, window_value().
    double update_general(double tp, bool full, double leaving);

    detail::KahanWindow mean_;  ///< its leaving values come from window_
    detail::Window window_;
    std::vector<double> scratch_;
    detail::AbsDevSumLastFn dev_sum_;  ///< the period's specialised kernel (or nullptr)
    double mad_scale_;                 ///< 0.015 / period
    bool steady_ = false;              ///< mean_.steady() (then the window holds no NaN)
};

}  // namespace aitp::indicators
