// SPDX-License-Identifier: MIT
// The output of a stream with one value: value() and is_ready() (the value is NaN until the
// stream is ready), the part every such stream shares. Not thread-safe (as the streams).
#pragma once

#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators::detail {

class ScalarOutput {
  public:
    double value() const { return value_; }
    bool is_ready() const { return value_ == value_; }

  protected:
    double value_ = kNan;
};

}  // namespace aitp::indicators::detail
