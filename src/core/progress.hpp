// SPDX-License-Identifier: MIT
// ProgressFn: how long operations report progress (fraction 0..1 and a short stage text)
// without knowing who listens (a terminal bar, a job record, nothing).
#pragma once

#include <functional>
#include <string_view>

namespace aitp {

/// Called with a fraction in [0, 1]; may be empty. Must be cheap: callers report at most a few
/// hundred times per operation.
using ProgressFn = std::function<void(double fraction, std::string_view stage)>;

}  // namespace aitp
