// SPDX-License-Identifier: MIT
// TA-Lib's OBV: starts at the first volume, then adds the volume on a higher close and
// subtracts it on a lower one. Source: TA-Lib 0.6.4 ta_OBV.c. Streams are not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators::talib {

Status obv(std::span<const double> close, std::span<const double> volume, std::span<double> out);

class Obv : public detail::ScalarOutput {
  public:
    Obv() = default;
    double update(double close, double volume);
    /// Ready from the first bar on.
    bool is_ready() const { return started_; }
    void reset();

  private:
    bool started_ = false;
    double prev_ = 0.0;
};

}  // namespace aitp::indicators::talib
