// SPDX-License-Identifier: MIT
#include "strategy/orders.hpp"

namespace aitp::strategy {

using model::OrderRequest;
using model::OrderType;

namespace {
OrderRequest base(const model::Instrument& inst, model::InstrumentId id, model::OrderSide side,
                  double qty, OrderType type, model::TimeInForce tif) {
    OrderRequest r;
    r.instrument = id;
    r.side = side;
    r.type = type;
    r.tif = tif;
    r.qty = inst.make_qty(qty);
    return r;
}
}  // namespace

OrderRequest market_order(const model::Instrument& inst, model::InstrumentId id,
                          model::OrderSide side, double qty, model::TimeInForce tif) {
    return base(inst, id, side, qty, OrderType::Market, tif);
}

OrderRequest limit_order(const model::Instrument& inst, model::InstrumentId id,
                         model::OrderSide side, double qty, double price, model::TimeInForce tif) {
    OrderRequest r = base(inst, id, side, qty, OrderType::Limit, tif);
    r.price = inst.make_price(price);
    return r;
}

OrderRequest stop_order(const model::Instrument& inst, model::InstrumentId id,
                        model::OrderSide side, double qty, double trigger, model::TimeInForce tif) {
    OrderRequest r = base(inst, id, side, qty, OrderType::Stop, tif);
    r.trigger = inst.make_price(trigger);
    return r;
}

OrderRequest stop_limit_order(const model::Instrument& inst, model::InstrumentId id,
                              model::OrderSide side, double qty, double trigger, double price,
                              model::TimeInForce tif) {
    OrderRequest r = base(inst, id, side, qty, OrderType::StopLimit, tif);
    r.trigger = inst.make_price(trigger);
    r.price = inst.make_price(price);
    return r;
}

OrderRequest trailing_stop_order(const model::Instrument& inst, model::InstrumentId id,
                                 model::OrderSide side, double qty, double initial_stop,
                                 double offset) {
    OrderRequest r = base(inst, id, side, qty, OrderType::TrailingStop, model::TimeInForce::Gtc);
    r.trigger = inst.make_price(initial_stop);
    r.trailing_offset = offset;
    return r;
}

}  // namespace aitp::strategy
