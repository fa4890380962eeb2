// SPDX-License-Identifier: MIT
#include "model/position.hpp"

#include <algorithm>
#include <cstdint>

namespace aitp::model {

double Position::apply(const Fill& fill) {
    const std::int64_t before = qty_.raw();
    const std::int64_t delta = fill.side == OrderSide::Buy ? fill.qty.raw() : -fill.qty.raw();
    const double px = fill.price.as_double();
    double realised = -fill.fee;
    const bool same_side = before == 0 || (before > 0) == (delta > 0);
    const std::int64_t after = before + delta;
    if (same_side) {
        const double old_q = static_cast<double>(before);
        const double add_q = static_cast<double>(delta);
        avg_price_ = (avg_price_ * old_q + px * add_q) / (old_q + add_q);
    } else {
        const std::int64_t closed =
            std::min(before > 0 ? before : -before, delta > 0 ? delta : -delta);
        const double closed_units = Quantity::from_raw(closed, 0).as_double();
        realised += (px - avg_price_) * closed_units * (before > 0 ? 1.0 : -1.0);
        if (after == 0) {
            avg_price_ = 0.0;
        } else if ((after > 0) != (before > 0)) {
            avg_price_ = px;  // crossed zero: the remainder opens at the fill price
        }
    }
    const int prec = std::max(qty_.precision(), fill.qty.precision());
    qty_ = Quantity::from_raw(after, prec);
    realised_pnl_ += realised;
    fees_ += fill.fee;
    return realised;
}

}  // namespace aitp::model
