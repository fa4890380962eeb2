// SPDX-License-Identifier: MIT
// The documented, conservative rule for filling resting orders from OHLC bars (no intrabar
// path is known, so every ambiguity is resolved against the trader):
//  1. Orders whose price the bar *opens* through fill first, at the open (gap-through: a stop
//     or limit the open jumped over fills at the open, never at its own price).
//  2. Then orders touched inside the bar fill at their own price, stops (stop, stop-limit
//     trigger, trailing stop) before limits: when a stop-loss and a take-profit are both inside
//     one bar, the stop-loss fills and its OCO take-profit is cancelled.
//  3. Limits fill on touch (buy: low <= limit; sell: high >= limit).
//  4. A stop-limit triggers at max(open, stop) for a buy (min for a sell) and fills there only
//     if that is within its limit; otherwise it rests as a limit from the next bar.
//  5. A trailing stop is checked against the stop it had before the bar, and only then
//     trails with the bar's extreme (so a bar's high never protects a stop the same bar hits).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "model/fill.hpp"
#include "model/market_event.hpp"
#include "model/order.hpp"

namespace aitp::backtest {

/// When in the bar an order fills: the open comes before anything touched inside the bar.
enum class FillMoment : std::uint8_t { AtOpen = 0, Intrabar = 1, None = 2 };

struct BarMatch {
    FillMoment moment = FillMoment::None;
    std::uint8_t priority = 0;  ///< within a moment: 0 market, 1 stop-like, 2 limit
    bool triggers = false;      ///< a stop-limit fires on this bar
    double price = 0.0;         ///< rule price before slippage
    model::Liquidity liquidity = model::Liquidity::Taker;
};

/// Decides whether a working order fills on `bar` and at which price. Does not change the
/// order; the caller applies `triggers` (stop-limit) and trailing updates.
BarMatch match_on_bar(const model::Order& order, const model::BarPayload& bar);

/// Returns the trailing stop's new trigger after `bar` (never loosens it).
double trail(const model::Order& order, const model::BarPayload& bar);

}  // namespace aitp::backtest
