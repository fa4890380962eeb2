// SPDX-License-Identifier: MIT
#include "backtest/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "backtest/bar_matcher.hpp"
#include "core/check.hpp"
#include "model/bar_check.hpp"
#include "model/calendar.hpp"

namespace aitp::backtest {

using model::Liquidity;
using model::Order;
using model::OrderEventKind;
using model::OrderId;
using model::OrderSide;
using model::OrderStatus;
using model::OrderType;
using model::TimeInForce;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Cash comparisons allow for rounding in price * qty.
constexpr double kCashSlack = 1e-7;

std::int64_t day_of(UnixMillis ts) { return days_from_millis(ts); }

bool is_immediate_or_kill(const Order& o) {
    return o.tif == TimeInForce::Ioc || o.tif == TimeInForce::Fok;
}

/// A market buy that opens or adds: it must fit the cash at the last close when submitted, and
/// is capped to the cash at its fill price (see BacktestEngine::cap_to_cash).
bool is_cash_capped(const Order& o) {
    return o.type == OrderType::Market && o.side == OrderSide::Buy && !o.reduce_only;
}

}  // namespace

struct BacktestEngine::TradeState {
    bool open = false;
    bool is_long = true;
    UnixMillis entry_ts = 0;
    double entry_qty = 0.0;
    double entry_notional = 0.0;
    double entry_fee = 0.0;
    double exit_qty = 0.0;
    double exit_notional = 0.0;
    double exit_fee = 0.0;
    double pnl = 0.0;
};

struct BacktestEngine::Book {
    model::Instrument inst;
    model::Position pos;
    model::BarPayload bar{};
    UnixMillis bar_ts = 0;
    bool has_bar = false;
    double volume_left = kInf;
    std::vector<OrderId> working;
    TradeState trade;
};

struct BacktestEngine::Candidate {
    BarMatch match;
    OrderId id;
};

BacktestEngine::BacktestEngine(EngineConfig config)
    : config_(std::move(config)),
      fees_(std::make_unique<InstrumentFeeModel>()),
      slippage_(std::make_unique<NoSlippage>()) {}

BacktestEngine::~BacktestEngine() = default;

model::InstrumentId BacktestEngine::add_instrument(model::Instrument inst) {
    AITP_CHECK(!ran_, "Condition failed: instruments are added before run()");
    const model::VenueId venue = inst.venue;
    if (cash_.size() <= venue) {
        cash_.resize(static_cast<std::size_t>(venue) + 1, config_.initial_cash);
    }
    books_.push_back(Book{std::move(inst), {}, {}, 0, false, kInf, {}, {}});
    books_.back().working.reserve(8);
    return static_cast<model::InstrumentId>(books_.size() - 1);
}

std::size_t BacktestEngine::instrument_count() const { return books_.size(); }

const model::Instrument& BacktestEngine::instrument(model::InstrumentId id) const {
    return books_[id].inst;
}

const model::Position& BacktestEngine::position(model::InstrumentId id) const {
    return books_[id].pos;
}

double BacktestEngine::cash(model::VenueId venue) const {
    return venue < cash_.size() ? cash_[venue] : 0.0;
}

double BacktestEngine::equity() const {
    double total = 0.0;
    for (const double c : cash_) total += c;
    for (const Book& b : books_) {
        if (!b.pos.is_flat()) total += b.pos.signed_qty() * b.bar.close;
    }
    return total;
}

double BacktestEngine::taker_fee_rate(model::InstrumentId id) const {
    return fees_->taker_rate(books_[id].inst);
}

const Order* BacktestEngine::order(OrderId id) const {
    if (id == model::kNoOrder || id > orders_.size()) return nullptr;
    return &orders_[id - 1];
}

