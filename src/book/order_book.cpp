// SPDX-License-Identifier: MIT
#include "book/order_book.hpp"

#include <algorithm>

#include "core/check.hpp"

namespace aitp::book {
namespace {

// Bids ascend (best = highest at the back); asks descend (best = lowest at the back). `worse`
// orders a side from its worst level to its best.
bool worse(Side side, double a, double b) { return side == Side::Bid ? a < b : a > b; }

std::vector<Level>::iterator find_slot(Side side, std::vector<Level>& levels, double price) {
    return std::lower_bound(levels.begin(), levels.end(), price,
                            [side](const Level& l, double p) { return worse(side, l.price, p); });
}

void fill_side(Side side, std::span<const Level> in, std::vector<Level>& out) {
    out.clear();
    for (const Level& l : in) {
        if (l.qty > 0.0) out.push_back(l);
    }
    // Stable, so that of two equal prices the later one ends last and is the one kept.
    std::stable_sort(out.begin(), out.end(), [side](const Level& a, const Level& b) {
        return worse(side, a.price, b.price);
    });
    auto last = std::unique(out.rbegin(), out.rend(),
                            [](const Level& a, const Level& b) { return a.price == b.price; });
    out.erase(out.begin(), last.base());
}

}  // namespace

OrderBook::OrderBook(std::size_t reserve_levels) {
    bids_.reserve(reserve_levels);
    asks_.reserve(reserve_levels);
}

void OrderBook::apply(Side side, double price, double qty) {
    std::vector<Level>& levels = side_levels(side);
    auto it = find_slot(side, levels, price);
    const bool present = it != levels.end() && it->price == price;
    if (qty > 0.0) {
        if (present) {
            it->qty = qty;
        } else {
            levels.insert(it, Level{price, qty});
        }
    } else if (present) {
        levels.erase(it);
    }
}

void OrderBook::clear() {
    bids_.clear();
    asks_.clear();
}

void OrderBook::replace(std::span<const Level> bids, std::span<const Level> asks) {
    fill_side(Side::Bid, bids, bids_);
    fill_side(Side::Ask, asks, asks_);
}

void OrderBook::truncate(Side side, std::size_t depth) {
    std::vector<Level>& levels = side_levels(side);
    if (levels.size() > depth) {
        levels.erase(levels.begin(),
                     levels.begin() + static_cast<std::ptrdiff_t>(levels.size() - depth));
    }
}

std::optional<Level> OrderBook::best_bid() const {
    if (bids_.empty()) return std::nullopt;
    return bids_.back();
}

std::optional<Level> OrderBook::best_ask() const {
    if (asks_.empty()) return std::nullopt;
    return asks_.back();
}

std::size_t OrderBook::level_count(Side side) const { return side_levels(side).size(); }

Level OrderBook::level(Side side, std::size_t i) const {
    const std::vector<Level>& levels = side_levels(side);
    AITP_CHECK(i < levels.size(), "Condition failed: level index < level_count");
    return levels[levels.size() - 1 - i];
}

bool OrderBook::is_crossed() const {
    return !bids_.empty() && !asks_.empty() && bids_.back().price >= asks_.back().price;
}

Depth OrderBook::top(std::size_t n) const {
    Depth out;
    top(n, out);
    return out;
}

void OrderBook::top(std::size_t n, Depth& out) const {
    auto copy = [n](const std::vector<Level>& levels, std::vector<Level>& dst) {
        const std::size_t count = n == 0 ? levels.size() : std::min(n, levels.size());
        dst.assign(levels.rbegin(), levels.rbegin() + static_cast<std::ptrdiff_t>(count));
    };
    copy(bids_, out.bids);
    copy(asks_, out.asks);
}

}  // namespace aitp::book
