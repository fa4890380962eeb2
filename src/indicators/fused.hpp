// SPDX-License-Identifier: MIT
// Fused batch kernels for compute_columns(): several SMAs or several EMAs of the same input in
// one pass, up to 8 per loop with compile-time unrolling, so their independent dependency chains
// overlap instead of running one after another. Each lane runs the indicator's own streaming
// arithmetic (Sma::slide, Ema::update), so every output equals the single-indicator kernel bit
// for bit. Stateless; safe from any thread.
#pragma once

#include <span>

#include "core/status.hpp"

namespace aitp::indicators::detail {

/// Writes sma(in, periods[k]) to outs[k] for every k. Requires valid periods and outputs of in.size().
Status fused_sma(std::span<const double> in, std::span<const int> periods,
                 std::span<const std::span<double>> outs);
/// Writes ema(in, periods[k]) to outs[k] for every k. Requires as fused_sma.
Status fused_ema(std::span<const double> in, std::span<const int> periods,
                 std::span<const std::span<double>> outs);

}  // namespace aitp::indicators::detail
