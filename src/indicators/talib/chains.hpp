// SPDX-License-Identifier: MIT
// The TA-Lib functions whose time is a per-row dependency chain (RSI, ATR, ADX, EMA, MACD) run
// in one pass, their chains overlapping; each output bit for bit its own function's. Stateless.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/talib/atr.hpp"
#include "indicators/talib/ema.hpp"
#include "indicators/talib/macd.hpp"
#include "indicators/talib/rsi.hpp"
#include "indicators/talib/talib_common.hpp"

namespace aitp::indicators::talib {

/// TA-Lib functions whose time is a dependency chain per row (Wilder smoothing: multiply, add,
/// divide; EMA: subtract, multiply, add), to run in one pass: in one loop their chains overlap
/// instead of running one after the other. Each output is bit for bit its own function's (the
/// same stream updates). A function runs when its output span is non-empty. With ADX the loop
/// is adx()'s chunked one (DX vectorised between chunks), the others in its accumulate loop:
/// a row of five inlined updates was too deep for the scheduler to overlap rows.
struct ChainsJob {
    PeriodParams rsi, atr, adx;
    EmaParams ema;
    MacdParams macd;
    std::span<double> rsi_out, atr_out, adx_out, ema_out;
    MacdOutputs macd_out;
};
/// Requires: high, low and close finite and of one length (the set checked them); the
/// parameters are checked here.
Status chains(std::span<const double> high, std::span<const double> low,
              std::span<const double> close, const ChainsJob& job);
}  // namespace aitp::indicators::talib
