// SPDX-License-Identifier: MIT
// VWAP = cumulative TP*volume / cumulative volume. Anchor::None is the original's behaviour (no
// reset from the first row, despite its docstring); Anchor::UtcDay is the corrected behaviour that
// restarts at every UTC midnight. NaN while the cumulative volume is 0. Not thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

enum class VwapAnchor { None, UtcDay };

struct VwapParams {
    VwapAnchor anchor = VwapAnchor::None;
    Status validate() const { return ok_status(); }
};

inline int lookback(const VwapParams&) { return 0; }

/// ts holds epoch milliseconds (only read for VwapAnchor::UtcDay).
Status vwap(std::span<const std::int64_t> ts, std::span<const double> high,
            std::span<const double> low, std::span<const double> close,
            std::span<const double> volume, const VwapParams& p, std::span<double> out);

namespace detail {
/// vwap() without an anchor and without its checks; with `typical` not empty, the typical
/// prices (h + l + c) / 3 are read from it instead of computed. Requires: finite inputs, spans
/// of one length.
/// With `obv` not empty, also obv_rows(close, volume, obv) in the same row loop: three running
/// sums, independent dependency chains that overlap (a set with both columns).
void vwap_rows(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, std::span<const double> typical,
               std::span<const double> volume, std::span<double> out, std::span<double> obv = {});
}  // namespace detail

class Vwap : public detail::ScalarOutput {
  public:
    explicit Vwap(const VwapParams& p = {}) : anchor_(p.anchor) {}
    double update(std::int64_t ts_ms, double high, double low, double close, double volume) {
        if (anchor_ == VwapAnchor::UtcDay) {
            const std::int64_t day = floor_day(ts_ms);
            if (day != day_) {
                day_ = day;
                cum_pv_ = 0.0;
                cum_v_ = 0.0;
            }
        }
        cum_pv_ += price_volume(high, low, close, volume);
        cum_v_ += volume;
        value_ = cum_pv_ / cum_v_;
        return value_;
    }
    /// Typical price times volume.
    [[gnu::always_inline]] static double price_volume(double high, double low, double close,
                                                      double volume) {
        return (high + low + close) / 3.0 * volume;
    }
    void reset() {
        cum_pv_ = 0.0;
        cum_v_ = 0.0;
        day_ = kNoDay;
        value_ = detail::kNan;
    }

  private:
    static constexpr std::int64_t kMsPerDay = 86'400'000;
    static constexpr std::int64_t kNoDay = INT64_MIN;
    static std::int64_t floor_day(std::int64_t ms) {
        return ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay);
    }

    VwapAnchor anchor_;
    double cum_pv_ = 0.0;
    double cum_v_ = 0.0;
    std::int64_t day_ = kNoDay;
};

}  // namespace aitp::indicators
