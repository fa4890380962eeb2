// SPDX-License-Identifier: MIT
// Money Flow Index as the original computes it: positive/negative money flow by the change of
// the typical price, pandas rolling sums over `period` rows (exact 0 in windows of zeros), NaN
// when the negative-flow sum is 0. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct MfiTag;
using MfiParams = PeriodParams<MfiTag, 14>;

inline int lookback(const MfiParams& p) { return p.period - 1; }

Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const MfiParams& p, std::span<double> out);

namespace detail {
/// mfi() without its checks; with `typical` not empty, the typical prices are read from it
/// (Mfi::typical_price of every row, e.g. a set's shared column) instead of computed from
/// high/low/close. Requires: valid p, finite inputs, spans of one length.
void mfi_rows(std::span<const double> high, std::span<const double> low,
              std::span<const double> close, std::span<const double> typical,
              std::span<const double> volume, const MfiParams& p, std::span<double> out);
}  // namespace detail

class Mfi : public detail::ScalarOutput {
  public:
    explicit Mfi(const MfiParams& p = {});
    double update(double high, double low, double close, double volume) {
        const double tp = typical_price(high, low, close);
        double ps;
        double ns;
        update_sums(tp, tp * volume, ps, ns);
        value_ = finish(ps, ns);
        return value_;
    }
    [[gnu::always_inline]] static double typical_price(double high, double low, double close) {
        return (high + low + close) / 3.0;
    }
    /// The recurrences of update() given this bar's typical price and money flow: the rolling
    /// positive and negative flow sums. Batch kernels compute tp/flow and finish() as separate
    /// vectorised loops.
    [[gnu::always_inline]] void update_sums(double tp, double flow, double& ps, double& ns) {
        sum_flows(detail::select(has_prev_ & (tp > prev_tp_), flow, 0.0),
                  detail::select(has_prev_ & (tp < prev_tp_), flow, 0.0), ps, ns);
        prev_tp_ = tp;
        has_prev_ = true;
    }
    /// The rolling sums alone, given this bar's positive and negative flow (batch kernels split
    /// the flows in a vectorised loop).
    [[gnu::always_inline]] void sum_flows(double pos, double neg, double& ps, double& ns) {
        pos_.push(pos);
        neg_.push(neg);
        ps = pos_.sum();
        ns = neg_.sum();
    }
    /// MFI from the flow sums: NaN when the negative sum is 0.
    [[gnu::always_inline]] static double finish(double ps, double ns) {
        return (ns == 0.0) ? detail::kNan : 100.0 - 100.0 / (1.0 + ps / ns);
    }
    void reset();

  private:
    detail::RollingKahan pos_;
    detail::RollingKahan neg_;
    double prev_tp_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
