// SPDX-License-Identifier: MIT
// Position sizing helpers as the original computed them (ORIGINAL.md 4.2 and 6.1). Pure
// functions; thread-safe. Results are raw quantities; round with Instrument::make_qty.
#pragma once

namespace aitp::strategy {

/// The Nautilus tier: (balance * risk_fraction) / (atr * atr_multiplier); 0 when the ATR is
/// not positive or not finite.
double atr_risk_size(double balance, double risk_fraction, double atr, double atr_multiplier);

/// The risk manager's calculate_position_size: equity * risk / |entry - stop| (0 when equal),
/// capped at equity * max_position_pct / entry.
double risk_fraction_size(double equity, double risk_fraction, double entry, double stop,
                          double max_position_pct = 0.20);

/// The largest quantity whose cost price * qty * (1 + fee_rate) fits in cash.
double affordable_qty(double cash, double price, double fee_rate);

/// Rounds half away from zero to `decimals` (the original's round(size, 6)).
double round_to(double value, int decimals);

}  // namespace aitp::strategy
