// SPDX-License-Identifier: MIT
// Order helpers: build OrderRequests with the instrument's rounding applied. Pure functions.
#pragma once

#include "model/instrument.hpp"
#include "model/order.hpp"

namespace aitp::strategy {

model::OrderRequest market_order(const model::Instrument& inst, model::InstrumentId id,
                                 model::OrderSide side, double qty,
                                 model::TimeInForce tif = model::TimeInForce::Gtc);
model::OrderRequest limit_order(const model::Instrument& inst, model::InstrumentId id,
                                model::OrderSide side, double qty, double price,
                                model::TimeInForce tif = model::TimeInForce::Gtc);
model::OrderRequest stop_order(const model::Instrument& inst, model::InstrumentId id,
                               model::OrderSide side, double qty, double trigger,
                               model::TimeInForce tif = model::TimeInForce::Gtc);
model::OrderRequest stop_limit_order(const model::Instrument& inst, model::InstrumentId id,
                                     model::OrderSide side, double qty, double trigger,
                                     double price,
                                     model::TimeInForce tif = model::TimeInForce::Gtc);
/// A trailing stop that starts at `initial_stop` and trails the best price by `offset`.
model::OrderRequest trailing_stop_order(const model::Instrument& inst, model::InstrumentId id,
                                        model::OrderSide side, double qty, double initial_stop,
                                        double offset);

}  // namespace aitp::strategy
