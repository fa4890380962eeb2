// SPDX-License-Identifier: MIT
#include "strategy/sizing.hpp"

#include <algorithm>
#include <cmath>

namespace aitp::strategy {

double atr_risk_size(double balance, double risk_fraction, double atr, double atr_multiplier) {
    const double risk_per_unit = atr * atr_multiplier;
    if (!(risk_per_unit > 0.0) || !std::isfinite(risk_per_unit)) return 0.0;
    return balance * risk_fraction / risk_per_unit;
}

double risk_fraction_size(double equity, double risk_fraction, double entry, double stop,
                          double max_position_pct) {
    const double distance = std::fabs(entry - stop);
    if (distance == 0.0 || !(entry > 0.0)) return 0.0;
    const double size = equity * risk_fraction / distance;
    return std::min(size, equity * max_position_pct / entry);
}

double affordable_qty(double cash, double price, double fee_rate) {
    if (!(price > 0.0) || !(cash > 0.0)) return 0.0;
    return cash / (price * (1.0 + fee_rate));
}

double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

}  // namespace aitp::strategy
