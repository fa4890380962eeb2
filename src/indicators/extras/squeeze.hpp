// SPDX-License-Identifier: MIT
// Squeeze Momentum (LazyBear): Bollinger Bands (SMA, population std) inside/outside Keltner
// Channels (SMA +/- mult * SMA of true range) give the state (1 on, -1 off, 0 neither); momentum
// is the least-squares line value at the last point over `period` values of
// close - ((HH + LL)/2 + SMA(close))/2. Every rolling statistic is O(1) per bar from rolling
// sums refreshed from the window every period (detail/linreg.hpp: the close's mean and std from
// deviations from a shift, the true range's mean, the regression's S and T), within a few ulps
// of the exact values at the sums' scale, where the reference's pandas/numpy code is within a
// few too (parity within 1 % of the tolerance). Windows must be full of finite values (pandas'
// min_periods = window), and a window of equal closes gives that close and std 0 exactly
// (pandas' rule). The batch kernel rejects non-finite inputs; the stream restarts on a bar it
// cannot use (a NaN or infinite high, low or close, a true range or delta that overflows): NaN
// there, then exactly a stream started at the next bar. Once every window is full (bar 2n - 1)
// the stream takes a steady path whose refreshes come from the ring's position, on the batch's
// schedule. Not thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/detail/linreg.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"
#include "indicators/detail/window.hpp"

namespace aitp::indicators {

struct SqueezeParams {
    int period = 20;
    double bb_mult = 2.0;
    double kc_mult = 1.5;
    Status validate() const;
};

/// Returns the lookback of the momentum: 2 * (period - 1).
inline int lookback(const SqueezeParams& p) { return 2 * (p.period - 1); }

struct SqueezeValue {
    double momentum;
    double state;
};

struct SqueezeOutputs {
    std::span<double> momentum, state;
};

Status squeeze(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, const SqueezeParams& p, const SqueezeOutputs& out);

class Squeeze : public detail::StreamOutput<SqueezeValue, &SqueezeValue::momentum> {
  public:
    explicit Squeeze(const SqueezeParams& p = {});
    const SqueezeValue& update(double high, double low, double close);
    void reset();

    /// The squeeze state from the close's mean and population std and the true range's mean
    /// (NaN while any is NaN). kNumeric: the state from the comparisons as numbers (for the
    /// batch's element-wise loop, where branches on them mispredict); otherwise selects GCC
    /// turns into branches, which a stream predicts (the state comes in runs), taking the
    /// comparisons off the update's critical path; the NaN test comes last, after the usual
    /// state. Both give the same values.
    template <bool kNumeric = false>
    [[gnu::always_inline]] static double state_of(double mid, double sd, double range,
                                                  double bb_mult, double kc_mult) {
        const double upper_bb = mid + bb_mult * sd;
        const double lower_bb = mid - bb_mult * sd;
        const double upper_kc = mid + kc_mult * range;
        const double lower_kc = mid - kc_mult * range;
        const bool on = (lower_bb > lower_kc) & (upper_bb < upper_kc);
        const bool off = (lower_bb < lower_kc) & (upper_bb > upper_kc);
        double state;
        if constexpr (kNumeric) {
            state = static_cast<double>(static_cast<int>(on) - static_cast<int>(off));
        } else {
            state = on ? 1.0 : (off ? -1.0 : 0.0);
        }
        // One test for the usual case (a NaN among them makes the sum NaN; a NaN sum without
        // one, from infinities, takes the full test).
        const double probe = mid + sd + range;
        if (probe != probe && !(mid == mid && sd == sd && range == range)) [[unlikely]] {
            return detail::kNan;
        }
        return state;
    }
    double bb_mult() const { return bb_mult_; }
    double kc_mult() const { return kc_mult_; }

  private:
    /// The ring after pushing a bar's close and true range: the bar's slot (its delta goes to
    /// slot[4n], [5n]), the windows oldest first (slots head_ .. head_ + n - 1 of each mirrored
    /// 2n, the newest values in them) and the values that left them.
    struct RingPush {
        double* slot;
        const double* window;
        double leaving_close, leaving_tr, leaving_delta;
    };
    [[gnu::always_inline]] inline RingPush push_ring(double close, double tr);  // squeeze.cpp
    const SqueezeValue& update_filling(double high, double low, double close, double tr);

    // The window's closes, true ranges and deltas in one ring (slot r mod period each, mirrored
    // at slot + period so each window is contiguous: the sums are refreshed from them), so one
    // position serves the three.
    std::size_t n_;
    std::vector<double> ring_;  ///< closes [0, 2n), true ranges [2n, 4n), deltas [4n, 6n)
    std::size_t head_ = 0;
    detail::RefreshedMoments close_stats_;  ///< mean and population variance of the closes
    detail::RefreshedMean range_mean_;
    detail::RollingHighLow high_low_;
    detail::LinRegWindow linreg_;
    double bb_mult_;
    double kc_mult_;
    std::size_t steady_bars_;  ///< 2n - 1: from this bar on every window is full
    std::size_t bars_ = 0;     ///< bars since the start or restart, saturating at steady_bars_
    double prev_close_ = 0.0;
    bool has_prev_ = false;
};

}  // namespace aitp::indicators
