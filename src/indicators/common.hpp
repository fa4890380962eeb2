// SPDX-License-Identifier: MIT
// Shared helpers for indicator kernels: the NaN constant and the argument checks every batch
// kernel runs before its loop. Stateless; safe to use from any thread.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace aitp::indicators {

/// The value written during lookback and wherever an indicator is undefined.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A named input column, for error messages ("close[12] is NaN").
struct NamedInput {
    std::string_view name;
    std::span<const double> values;
};

/// Returns InvalidArgument "<name> must be >= <min>, was <value>" unless value >= min.
Status check_min(std::string_view name, long long value, long long min = 1);

/// Returns InvalidArgument unless value is finite and >= 0.
Status check_non_negative(std::string_view name, double value);

/// While alive, marks these input spans (same data pointer and size) as already checked to be
/// finite on this thread, so check_series() skips their scan; compute_columns() checks the
/// series once and runs every kernel under this scope. Scopes do not nest (the inner one wins
/// until it ends, then nothing is marked).
class ValidatedInputsScope {
  public:
    explicit ValidatedInputsScope(std::initializer_list<std::span<const double>> spans);
    ~ValidatedInputsScope();
    ValidatedInputsScope(const ValidatedInputsScope&) = delete;
    ValidatedInputsScope& operator=(const ValidatedInputsScope&) = delete;
};

/// Returns the finiteness check of one input column (the scan check_series runs).
Status check_finite(const NamedInput& input);

/// Checks that all inputs have the same length and hold only finite values, and that every
/// output has that length too. Errors name the column and row.
Status check_series(std::initializer_list<NamedInput> inputs,
                    std::initializer_list<std::span<double>> outputs);

}  // namespace aitp::indicators
