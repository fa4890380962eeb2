// SPDX-License-Identifier: MIT
// ADX as the original computes it: +DM/-DM with the asymmetric tie rule (-DM compared with the
// already-filtered +DM), pandas Wilder smoothing (ewm alpha 1/period, min_periods period) of
// +DM, -DM and true range, DX, then the same smoothing of DX. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct AdxTag;
using AdxParams = PeriodParams<AdxTag, 14>;

/// Returns 2 * (period - 1).
inline int lookback(const AdxParams& p) { return 2 * (p.period - 1); }

Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const AdxParams& p, std::span<double> out);

class Adx : public detail::ScalarOutput {
  public:
    explicit Adx(const AdxParams& p = {});
    double update(double high, double low, double close) {
        double atr;
        double plus;
        double minus;
        update_averages(high, low, close, atr, plus, minus);
        value_ = smooth_dx(dx(atr, plus, minus));
        return value_;
    }
    /// The first recurrences of update(): the smoothed true range, +DM and -DM after this bar.
    /// update() = smooth_dx(dx(update_averages(...))); batch kernels run dx() as a separate
    /// vectorised loop.
    [[gnu::always_inline]] void update_averages(double high, double low, double close, double& atr,
                                                double& plus, double& minus) {
        double plus_dm;
        double minus_dm;
        double tr;
        movement(high, low, prev_high_, prev_low_, prev_close_, has_prev_, plus_dm, minus_dm, tr);
        prev_high_ = high;
        prev_low_ = low;
        prev_close_ = close;
        has_prev_ = true;
        average(plus_dm, minus_dm, tr, atr, plus, minus);
    }
    /// This bar's +DM, -DM (the original's tie rule) and true range from the previous bar.
    [[gnu::always_inline]] static void movement(double high, double low, double prev_high,
                                                double prev_low, double prev_close, bool has_prev,
                                                double& plus_dm, double& minus_dm, double& tr) {
        const double up = has_prev ? high - prev_high : 0.0;
        const double down = has_prev ? prev_low - low : 0.0;
        // Non-short-circuit ands, so loops over this compile to selects, not branches.
        plus_dm = detail::select((up > down) & (up > 0.0), up, 0.0);
        minus_dm = detail::select((down > plus_dm) & (down > 0.0), down, 0.0);
        tr = detail::true_range(high, low, prev_close, has_prev);
    }
    /// The first smoothing recurrences alone (batch kernels compute movement() as a vectorised
    /// loop).
    [[gnu::always_inline]] void average(double plus_dm, double minus_dm, double tr, double& atr,
                                        double& plus, double& minus) {
        atr = tr_.update(tr);
        plus = plus_.update(plus_dm);
        minus = minus_.update(minus_dm);
    }
    /// DX from the smoothed true range, +DM and -DM (NaN where +DI + -DI = 0).
    [[gnu::always_inline]] static double dx(double atr, double plus, double minus) {
        const double plus_di = 100.0 * plus / atr;
        const double minus_di = 100.0 * minus / atr;
        return 100.0 * std::fabs(plus_di - minus_di) / (plus_di + minus_di);
    }
    /// The last recurrence: ADX = Wilder smoothing of DX.
    [[gnu::always_inline]] double smooth_dx(double dx) { return dx_.update(dx); }
    void reset();

  private:
    detail::Ewm tr_;
    detail::Ewm plus_;
    detail::Ewm minus_;
    detail::Ewm dx_;
    double prev_high_ = 0.0;
    double prev_low_ = 0.0;
    double prev_close_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