Result<BacktestResult> BacktestEngine::run(model::EventSource& source,
                                           strategy::Strategy& strategy) {
    if (ran_) return fail(Error::invalid_argument("a BacktestEngine runs only once"));
    if (books_.empty()) return fail(Error::invalid_argument("no instruments were added"));
    ran_ = true;
    strategy_ = &strategy;
    for (const double c : cash_) initial_equity_ += c;
    result_.initial_equity = initial_equity_;
    if (config_.record_equity) {
        result_.equity.reserve(source.remaining_hint() / books_.size() + 2);
    }
    scratch_.reserve(16);
    strategy.on_start(*this);
    model::MarketEvent e;
    bool any = false;
    UnixMillis last_ts = 0;
    const auto announced = static_cast<double>(source.remaining_hint());
    while (source.next(e)) {
        if (result_.events % kWorkCheckEvents == kWorkCheckEvents - 1) {
            AITP_TRY(config_.work.check("during the backtest"));
            if (announced > 0.0)
                config_.work.report(static_cast<double>(result_.events) / announced, "backtest");
        }
        if (e.instrument >= books_.size()) {
            return fail(Error::invalid_argument(
                fmt::format("event {} names instrument {}, but only {} were added", result_.events,
                            e.instrument, books_.size())));
        }
        if (any && e.ts_event != last_ts) {
            if (e.ts_event < last_ts) {
                return fail(Error::invalid_argument(fmt::format(
                    "events not in time order: {} ({}) after {}", format_iso8601(e.ts_event),
                    books_[e.instrument].inst.symbol, format_iso8601(last_ts))));
            }
            if (config_.record_equity) record_equity(last_ts);
        }
        any = true;
        last_ts = e.ts_event;
        now_ = e.ts_event;
        ++result_.events;
        if (e.kind == model::EventKind::Bar) {
            AITP_TRY(check_bar_event(e));
            on_bar_event(e);
        }
    }
    force_immediate_ = true;
    strategy.on_stop(*this);
    force_immediate_ = false;
    if (any && config_.record_equity) record_equity(last_ts);
    result_.final_equity = equity();
    record_open_trades();
    for (const Book& b : books_) result_.instruments.push_back(b.inst);
    strategy_ = nullptr;
    return std::move(result_);
}

void BacktestEngine::record_equity(UnixMillis ts) { result_.equity.push_back({ts, equity()}); }

void BacktestEngine::record_open_trades() {
    for (std::size_t i = 0; i < books_.size(); ++i) {
        const Book& b = books_[i];
        const TradeState& t = b.trade;
        if (!t.open || b.pos.is_flat()) continue;
        Trade out;
        out.instrument = static_cast<model::InstrumentId>(i);
        out.is_long = t.is_long;
        out.entry_ts = t.entry_ts;
        out.exit_ts = b.bar_ts;
        out.qty = t.entry_qty;
        out.entry_price = t.entry_notional / t.entry_qty;
        out.exit_price = b.bar.close;
        out.entry_fee = t.entry_fee;
        out.exit_fee = t.exit_fee;
        out.pnl = t.pnl + b.pos.unrealised_pnl(b.bar.close);
        out.pnl_pct = out.pnl / t.entry_notional;
        result_.open_trades.push_back(out);
    }
}

bool BacktestEngine::in_session(const Book& b) const {
    return !b.inst.respect_market_hours || model::is_nyse_open(b.bar_ts);
}

Status BacktestEngine::check_bar_event(const model::MarketEvent& e) const {
    const model::BarPayload& p = e.data.bar;
    const auto defect = model::find_bar_defect(p.open, p.high, p.low, p.close, p.volume);
    if (defect == model::BarDefect::None) return ok_status();
    const model::Bar bar{e.ts_event, p.open, p.high, p.low, p.close, p.volume};
    return fail(Error::invalid_argument(
        fmt::format("bar of {} at {}: {}", books_[e.instrument].inst.symbol,
                    format_iso8601(e.ts_event), model::describe_bar_defect(bar, defect))));
}

void BacktestEngine::on_bar_event(const model::MarketEvent& e) {
    Book& b = books_[e.instrument];
    b.bar = e.data.bar;
    b.bar_ts = e.ts_event;
    b.has_bar = true;
    b.volume_left = config_.volume_limit > 0.0 ? config_.volume_limit * b.bar.volume : kInf;
    if (!b.working.empty() && in_session(b)) match_working(b);
    strategy_->on_bar(*this, strategy::BarView{e.instrument, e.ts_event, e.data.bar});
}

void BacktestEngine::collect_matches(Book& b, std::size_t from, std::size_t to) {
    const std::int64_t today = day_of(b.bar_ts);
    for (std::size_t i = from; i < to; ++i) {
        Order& o = order_ref(b.working[i]);
        if (!o.is_working()) continue;
        if (o.tif == TimeInForce::Day && day_of(o.created_ts) != today) {
            kill(o, false, "DAY order expired");
            continue;
        }
        const BarMatch m = match_on_bar(o, b.bar);
        if (m.triggers) o.triggered = true;
        if (m.moment != FillMoment::None) {
            scratch_.push_back({m, o.id});
        } else if (is_immediate_or_kill(o)) {
            kill(o, false, "IOC/FOK order not filled on its bar");
        }
    }
}

