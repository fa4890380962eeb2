// SPDX-License-Identifier: MIT
// OrderEvent: what the engine tells a strategy about one of its orders (accepted, filled,
// cancelled, rejected, ...). Refers to engine-owned data valid only during the callback.
#pragma once

#include <cstdint>

#include "model/fill.hpp"
#include "model/order.hpp"

namespace aitp::model {

enum class OrderEventKind : std::uint8_t {
    Submitted,
    Accepted,  ///< resting on the (simulated) book: status open
    PartiallyFilled,
    Filled,
    Cancelled,  ///< by request, OCO, IOC/FOK remainder, DAY expiry or a failed fill check
    Rejected,
};

struct OrderEvent {
    OrderEventKind kind = OrderEventKind::Submitted;
    const Order* order = nullptr;
    const Fill* fill = nullptr;  ///< set for PartiallyFilled and Filled
};

}  // namespace aitp::model
