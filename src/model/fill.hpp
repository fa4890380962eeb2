// SPDX-License-Identifier: MIT
// Fill: one execution of (part of) an order, with the fee it cost. Trivially copyable value.
#pragma once

#include <cstdint>

#include "core/fixed_point.hpp"
#include "core/time.hpp"
#include "model/order.hpp"

namespace aitp::model {

/// Maker fills rested on the book (limit orders); taker fills took liquidity (market, stop,
/// marketable limit).
enum class Liquidity : std::uint8_t { Maker, Taker };

struct Fill {
    OrderId order_id = kNoOrder;
    InstrumentId instrument = 0;
    OrderSide side = OrderSide::Buy;
    Liquidity liquidity = Liquidity::Taker;
    Price price;
    Quantity qty;
    double fee = 0.0;  ///< quote currency
    UnixMillis ts = 0;
};

}  // namespace aitp::model