void BacktestEngine::fill_candidate(Candidate c) {
    Order& o = order_ref(c.id);
    if (!o.is_working()) return;  // e.g. cancelled by its OCO leg
    fill(o, c.match.price, c.match.liquidity);
    if (o.is_working() && is_immediate_or_kill(o)) {
        kill(o, false, "IOC remainder cancelled");
    }
}

void BacktestEngine::match_working(Book& b) {
    scratch_.clear();
    const std::size_t n0 = b.working.size();
    collect_matches(b, 0, n0);
    const auto by_rule = [](const Candidate& x, const Candidate& y) {
        if (x.match.moment != y.match.moment) return x.match.moment < y.match.moment;
        if (x.match.priority != y.match.priority) return x.match.priority < y.match.priority;
        return x.id < y.id;
    };
    std::sort(scratch_.begin(), scratch_.end(), by_rule);
    // Index loops: callbacks may submit orders, which never touch scratch_ while it is read.
    std::size_t i = 0;
    for (; i < scratch_.size() && scratch_[i].match.moment == FillMoment::AtOpen; ++i) {
        fill_candidate(scratch_[i]);
    }
    // Orders that started working while the open filled (a bracket's legs, a stop placed on
    // the entry's fill) were working before the rest of the bar traded: match them against the
    // same bar, in the same rule order. Orders placed on later fills wait for the next bar.
    if (const std::size_t n1 = b.working.size(); n1 > n0) {
        scratch_.erase(scratch_.begin(), scratch_.begin() + static_cast<std::ptrdiff_t>(i));
        collect_matches(b, n0, n1);
        std::sort(scratch_.begin(), scratch_.end(), by_rule);
        i = 0;
    }
    for (; i < scratch_.size(); ++i) fill_candidate(scratch_[i]);
    for (std::size_t k = 0; k < n0; ++k) {
        Order& o = order_ref(b.working[k]);
        if (o.is_working() && o.type == OrderType::TrailingStop) {
            o.trigger = b.inst.make_price(trail(o, b.bar));
        }
    }
    std::erase_if(b.working, [this](OrderId id) { return !order_ref(id).is_working(); });
}

Order& BacktestEngine::create(const model::OrderRequest& request) {
    const OrderId id = orders_.size() + 1;
    orders_.push_back(Order::from_request(id, request, now_));
    ++result_.orders.submitted;
    return orders_.back();
}

std::string_view BacktestEngine::validate(const Order& o) const {
    if (o.instrument >= books_.size()) return "unknown instrument";
    const Book& b = books_[o.instrument];
    const bool by_notional = o.notional > 0.0;
    if (by_notional && o.type != OrderType::Market) return "a notional size needs a market order";
    if (!by_notional && o.qty.raw() <= 0) return "quantity must be > 0";
    const Quantity lot = b.inst.make_qty(b.inst.lot());
    if (lot.raw() > 0 && o.qty.raw() % lot.raw() != 0)
        return "quantity is not a multiple of the lot size";
    const bool needs_price = o.type == OrderType::Limit || o.type == OrderType::StopLimit;
    const bool needs_trigger = o.type == OrderType::Stop || o.type == OrderType::StopLimit ||
                               o.type == OrderType::TrailingStop;
    if (needs_price && o.price.raw() <= 0) return "limit price must be > 0";
    if (needs_trigger && o.trigger.raw() <= 0) return "stop price must be > 0";
    if (o.type == OrderType::TrailingStop && !(o.trailing_offset > 0.0)) {
        return "trailing offset must be > 0";
    }
    if (b.inst.min_notional > 0.0) {
        const double ref = needs_price     ? o.price.as_double()
                           : needs_trigger ? o.trigger.as_double()
                                           : b.bar.close;
        const double notional = by_notional ? o.notional : ref * o.qty.as_double();
        if (notional < b.inst.min_notional) return "notional below the minimum";
    }
    if (is_cash_capped(o)) {
        const double px = b.bar.close;
        const double q = by_notional ? o.notional / px : o.qty.as_double();
        const double need = px * q + fees_->fee(b.inst, px, q, Liquidity::Taker);
        if (need > cash_[b.inst.venue] + kCashSlack) return "insufficient cash";
    }
    return {};
}

