// SPDX-License-Identifier: MIT
// Strategy and StrategyContext: the C++ strategy API. An engine (backtest now, paper/live later)
// implements StrategyContext and calls the Strategy hooks from one thread, in event order;
// strategies keep streaming indicator state and never recompute history. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/time.hpp"
#include "model/instrument.hpp"
#include "model/market_event.hpp"
#include "model/order.hpp"
#include "model/order_event.hpp"
#include "model/position.hpp"

namespace aitp::strategy {

/// The ids of a bracket's three orders.
struct BracketIds {
    model::OrderId entry = model::kNoOrder;
    model::OrderId stop_loss = model::kNoOrder;
    model::OrderId take_profit = model::kNoOrder;
};

/// A bracket: an entry order plus a reduce-only stop-loss and take-profit that become active
/// when the entry fills and cancel each other (one-cancels-other). A zero price omits a leg.
struct BracketRequest {
    model::OrderRequest entry;
    double stop_loss = 0.0;
    double take_profit = 0.0;
};

/// What a strategy can see and do. Implemented by the engine.
class StrategyContext {
  public:
    virtual ~StrategyContext() = default;
    /// Time of the event being processed (UTC ms); the only clock a strategy has.
    virtual UnixMillis now() const = 0;
    virtual std::size_t instrument_count() const = 0;
    virtual const model::Instrument& instrument(model::InstrumentId id) const = 0;
    virtual const model::Position& position(model::InstrumentId id) const = 0;
    /// Cash of the venue's account, quote currency.
    virtual double cash(model::VenueId venue = 0) const = 0;
    /// Cash of every account plus positions marked at their last prices.
    virtual double equity() const = 0;
    /// Equity at the start of the run.
    virtual double initial_equity() const = 0;
    /// Taker fee rate the fee model charges on this instrument (for sizing).
    virtual double taker_fee_rate(model::InstrumentId id) const = 0;
    /// Submits an order; the outcome (fill, rejection, ...) arrives through on_order_event,
    /// possibly before submit() returns. Returns the new order's id.
    virtual model::OrderId submit(const model::OrderRequest& request) = 0;
    virtual BracketIds submit_bracket(const BracketRequest& request) = 0;
    /// Cancels a working order; returns false when it is unknown or already terminal.
    virtual bool cancel(model::OrderId id) = 0;
    /// Changes the limit price and/or trigger of a working order (a zero value keeps the
    /// field); returns false when it is unknown or terminal.
    virtual bool modify(model::OrderId id, Price price, Price trigger) = 0;
    /// Returns the order, or nullptr for an unknown id. Valid until the next submit().
    virtual const model::Order* order(model::OrderId id) const = 0;
    /// Returns the number of instruments with a non-zero position.
    virtual std::size_t open_positions() const = 0;
};

/// Bar data handed to on_bar.
struct BarView {
    model::InstrumentId instrument = 0;
    UnixMillis ts = 0;
    model::BarPayload bar{};
};

/// A trading strategy. Hooks run on the engine thread; the context is valid during the call.
class Strategy {
  public:
    virtual ~Strategy() = default;
    virtual std::string_view name() const = 0;
    /// Called once before the first event (instruments are known; no prices yet).
    virtual void on_start(StrategyContext& /*ctx*/) {}
    /// Called for every bar, after the engine matched working orders against it.
    virtual void on_bar(StrategyContext& ctx, const BarView& bar) = 0;
    virtual void on_order_event(StrategyContext& /*ctx*/, const model::OrderEvent& /*ev*/) {}
    /// Called once after the last event; orders submitted here fill at the last prices.
    virtual void on_stop(StrategyContext& /*ctx*/) {}
};

}  // namespace aitp::strategy

namespace aitp::strategy {

/// Why an order was sent; engines copy the closing order's tag into the trade list.
enum class ExitTag : std::uint32_t {
    None = 0,
    Signal = 1,
    StopLoss = 2,
    TakeProfit = 3,
    Roi = 4,
    TrailingStop = 5,
    CustomExit = 6,
    EndOfData = 7,
    TrendBreakdown = 8,
    StaleTrade = 9,
};

inline std::uint32_t tag_value(ExitTag t) { return static_cast<std::uint32_t>(t); }
/// Returns the snake_case name of a tag ("stop_loss"), "" for None and unknown values.
std::string_view exit_tag_name(std::uint32_t tag);

}  // namespace aitp::strategy
