// SPDX-License-Identifier: MIT
// Position: the net (netting) position in one instrument: signed quantity, average entry price,
// realised PnL (fees included) and unrealised PnL at a mark price. Value type; not thread-safe.
#pragma once

#include "core/fixed_point.hpp"
#include "model/fill.hpp"

namespace aitp::model {

class Position {
  public:
    /// Applies a fill: adds to the position at a volume-weighted average price, or reduces it
    /// (realising (price - avg) * closed qty for a long, the opposite for a short); a fill that
    /// crosses zero closes the old side and opens the rest at the fill price. The fee is
    /// subtracted from realised PnL. Returns the PnL this fill realised (fee included).
    double apply(const Fill& fill);

    /// Signed quantity: > 0 long, < 0 short.
    Quantity qty() const { return qty_; }
    double signed_qty() const { return qty_.as_double(); }
    bool is_flat() const { return qty_.raw() == 0; }
    bool is_long() const { return qty_.raw() > 0; }
    bool is_short() const { return qty_.raw() < 0; }
    /// Average entry price of the open quantity; 0 when flat.
    double avg_price() const { return avg_price_; }
    double realised_pnl() const { return realised_pnl_; }
    /// Returns (mark - avg) * qty: the PnL of closing at `mark`, fees excluded.
    double unrealised_pnl(double mark) const { return (mark - avg_price_) * qty_.as_double(); }
    /// Total fees paid on this instrument.
    double fees() const { return fees_; }

  private:
    Quantity qty_;
    double avg_price_ = 0.0;
    double realised_pnl_ = 0.0;
    double fees_ = 0.0;
};

}  // namespace aitp::model
