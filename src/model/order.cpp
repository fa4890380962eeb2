// SPDX-License-Identifier: MIT
#include "model/order.hpp"

#include <fmt/format.h>

namespace aitp::model {

std::string_view order_side_name(OrderSide s) { return s == OrderSide::Buy ? "buy" : "sell"; }

std::string_view order_type_name(OrderType t) {
    switch (t) {
        case OrderType::Market:
            return "market";
        case OrderType::Limit:
            return "limit";
        case OrderType::Stop:
            return "stop";
        case OrderType::StopLimit:
            return "stop_limit";
        case OrderType::TrailingStop:
            return "trailing_stop";
    }
    return "?";
}

std::string_view time_in_force_name(TimeInForce t) {
    switch (t) {
        case TimeInForce::Gtc:
            return "GTC";
        case TimeInForce::Ioc:
            return "IOC";
        case TimeInForce::Fok:
            return "FOK";
        case TimeInForce::Day:
            return "DAY";
    }
    return "?";
}

std::string_view order_status_name(OrderStatus s) {
    switch (s) {
        case OrderStatus::Pending:
            return "pending";
        case OrderStatus::Submitted:
            return "submitted";
        case OrderStatus::Open:
            return "open";
        case OrderStatus::PartialFill:
            return "partial_fill";
        case OrderStatus::Filled:
            return "filled";
        case OrderStatus::Cancelled:
            return "cancelled";
        case OrderStatus::Rejected:
            return "rejected";
        case OrderStatus::Error:
            return "error";
    }
    return "?";
}

bool is_terminal(OrderStatus s) {
    return s == OrderStatus::Filled || s == OrderStatus::Cancelled || s == OrderStatus::Rejected ||
           s == OrderStatus::Error;
}

bool is_allowed_transition(OrderStatus from, OrderStatus to) {
    using S = OrderStatus;
    switch (from) {
        case S::Pending:
            return to == S::Submitted || to == S::Rejected || to == S::Cancelled || to == S::Error;
        case S::Submitted:
            return to == S::Open || to == S::Filled || to == S::Cancelled || to == S::Rejected ||
                   to == S::Error;
        case S::Open:
        case S::PartialFill:
            return to == S::PartialFill || to == S::Filled || to == S::Cancelled || to == S::Error;
        case S::Filled:
        case S::Cancelled:
        case S::Rejected:
        case S::Error:
            return false;
    }
    return false;
}

Order Order::from_request(OrderId id, const OrderRequest& r, UnixMillis ts) {
    Order o;
    o.id = id;
    o.instrument = r.instrument;
    o.side = r.side;
    o.type = r.type;
    o.tif = r.tif;
    o.reduce_only = r.reduce_only;
    o.qty = r.qty;
    o.filled_qty = Quantity::from_raw(0, r.qty.precision());
    o.price = r.price;
    o.trigger = r.trigger;
    o.trailing_offset = r.trailing_offset;
    o.notional = r.notional;
    o.tag = r.tag;
    o.created_ts = ts;
    return o;
}

Status Order::transition_to(OrderStatus next, UnixMillis ts) {
    if (!is_allowed_transition(status_, next)) {
        return fail(Error::invalid_argument(
            fmt::format("illegal order transition {} -> {} (order {})", order_status_name(status_),
                        order_status_name(next), id)));
    }
    status_ = next;
    switch (next) {
        case OrderStatus::Submitted:
            submitted_ts = ts;
            break;
        case OrderStatus::Filled:
            filled_ts = ts;
            break;
        case OrderStatus::Cancelled:
            cancelled_ts = ts;
            break;
        default:
            break;
    }
    return ok_status();
}

bool Order::is_working() const {
    return status_ == OrderStatus::Submitted || status_ == OrderStatus::Open ||
           status_ == OrderStatus::PartialFill;
}

}  // namespace aitp::model
