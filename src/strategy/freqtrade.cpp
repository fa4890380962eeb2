// SPDX-License-Identifier: MIT
#include "strategy/freqtrade.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "strategy/orders.hpp"

namespace aitp::strategy {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double roi_for(std::span<const RoiStep> table, double minutes) {
    double best_minutes = -1.0;
    double ratio = kNaN;
    for (const RoiStep& s : table) {
        if (s.minutes <= minutes && s.minutes > best_minutes) {
            best_minutes = s.minutes;
            ratio = s.ratio;
        }
    }
    return ratio;
}

double FreqtradeStrategy::custom_stoploss(model::InstrumentId, const TradeView&) { return kNaN; }
ExitTag FreqtradeStrategy::custom_exit(model::InstrumentId, const TradeView&) {
    return ExitTag::None;
}

double FreqtradeStrategy::next_stop(const FreqtradeConfig& c, const TradeView& t,
                                    double current_stop, double custom_ratio) {
    double stop = std::max(current_stop, t.open_rate * (1.0 + c.stoploss));
    if (c.trailing_stop) {
        const double max_profit = t.max_rate / t.open_rate - 1.0;
        if (c.trailing_stop_positive > 0.0 && max_profit > c.trailing_stop_positive_offset) {
            stop = std::max(stop, t.max_rate * (1.0 - c.trailing_stop_positive));
        } else if (!c.trailing_only_offset_is_reached) {
            stop = std::max(stop, t.max_rate * (1.0 + c.stoploss));
        }
    }
    if (c.use_custom_stoploss && std::isfinite(custom_ratio)) {
        stop = std::max(stop, t.current_rate * (1.0 + custom_ratio));
    }
    return stop;
}

FreqtradeStrategy::Signals FreqtradeStrategy::analyze(model::InstrumentId id, const BarView& bar) {
    update(id, bar);
    return {entry_signal(id, bar), exit_signal(id, bar)};
}

void FreqtradeStrategy::on_start(StrategyContext& ctx) {
    states_.assign(ctx.instrument_count(), State{});
    pending_entries_ = 0;
    init_instruments(ctx.instrument_count());
}

void FreqtradeStrategy::on_bar(StrategyContext& ctx, const BarView& bar) {
    State& st = states_[bar.instrument];
    update(bar.instrument, bar);
    ++st.bars;
    const std::int64_t bar_ms = st.prev_ts != 0 ? bar.ts - st.prev_ts : 0;
    st.prev_ts = bar.ts;
    // Freqtrade drops the startup candles and first acts on the signal of the candle after them.
    if (st.bars <= config_.startup_candles) return;
    if (st.in_trade) {
        if (!st.exit_pending) manage_trade(ctx, bar, st, bar_ms);
        return;
    }
    if (!st.entry_pending && ctx.position(bar.instrument).is_flat()) try_enter(ctx, bar, st);
}

void FreqtradeStrategy::manage_trade(StrategyContext& ctx, const BarView& bar, State& st,
                                     std::int64_t bar_ms) {
    st.max_rate = std::max(st.max_rate, bar.bar.high);
    // Callbacks see the candle's close time, as Freqtrade's see the next candle's start.
    const TradeView t{
        st.open_rate,   st.open_ts, st.max_rate, bar.bar.close, bar.bar.close / st.open_rate - 1.0,
        bar.ts + bar_ms};
    // Colliding signals: Freqtrade ignores an exit signal on a candle whose entry signal is set
    // and asks custom_exit instead.
    const bool signal = exit_signal(bar.instrument, bar) && !entry_signal(bar.instrument, bar);
    const ExitTag tag = signal ? ExitTag::Signal : custom_exit(bar.instrument, t);
    if (tag != ExitTag::None) {
        exit_now(ctx, bar.instrument, st, tag);
        return;
    }
    const model::Instrument& inst = ctx.instrument(bar.instrument);
    const double custom = config_.use_custom_stoploss ? custom_stoploss(bar.instrument, t) : kNaN;
    const double stop = next_stop(config_, t, st.stop_price, custom);
    if (stop > st.stop_price) {
        st.stop_price = stop;
        ctx.modify(st.stop_id, {}, inst.make_price(stop));
    }
    // The ROI that applies during the next candle: the trade's age at that candle's start.
    const double minutes =
        static_cast<double>(bar.ts + bar_ms - st.open_ts) / static_cast<double>(kMillisPerMinute);
    const double roi = roi_for(config_.minimal_roi, minutes);
    if (st.roi_id != model::kNoOrder && std::isfinite(roi)) {
        ctx.modify(st.roi_id, inst.make_price(st.open_rate * (1.0 + roi)), {});
    }
}

double FreqtradeStrategy::stake_for(StrategyContext& ctx, model::InstrumentId id) const {
    const model::Instrument& inst = ctx.instrument(id);
    // Freqtrade's wallet: stakes tied up in trades (and entries not filled yet) count towards
    // the balance the tradable ratio applies to; an unlimited stake splits it over all slots.
    double tied = 0.0;
    double pending = 0.0;
    for (std::size_t i = 0; i < states_.size(); ++i) {
        if (ctx.instrument(static_cast<model::InstrumentId>(i)).venue != inst.venue) continue;
        tied += states_[i].stake;
        if (states_[i].entry_pending) pending += states_[i].stake;
    }
    const double free = ctx.cash(inst.venue) - pending;
    const double available = (free + tied) * config_.tradable_balance_ratio - tied;
    const double wanted =
        config_.stake_amount > 0.0
            ? config_.stake_amount
            : (free + tied) * config_.tradable_balance_ratio / config_.max_open_trades;
    // The stake excludes the entry fee, which must still be payable.
    return std::min({wanted, available, free / (1.0 + ctx.taker_fee_rate(id))});
}

void FreqtradeStrategy::try_enter(StrategyContext& ctx, const BarView& bar, State& st) {
    // Colliding signals: Freqtrade ignores an entry signal when the exit signal is also set.
    if (!entry_signal(bar.instrument, bar) || exit_signal(bar.instrument, bar)) return;
    const int open = static_cast<int>(ctx.open_positions()) + pending_entries_;
    if (open >= config_.max_open_trades) return;
    const double stake = stake_for(ctx, bar.instrument);
    if (!(stake > 0.0)) return;
    // Sized in quote currency: the amount is stake / fill price, set at the next open.
    model::OrderRequest r =
        market_order(ctx.instrument(bar.instrument), bar.instrument, model::OrderSide::Buy, 0.0);
    r.notional = stake;
    st.entry_pending = true;
    st.stake = stake;
    ++pending_entries_;
    st.entry_id = ctx.submit(r);
}

void FreqtradeStrategy::open_trade(StrategyContext& ctx, const model::Order& entry, State& st) {
    const model::InstrumentId id = entry.instrument;
    const model::Instrument& inst = ctx.instrument(id);
    st.in_trade = true;
    st.open_rate = entry.avg_fill_price;
    st.open_ts = ctx.now();
    st.max_rate = st.open_rate;
    st.stop_price = st.open_rate * (1.0 + config_.stoploss);
    st.stake = st.open_rate * entry.filled_qty.as_double();
    // The stop and the ROI work from the entry candle on: the engine matches orders placed on
    // a fill at the open against the rest of that candle, stop before ROI.
    const double qty = ctx.position(id).signed_qty();
    model::OrderRequest stop = stop_order(inst, id, model::OrderSide::Sell, qty, st.stop_price);
    stop.qty = ctx.position(id).qty();
    stop.reduce_only = true;
    stop.tag = tag_value(ExitTag::StopLoss);
    st.stop_id = ctx.submit(stop);
    const double roi0 = roi_for(config_.minimal_roi, 0.0);
    if (std::isfinite(roi0)) {
        model::OrderRequest take =
            limit_order(inst, id, model::OrderSide::Sell, qty, st.open_rate * (1.0 + roi0));
        take.qty = ctx.position(id).qty();
        take.reduce_only = true;
        take.tag = tag_value(ExitTag::Roi);
        st.roi_id = ctx.submit(take);
    }
}

void FreqtradeStrategy::exit_now(StrategyContext& ctx, model::InstrumentId id, State& st,
                                 ExitTag tag) {
    model::OrderRequest r = market_order(ctx.instrument(id), id, model::OrderSide::Sell, 0.0);
    r.qty = ctx.position(id).qty();
    r.reduce_only = true;
    r.tag = tag_value(tag);
    st.exit_pending = true;
    ctx.submit(r);
}

void FreqtradeStrategy::on_order_event(StrategyContext& ctx, const model::OrderEvent& ev) {
    const model::Order& o = *ev.order;
    State& st = states_[o.instrument];
    using K = model::OrderEventKind;
    if (o.id == st.entry_id) {
        if (ev.kind == K::Filled) {
            st.entry_pending = false;
            --pending_entries_;
            open_trade(ctx, o, st);
        } else if (ev.kind == K::Cancelled || ev.kind == K::Rejected) {
            st.entry_pending = false;
            st.stake = 0.0;
            --pending_entries_;
        }
        return;
    }
    if (o.side != model::OrderSide::Sell || !st.in_trade) return;
    if (ev.kind == K::Filled && ctx.position(o.instrument).is_flat()) {
        if (st.stop_id != o.id) ctx.cancel(st.stop_id);
        if (st.roi_id != o.id) ctx.cancel(st.roi_id);
        const UnixMillis prev = st.prev_ts;
        const long long bars = st.bars;
        st = State{};
        st.prev_ts = prev;
        st.bars = bars;
    } else if ((ev.kind == K::Cancelled || ev.kind == K::Rejected) && o.id != st.stop_id &&
               o.id != st.roi_id) {
        st.exit_pending = false;
    }
}

void FreqtradeStrategy::on_stop(StrategyContext& ctx) {
    for (std::size_t i = 0; i < states_.size(); ++i) {
        State& st = states_[i];
        const auto id = static_cast<model::InstrumentId>(i);
        if (!st.in_trade || !ctx.position(id).is_long()) continue;
        ctx.cancel(st.stop_id);
        ctx.cancel(st.roi_id);
        exit_now(ctx, id, st, ExitTag::EndOfData);
    }
}

}  // namespace aitp::strategy
