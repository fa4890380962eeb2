// SPDX-License-Identifier: MIT
#include "strategy/sma_cross.hpp"

#include <fmt/format.h>

#include "strategy/orders.hpp"
#include "strategy/sizing.hpp"

namespace aitp::strategy {

const std::vector<ParamSpec>& SmaCross::param_specs() {
    static const std::vector<ParamSpec> specs = {
        {"fast", 10, 1, 10'000, true, "fast SMA period"},
        {"slow", 30, 2, 10'000, true, "slow SMA period"},
        {"allocation", 1.0, 0.0, 1.0, false, "fraction of cash per entry"},
        {"size", 0.0, 0.0, 1e12, false, "fixed quantity per entry (0: size by allocation)"},
    };
    return specs;
}

SmaCross::Config SmaCross::from_params(const ParamSet& p) {
    return {p.get_int("fast"), p.get_int("slow"), p.get("allocation"), p.get("size")};
}

Status SmaCross::check(const ParamSet& p) {
    if (p.get_int("fast") >= p.get_int("slow")) {
        return fail(Error::invalid_argument(fmt::format("fast ({}) must be shorter than slow ({})",
                                                        p.get_int("fast"), p.get_int("slow"))));
    }
    return ok_status();
}

void SmaCross::on_start(StrategyContext& ctx) {
    states_.clear();
    states_.reserve(ctx.instrument_count());
    for (std::size_t i = 0; i < ctx.instrument_count(); ++i) {
        states_.push_back(State{indicators::Sma({config_.fast}), indicators::Sma({config_.slow})});
    }
}

double SmaCross::allocation_qty(StrategyContext& ctx, const BarView& bar) const {
    const model::Instrument& inst = ctx.instrument(bar.instrument);
    const std::size_t free_slots = ctx.instrument_count() - ctx.open_positions();
    const double budget = ctx.cash(inst.venue) * config_.allocation /
                          static_cast<double>(free_slots == 0 ? 1 : free_slots);
    return affordable_qty(budget, bar.bar.close, ctx.taker_fee_rate(bar.instrument));
}

void SmaCross::on_bar(StrategyContext& ctx, const BarView& bar) {
    State& s = states_[bar.instrument];
    const double f = s.fast.update(bar.bar.close);
    const double sl = s.slow.update(bar.bar.close);
    if (!s.slow.is_ready() || !s.fast.is_ready()) return;
    const bool had_prev = s.has_prev;
    const bool was_above = s.prev_fast > s.prev_slow;
    s.prev_fast = f;
    s.prev_slow = sl;
    s.has_prev = true;
    if (!had_prev) return;
    const bool above = f > sl;
    const model::Position& pos = ctx.position(bar.instrument);
    const model::Instrument& inst = ctx.instrument(bar.instrument);
    if (above && !was_above && pos.is_flat()) {
        const double qty = config_.size > 0.0 ? config_.size : allocation_qty(ctx, bar);
        if (inst.make_qty(qty).raw() > 0) {
            ctx.submit(market_order(inst, bar.instrument, model::OrderSide::Buy, qty));
        }
    } else if (!above && was_above && pos.is_long()) {
        model::OrderRequest r = market_order(inst, bar.instrument, model::OrderSide::Sell, 0.0);
        r.qty = pos.qty();
        r.tag = tag_value(ExitTag::Signal);
        ctx.submit(r);
    }
}

}  // namespace aitp::strategy