bool BacktestEngine::can_fill_now(const Order& o) const {
    const Book& b = books_[o.instrument];
    if (!b.has_bar || !in_session(b)) return false;
    if (!force_immediate_ && !(config_.market_fill == MarketFill::BarClose && b.bar_ts == now_)) {
        return false;
    }
    return o.type == OrderType::Market || (o.type == OrderType::Limit && is_immediate_or_kill(o));
}

OrderId BacktestEngine::submit(const model::OrderRequest& request) {
    Order& o = create(request);
    process(o);
    return o.id;
}

void BacktestEngine::process(Order& o) {
    if (const std::string_view why = validate(o); !why.empty()) {
        kill(o, true, why);
        return;
    }
    transition(o, OrderStatus::Submitted);
    if (can_fill_now(o)) {
        try_immediate(o);
    } else {
        rest(o);
    }
}

strategy::BracketIds BacktestEngine::submit_bracket(const strategy::BracketRequest& request) {
    strategy::BracketIds ids;
    Order& entry = create(request.entry);
    ids.entry = entry.id;
    const OrderSide exit_side = model::opposite(request.entry.side);
    const auto make_leg = [&](OrderType type, double px, strategy::ExitTag tag) {
        model::OrderRequest r;
        r.instrument = request.entry.instrument;
        r.side = exit_side;
        r.type = type;
        r.qty = request.entry.qty;
        r.reduce_only = true;
        r.tag = strategy::tag_value(tag);
        if (request.entry.instrument < books_.size()) {
            const Price p = books_[request.entry.instrument].inst.make_price(px);
            (type == OrderType::Stop ? r.trigger : r.price) = p;
        }
        Order& leg = create(r);
        leg.parent = ids.entry;
        return leg.id;
    };
    if (request.stop_loss > 0.0) {
        ids.stop_loss = make_leg(OrderType::Stop, request.stop_loss, strategy::ExitTag::StopLoss);
    }
    if (request.take_profit > 0.0) {
        ids.take_profit =
            make_leg(OrderType::Limit, request.take_profit, strategy::ExitTag::TakeProfit);
    }
    if (ids.stop_loss != model::kNoOrder && ids.take_profit != model::kNoOrder) {
        order_ref(ids.stop_loss).oco = ids.take_profit;
        order_ref(ids.take_profit).oco = ids.stop_loss;
    }
    Order& e = order_ref(ids.entry);
    e.legs[0] = ids.stop_loss;
    e.legs[1] = ids.take_profit;
    process(e);
    return ids;
}

void BacktestEngine::try_immediate(Order& o) {
    const Book& b = books_[o.instrument];
    const double close = b.bar.close;
    bool marketable = o.type == OrderType::Market;
    if (o.type == OrderType::Limit) {
        const double limit = o.price.as_double();
        marketable = o.side == OrderSide::Buy ? close <= limit : close >= limit;
    }
    if (marketable) fill(o, close, Liquidity::Taker);
    if (!o.is_working()) return;
    if (is_immediate_or_kill(o)) {
        kill(o, false, "IOC remainder cancelled");
    } else {
        rest(o);
    }
}

void BacktestEngine::rest(Order& o) {
    if (o.status() == OrderStatus::Submitted) {
        transition(o, OrderStatus::Open);
        books_[o.instrument].working.push_back(o.id);
        emit(OrderEventKind::Accepted, o);
    } else {
        books_[o.instrument].working.push_back(o.id);
    }
}

void BacktestEngine::fill(Order& o, double rule_price, Liquidity liq) {
    Book& b = books_[o.instrument];
    const double px =
        liq == Liquidity::Taker ? slippage_->apply(b.inst, o.side, rule_price, b.bar) : rule_price;
    const Price price = b.inst.make_price(px);
    if (o.notional > 0.0 && o.filled_qty.raw() == 0) {
        o.qty = b.inst.make_qty(o.notional / price.as_double());
        if (o.qty.raw() <= 0) {
            kill(o, true, "the notional buys less than one lot at the fill price");
            return;
        }
    }
    std::int64_t qty_raw = o.remaining().raw();
    if (o.reduce_only) {
        const std::int64_t pos = b.pos.qty().raw();
        const std::int64_t reducible = o.side == OrderSide::Sell ? std::max<std::int64_t>(pos, 0)
                                                                 : std::max<std::int64_t>(-pos, 0);
        if (reducible == 0) {
            kill(o, true, "reduce-only order has no position to reduce");
            return;
        }
        qty_raw = std::min(qty_raw, reducible);
    }
    if (b.volume_left < kInf) {
        qty_raw = std::min(qty_raw, b.inst.make_qty(b.volume_left).raw());
    }
    if (qty_raw <= 0) return;
    if (o.tif == TimeInForce::Fok && qty_raw < o.remaining().raw()) {
        kill(o, false, "FOK order could not fill completely");
        return;
    }
    if (is_cash_capped(o)) qty_raw = cap_to_cash(o, price.as_double(), qty_raw);
    const Quantity qty = Quantity::from_raw(qty_raw, o.qty.precision());
    const double fee = fees_->fee(b.inst, price.as_double(), qty.as_double(), liq);
    if (!check_cash(o, price.as_double(), qty.as_double(), fee)) return;
    if (b.volume_left < kInf) b.volume_left -= qty.as_double();
    finish_fill(o, model::Fill{o.id, o.instrument, o.side, liq, price, qty, fee, now_});
}

