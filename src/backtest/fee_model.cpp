// SPDX-License-Identifier: MIT
#include "backtest/fee_model.hpp"

#include <cmath>

#include "backtest/slippage_model.hpp"

namespace aitp::backtest {

double InstrumentFeeModel::fee(const model::Instrument& inst, double price, double qty,
                               model::Liquidity liquidity) const {
    const double rate = liquidity == model::Liquidity::Maker ? inst.maker_fee : inst.taker_fee;
    return price * qty * rate;
}

double FixedRateFeeModel::fee(const model::Instrument&, double price, double qty,
                              model::Liquidity liquidity) const {
    return price * qty * (liquidity == model::Liquidity::Maker ? maker_ : taker_);
}

double TickSlippage::apply(const model::Instrument& inst, model::OrderSide side, double price,
                           const model::BarPayload&) const {
    const double tick = inst.pip_size > 0.0 ? inst.pip_size : std::pow(10.0, -inst.price_precision);
    return price + model::side_sign(side) * ticks_ * tick;
}

}  // namespace aitp::backtest
