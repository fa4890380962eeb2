// SPDX-License-Identifier: MIT
// OrderBook: a price-level (L2) book, bids and asks, each level an absolute quantity as the
// venues publish it. The book owns its levels; it is a value type and not thread-safe (one
// writer; copy it to share a consistent view).
// Invariants: each side is sorted with its best level at the back, no level has qty <= 0, and
// no price appears twice on a side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace aitp::book {

enum class Side : std::uint8_t { Bid, Ask };

/// One price level: a price and the total quantity resting at it.
struct Level {
    double price = 0.0;
    double qty = 0.0;
    friend bool operator==(const Level&, const Level&) = default;
};

/// The top levels of both sides, best first.
struct Depth {
    std::vector<Level> bids;  ///< highest price first
    std::vector<Level> asks;  ///< lowest price first
    friend bool operator==(const Depth&, const Depth&) = default;
};

/// Price-level book over two sorted flat vectors.
///
/// Why flat vectors: updates cluster near the top of the book, and each side keeps its best
/// level at the back, so an update near the touch finds its level by binary search and
/// inserts or erases by moving only the few levels above it; the memory is contiguous (no
/// node per level as in std::map) and reserved up front, so after warm-up an update never
/// allocates while a side stays within its reserved capacity.
///
/// Prices are doubles parsed from the venue's decimal text: the same text always gives the
/// same double, so a level is found by exact equality.
class OrderBook {
  public:
    /// Reserves room for `reserve_levels` levels per side.
    explicit OrderBook(std::size_t reserve_levels = 4096);

    /// Sets the quantity at `price` (absolute, as in a depth diff); qty <= 0 removes the level
    /// (removing an absent level is not an error: venues send such removals). O(log n) search
    /// plus a move of the levels better than `price`.
    void apply(Side side, double price, double qty);

    /// Removes every level (capacity is kept).
    void clear();

    /// Replaces the book with a snapshot; levels may come in any order, qty <= 0 is skipped,
    /// and a price repeated on one side keeps its last quantity.
    void replace(std::span<const Level> bids, std::span<const Level> asks);

    /// Keeps the best `depth` levels of a side and drops the rest.
    void truncate(Side side, std::size_t depth);

    /// Returns the best bid (highest price), or nullopt when there are no bids.
    std::optional<Level> best_bid() const;
    /// Returns the best ask (lowest price), or nullopt when there are no asks.
    std::optional<Level> best_ask() const;

    /// Returns the number of levels on a side.
    std::size_t level_count(Side side) const;
    /// Returns the i-th best level of a side. Requires: i < level_count(side).
    Level level(Side side, std::size_t i) const;
    /// Returns true when both sides are empty.
    bool is_empty() const { return bids_.empty() && asks_.empty(); }
    /// Returns true when the best bid is at or above the best ask.
    bool is_crossed() const;

    /// Returns the best `n` levels of each side (all of them when n is 0).
    Depth top(std::size_t n = 0) const;
    /// Fills `out` with the best `n` levels of each side, reusing its capacity.
    void top(std::size_t n, Depth& out) const;

    friend bool operator==(const OrderBook& a, const OrderBook& b) {
        return a.bids_ == b.bids_ && a.asks_ == b.asks_;
    }

  private:
    std::vector<Level>& side_levels(Side side) { return side == Side::Bid ? bids_ : asks_; }
    const std::vector<Level>& side_levels(Side side) const {
        return side == Side::Bid ? bids_ : asks_;
    }

    std::vector<Level> bids_;  ///< ascending price: best (highest) at the back
    std::vector<Level> asks_;  ///< descending price: best (lowest) at the back
};

}  // namespace aitp::book