std::int64_t BacktestEngine::cap_to_cash(Order& o, double price, std::int64_t qty_raw) {
    const Book& b = books_[o.instrument];
    const double cash = cash_[b.inst.venue];
    const auto cost = [&](Quantity q) {
        return price * q.as_double() + fees_->fee(b.inst, price, q.as_double(), Liquidity::Taker);
    };
    if (cost(Quantity::from_raw(qty_raw, o.qty.precision())) <= cash + kCashSlack) return qty_raw;
    // Fees are proportional, so one unit costs price + fee(1 unit).
    const double per_unit = price + fees_->fee(b.inst, price, 1.0, Liquidity::Taker);
    Quantity fits = b.inst.make_qty(cash / per_unit);
    if (fits.raw() > 0 && cost(fits) > cash + kCashSlack) {
        fits = b.inst.make_qty(fits.as_double() - b.inst.lot());
    }
    if (fits.raw() <= 0) return qty_raw;  // nothing fits: check_cash rejects the order
    if (fits.raw() >= qty_raw) return qty_raw;
    o.qty = Quantity::from_raw(o.filled_qty.raw() + fits.raw(), o.qty.precision());
    ++result_.orders.capped;
    return fits.raw();
}

bool BacktestEngine::check_cash(Order& o, double price, double qty, double fee) {
    const Book& b = books_[o.instrument];
    if (o.side == OrderSide::Buy) {
        const double need = price * qty + fee;
        if (need > cash_[b.inst.venue] + kCashSlack) {
            kill(o, true, "insufficient cash");
            return false;
        }
        return true;
    }
    if (!config_.allow_short && b.pos.signed_qty() - qty < -kCashSlack) {
        kill(o, true, "a cash account cannot sell more than it holds");
        return false;
    }
    return true;
}

void BacktestEngine::finish_fill(Order& o, const model::Fill& f) {
    Book& b = books_[o.instrument];
    const std::int64_t before = b.pos.qty().raw();
    const double realised = b.pos.apply(f);
    const double notional = f.price.as_double() * f.qty.as_double();
    cash_[b.inst.venue] += f.side == OrderSide::Buy ? -(notional + f.fee) : (notional - f.fee);
    const bool flat_after = b.pos.is_flat();
    if (before == 0 && !flat_after) ++open_positions_;
    if (before != 0 && flat_after) --open_positions_;

    const double old_filled = o.filled_qty.as_double();
    o.filled_qty = o.filled_qty + f.qty;
    o.avg_fill_price = (o.avg_fill_price * old_filled + notional) / o.filled_qty.as_double();
    o.fee += f.fee;
    const bool full = o.filled_qty.raw() >= o.qty.raw();
    if (full) {
        transition(o, OrderStatus::Filled);
        ++result_.orders.filled;
    } else {
        if (o.status() == OrderStatus::Submitted) transition(o, OrderStatus::Open);
        transition(o, OrderStatus::PartialFill);
    }
    result_.fills.push_back(f);
    track_trade(b, f, before, realised, o.tag);
    emit(full ? OrderEventKind::Filled : OrderEventKind::PartiallyFilled, o, &f);
    if (o.reduce_only && o.is_working() && b.pos.is_flat()) {
        kill(o, false, "reduce-only remainder: the position is closed");
    }
    if (full && o.oco != model::kNoOrder) {
        Order& other = order_ref(o.oco);
        if (!other.is_terminal()) kill(other, false, "OCO: the other leg filled");
    }
    for (const OrderId leg_id : o.legs) {
        if (leg_id == model::kNoOrder) continue;
        Order& leg = order_ref(leg_id);
        if (leg.is_terminal()) continue;
        leg.qty = o.filled_qty;
        if (leg.status() == OrderStatus::Pending) process(leg);
    }
}

