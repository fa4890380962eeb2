// SPDX-License-Identifier: MIT
#include "venuesim/limit_book.hpp"

#include <algorithm>

#include "core/check.hpp"

namespace aitp::venuesim {

namespace {

template <typename Levels>
void collect(const Levels& levels, std::optional<std::int64_t> limit, bool buy,
             std::int64_t max_lots, std::optional<double> quote_budget, double quote_per_tick_lot,
             std::vector<Match>& out) {
    std::int64_t lots_left = max_lots;
    double quote_left = quote_budget.value_or(0.0);
    for (const auto& [price, level] : levels) {
        if (limit && (buy ? price > *limit : price < *limit)) break;
        for (const BookOrder& o : level.orders) {
            if (lots_left <= 0) return;
            std::int64_t take = std::min(lots_left, o.qty_lots);
            if (quote_budget) {
                const double per_lot = static_cast<double>(price) * quote_per_tick_lot;
                // A small epsilon keeps an exact budget (e.g. 100 at 50 per lot) from losing a lot.
                const auto affordable = static_cast<std::int64_t>(quote_left / per_lot + 1e-9);
                take = std::min(take, affordable);
                if (take <= 0) return;
                quote_left -= static_cast<double>(take) * per_lot;
            }
            out.push_back(Match{o.order_id, o.account, price, take});
            lots_left -= take;
        }
    }
}

template <typename Levels>
std::vector<LevelQty> top(const Levels& levels, std::size_t limit) {
    std::vector<LevelQty> out;
    for (const auto& [price, level] : levels) {
        if (out.size() >= limit) break;
        out.push_back(LevelQty{price, level.total});
    }
    return out;
}

}  // namespace

void LimitBook::record(Side side, std::int64_t price_ticks, std::int64_t total) {
    ++update_id_;
    for (Pending& p : pending_) {
        if (p.first == 0) p.first = update_id_;
        p.last = update_id_;
        if (side == Side::Buy) {
            p.bids[price_ticks] = total;
        } else {
            p.asks[price_ticks] = total;
        }
    }
}

void LimitBook::insert(Side side, std::int64_t price_ticks, const BookOrder& order) {
    AITP_CHECK(order.qty_lots > 0, "Condition failed: order quantity > 0");
    auto add = [&](auto& levels) {
        Level& level = levels[price_ticks];
        level.orders.push_back(order);
        level.total += order.qty_lots;
        record(side, price_ticks, level.total);
    };
    if (side == Side::Buy) {
        AITP_CHECK(asks_.empty() || price_ticks < asks_.begin()->first,
                   "Condition failed: a resting bid must not cross the asks");
        add(bids_);
    } else {
        AITP_CHECK(bids_.empty() || price_ticks > bids_.begin()->first,
                   "Condition failed: a resting ask must not cross the bids");
        add(asks_);
    }
}

std::int64_t LimitBook::erase(Side side, std::int64_t price_ticks, std::int64_t order_id) {
    auto remove = [&](auto& levels) -> std::int64_t {
        auto it = levels.find(price_ticks);
        if (it == levels.end()) return 0;
        auto& orders = it->second.orders;
        auto o = std::find_if(orders.begin(), orders.end(),
                              [&](const BookOrder& b) { return b.order_id == order_id; });
        if (o == orders.end()) return 0;
        const std::int64_t qty = o->qty_lots;
        orders.erase(o);
        it->second.total -= qty;
        const std::int64_t total = it->second.total;
        if (orders.empty()) levels.erase(it);
        record(side, price_ticks, total);
        return qty;
    };
    return side == Side::Buy ? remove(bids_) : remove(asks_);
}

std::vector<Match> LimitBook::plan(Side side, std::optional<std::int64_t> limit_ticks,
                                   std::int64_t max_lots, std::optional<double> quote_budget,
                                   double quote_per_tick_lot) const {
    std::vector<Match> out;
    if (side == Side::Buy) {
        collect(asks_, limit_ticks, true, max_lots, quote_budget, quote_per_tick_lot, out);
    } else {
        collect(bids_, limit_ticks, false, max_lots, quote_budget, quote_per_tick_lot, out);
    }
    return out;
}

template <typename Levels>
void LimitBook::reduce(Levels& levels, std::int64_t price, const Match& m) {
    auto it = levels.find(price);
    AITP_CHECK(it != levels.end(), "Invariant: a planned match's level exists");
    auto& orders = it->second.orders;
    auto o = std::find_if(orders.begin(), orders.end(),
                          [&](const BookOrder& b) { return b.order_id == m.maker_order_id; });
    AITP_CHECK(o != orders.end() && o->qty_lots >= m.qty_lots,
               "Invariant: a planned match's maker has the quantity");
    o->qty_lots -= m.qty_lots;
    if (o->qty_lots == 0) orders.erase(o);
    it->second.total -= m.qty_lots;
}

void LimitBook::execute(Side taker_side, const std::vector<Match>& matches) {
    for (const Match& m : matches) {
        const Side maker = taker_side == Side::Buy ? Side::Sell : Side::Buy;
        std::int64_t total = 0;
        if (maker == Side::Buy) {
            reduce(bids_, m.price_ticks, m);
            total = bids_.at(m.price_ticks).total;
            if (total == 0) bids_.erase(m.price_ticks);
        } else {
            reduce(asks_, m.price_ticks, m);
            total = asks_.at(m.price_ticks).total;
            if (total == 0) asks_.erase(m.price_ticks);
        }
        record(maker, m.price_ticks, total);
    }
}

std::optional<LevelQty> LimitBook::best_bid() const {
    if (bids_.empty()) return std::nullopt;
    return LevelQty{bids_.begin()->first, bids_.begin()->second.total};
}

std::optional<LevelQty> LimitBook::best_ask() const {
    if (asks_.empty()) return std::nullopt;
    return LevelQty{asks_.begin()->first, asks_.begin()->second.total};
}

std::pair<std::vector<LevelQty>, std::vector<LevelQty>> LimitBook::depth(std::size_t limit) const {
    return {top(bids_, limit), top(asks_, limit)};
}

std::vector<std::pair<std::int64_t, BookOrder>> LimitBook::orders(Side side) const {
    std::vector<std::pair<std::int64_t, BookOrder>> out;
    auto add = [&](const auto& levels) {
        for (const auto& [price, level] : levels) {
            for (const BookOrder& o : level.orders) out.emplace_back(price, o);
        }
    };
    if (side == Side::Buy) {
        add(bids_);
    } else {
        add(asks_);
    }
    return out;
}

std::size_t LimitBook::level_count(Side side) const {
    return side == Side::Buy ? bids_.size() : asks_.size();
}

DepthDiff LimitBook::take_diff(int stream) {
    AITP_CHECK(stream >= 0 && stream < kDiffStreams, "Condition failed: stream is 0 or 1");
    Pending& p = pending_[stream];
    DepthDiff d;
    d.first_update_id = p.first;
    d.last_update_id = p.last;
    for (const auto& [price, qty] : p.bids) d.bids.push_back(LevelQty{price, qty});
    for (const auto& [price, qty] : p.asks) d.asks.push_back(LevelQty{price, qty});
    p = Pending{};
    return d;
}

}  // namespace aitp::venuesim
