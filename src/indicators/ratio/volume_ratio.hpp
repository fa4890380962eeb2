// SPDX-License-Identifier: MIT
// Volume ratio as the original's add_all_indicators computes it: volume / SMA(volume, period)
// (pandas rolling mean). Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

struct VolumeRatioTag;
using VolumeRatioParams = PeriodParams<VolumeRatioTag, 20>;

inline int lookback(const VolumeRatioParams& p) { return p.period - 1; }

Status volume_ratio(std::span<const double> volume, const VolumeRatioParams& p,
                    std::span<double> out);

class VolumeRatio {
  public:
    explicit VolumeRatio(const VolumeRatioParams& p = {});
    double update(double volume) {
        value_ = volume / sma_.update(volume);
        return value_;
    }
    /// As Sma::slide.
    double slide(double volume, bool full, double leaving) {
        value_ = volume / sma_.slide(volume, full, leaving);
        return value_;
    }
    double value() const { return value_; }
    bool is_ready() const { return sma_.is_ready(); }
    void reset();

  private:
    Sma sma_;
    double value_ = detail::kNan;
};

}  // namespace aitp::indicators