void BacktestEngine::track_trade(Book& b, const model::Fill& f, std::int64_t before_raw,
                                 double realised, std::uint32_t tag) {
    TradeState& t = b.trade;
    const double px = f.price.as_double();
    const double q = f.qty.as_double();
    const bool buy = f.side == OrderSide::Buy;
    if (before_raw == 0) {
        t = TradeState{true, buy, f.ts, q, px * q, f.fee, 0.0, 0.0, 0.0, realised};
        return;
    }
    if ((before_raw > 0) == buy) {
        t.entry_qty += q;
        t.entry_notional += px * q;
        t.entry_fee += f.fee;
        t.pnl += realised;
        return;
    }
    const double held =
        Quantity::from_raw(before_raw < 0 ? -before_raw : before_raw, 0).as_double();
    const double closed = std::min(held, q);
    const double frac = closed / q;
    t.exit_qty += closed;
    t.exit_notional += px * closed;
    t.exit_fee += f.fee * frac;
    t.pnl += realised + f.fee * (1.0 - frac);
    const std::int64_t after_raw = b.pos.qty().raw();
    const bool crossed = after_raw != 0 && (after_raw > 0) != (before_raw > 0);
    if (after_raw != 0 && !crossed) return;
    Trade out;
    out.instrument = f.instrument;
    out.is_long = t.is_long;
    out.entry_ts = t.entry_ts;
    out.exit_ts = f.ts;
    out.qty = t.entry_qty;
    out.entry_price = t.entry_notional / t.entry_qty;
    out.exit_price = t.exit_notional / t.exit_qty;
    out.entry_fee = t.entry_fee;
    out.exit_fee = t.exit_fee;
    out.pnl = t.pnl;
    out.pnl_pct = t.pnl / t.entry_notional;
    out.exit_tag = tag;
    result_.trades.push_back(out);
    t = TradeState{};
    if (crossed) {
        const double rest_q = q - closed;
        const double rest_fee = f.fee * (1.0 - frac);
        t = TradeState{true, buy, f.ts, rest_q, px * rest_q, rest_fee, 0.0, 0.0, 0.0, -rest_fee};
    }
}

bool BacktestEngine::cancel(OrderId id) {
    if (id == model::kNoOrder || id > orders_.size()) return false;
    Order& o = order_ref(id);
    if (o.is_terminal()) return false;
    kill(o, false, "cancelled by the strategy");
    return true;
}

bool BacktestEngine::modify(OrderId id, Price price, Price trigger) {
    if (id == model::kNoOrder || id > orders_.size()) return false;
    Order& o = order_ref(id);
    if (o.is_terminal()) return false;
    if (price.raw() != 0) o.price = price;
    if (trigger.raw() != 0) o.trigger = trigger;
    return true;
}

void BacktestEngine::kill(Order& o, bool reject, std::string_view reason) {
    const bool can_reject =
        o.status() == OrderStatus::Pending || o.status() == OrderStatus::Submitted;
    o.reason = reason;
    if (reject) {
        // Counted as refused even when the state table makes an accepted order end cancelled.
        ++result_.orders.rejected;
        result_.rejections.push_back({o.id, o.instrument, now_, std::string(reason)});
    } else {
        ++result_.orders.cancelled;
    }
    if (reject && can_reject) {
        transition(o, OrderStatus::Rejected);
        emit(OrderEventKind::Rejected, o);
    } else {
        transition(o, OrderStatus::Cancelled);
        emit(OrderEventKind::Cancelled, o);
    }
    for (const OrderId leg_id : o.legs) {
        if (leg_id == model::kNoOrder) continue;
        Order& leg = order_ref(leg_id);
        if (leg.status() == OrderStatus::Pending) kill(leg, false, "bracket entry ended unfilled");
    }
}

void BacktestEngine::emit(OrderEventKind kind, const Order& o, const model::Fill* f) {
    if (strategy_ != nullptr) strategy_->on_order_event(*this, model::OrderEvent{kind, &o, f});
}

void BacktestEngine::transition(Order& o, OrderStatus next) {
    const Status st = o.transition_to(next, now_);
    AITP_CHECK(st.has_value(), "Invariant: the engine makes only allowed order transitions");
}

}  // namespace aitp::backtest
