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

namespace detail {
/// obv() without its checks. Requires: spans of one length.
void obv_rows(std::span<const double> close, std::span<const double> volume, std::span<double> out);
/// Obv::signed_volume of rows [c, c + len) into sv[0..len); the series' first row, which has no
/// previous close, gets +0.0 (adding it leaves a total of +0.0 as it is). Requires: rows in
/// range of close and volume.
void obv_signed_volumes(std::span<const double> close, std::span<const double> volume,
                        std::size_t c, std::size_t len, double* sv);
}  // namespace detail

class Obv {
  public:
    explicit Obv(const ObvParams& = {}) {}
    double update(double close, double volume) {
        if (has_prev_) {
            total_ += signed_volume(close, prev_, volume);
        }
        prev_ = close;
        has_prev_ = true;
        value_ = total_;
        return value_;
    }
    /// +volume, -volume or -0.0 by the close change. Adding it equals adding or subtracting the
    /// volume or keeping the total (x + -v == x - v; x + -0.0 == x for every x, zeros included).
    [[gnu::always_inline]] static double signed_volume(double close, double prev, double volume) {
        return detail::select(close > prev, volume, detail::select(close < prev, -volume, -0.0));
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
