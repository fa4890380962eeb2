// SPDX-License-Identifier: MIT
// Order: one order's request fields and its lifecycle under the original platform's eight-state
// machine (ORIGINAL.md 7.1). transition_to() rejects every transition the table does not allow.
// Value type; not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/fixed_point.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "model/instrument.hpp"

namespace aitp::model {

/// 1-based id of an order inside one run; 0 means "no order".
using OrderId = std::uint64_t;
inline constexpr OrderId kNoOrder = 0;

enum class OrderSide : std::uint8_t { Buy, Sell };
enum class OrderType : std::uint8_t { Market, Limit, Stop, StopLimit, TrailingStop };
enum class TimeInForce : std::uint8_t { Gtc, Ioc, Fok, Day };
/// The original's states: pending, submitted, open, partial_fill, filled, cancelled, rejected,
/// error. Filled, Cancelled, Rejected and Error are terminal.
enum class OrderStatus : std::uint8_t {
    Pending,
    Submitted,
    Open,
    PartialFill,
    Filled,
    Cancelled,
    Rejected,
    Error,
};

std::string_view order_side_name(OrderSide s);
std::string_view order_type_name(OrderType t);
std::string_view time_in_force_name(TimeInForce t);
/// Returns the original's lowercase name ("partial_fill").
std::string_view order_status_name(OrderStatus s);

/// Returns true when the original's table allows from -> to: pending -> {submitted, rejected,
/// cancelled, error}; submitted -> {open, filled, cancelled, rejected, error}; open ->
/// {partial_fill, filled, cancelled, error}; partial_fill -> {partial_fill, filled, cancelled,
/// error}; nothing leaves a terminal state.
bool is_allowed_transition(OrderStatus from, OrderStatus to);
bool is_terminal(OrderStatus s);
inline double side_sign(OrderSide s) { return s == OrderSide::Buy ? 1.0 : -1.0; }
inline OrderSide opposite(OrderSide s) {
    return s == OrderSide::Buy ? OrderSide::Sell : OrderSide::Buy;
}

/// What a strategy asks for. Unused price fields stay zero.
struct OrderRequest {
    InstrumentId instrument = 0;
    OrderSide side = OrderSide::Buy;
    OrderType type = OrderType::Market;
    TimeInForce tif = TimeInForce::Gtc;
    Quantity qty;
    Price price;                   ///< limit price (Limit, StopLimit)
    Price trigger;                 ///< stop trigger (Stop, StopLimit); initial stop (TrailingStop)
    double trailing_offset = 0.0;  ///< TrailingStop: distance from the best price, price units
    bool reduce_only = false;      ///< may only shrink the position; capped at its size
    std::uint32_t tag = 0;         ///< free for the strategy (e.g. an exit-reason code)
    /// Market orders: when > 0, the order is sized in quote currency: its quantity becomes
    /// notional / fill price, rounded down to the lot, when it fills (fees come on top), and
    /// `qty` is ignored until then. Exchanges call this a quote-quantity order.
    double notional = 0.0;
};

class Order {
  public:
    /// Returns a Pending order built from a request.
    static Order from_request(OrderId id, const OrderRequest& r, UnixMillis ts);

    /// Moves to `next` and stamps the time; InvalidArgument "illegal order transition
    /// filled -> open (order 7)" when the table forbids it (the order is unchanged).
    Status transition_to(OrderStatus next, UnixMillis ts);

    OrderStatus status() const { return status_; }
    bool is_terminal() const { return model::is_terminal(status_); }
    /// Returns true for Submitted, Open and PartialFill: the order can still fill.
    bool is_working() const;
    Quantity remaining() const { return qty - filled_qty; }

    OrderId id = kNoOrder;
    InstrumentId instrument = 0;
    OrderSide side = OrderSide::Buy;
    OrderType type = OrderType::Market;
    TimeInForce tif = TimeInForce::Gtc;
    bool reduce_only = false;
    bool triggered = false;  ///< StopLimit: the stop has fired, it now rests as a limit
    Quantity qty;
    Quantity filled_qty;
    Price price;
    Price trigger;
    double trailing_offset = 0.0;
    double notional = 0.0;  ///< quote-sized market order: qty is set at the fill (see request)
    double avg_fill_price = 0.0;
    double fee = 0.0;           ///< total fees paid, quote currency
    OrderId parent = kNoOrder;  ///< bracket: the entry order of a stop-loss/take-profit leg
    OrderId oco = kNoOrder;     ///< the order cancelled when this one fills (bracket legs)
    OrderId legs[2] = {kNoOrder, kNoOrder};  ///< bracket entry: its stop-loss and take-profit
    std::uint32_t tag = 0;
    UnixMillis created_ts = 0;
    UnixMillis submitted_ts = 0;
    UnixMillis filled_ts = 0;
    UnixMillis cancelled_ts = 0;
    std::string_view reason;  ///< static text: why it was rejected or cancelled

  private:
    OrderStatus status_ = OrderStatus::Pending;
};

}  // namespace aitp::model
