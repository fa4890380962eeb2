// SPDX-License-Identifier: MIT
// LimitBook: one symbol's price-time priority limit order book in integer ticks and lots, with
// Binance's book sequence: every level change takes the next update id and is added to the
// pending diffs of each depth stream speed, so a REST snapshot (last_update_id) and the diff
// events (U..u) describe one sequence. Not thread-safe (the simulator runs on one thread).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace aitp::venuesim {

enum class Side { Buy, Sell };

/// A resting order's share of a level, in arrival order.
struct BookOrder {
    std::int64_t order_id = 0;
    int account = -1;  ///< -1: the synthetic market maker
    std::int64_t qty_lots = 0;
};

/// One execution against a resting order.
struct Match {
    std::int64_t maker_order_id = 0;
    int maker_account = -1;
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;
};

/// A price level's aggregate quantity (0 in a diff: the level was removed).
struct LevelQty {
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;
};

/// The changes of one depth-stream interval: update ids first..last and the final quantity of
/// every level that changed, bids best first, asks best first.
struct DepthDiff {
    std::uint64_t first_update_id = 0;
    std::uint64_t last_update_id = 0;
    std::vector<LevelQty> bids;
    std::vector<LevelQty> asks;
    bool is_empty() const { return last_update_id == 0; }
};

class LimitBook {
  public:
    /// Number of independent diff accumulators (0: @depth@100ms, 1: @depth 1000 ms).
    static constexpr int kDiffStreams = 2;

    /// Adds a resting order at the back of its level. Requires: it does not cross the book.
    void insert(Side side, std::int64_t price_ticks, const BookOrder& order);
    /// Removes an order; returns its remaining lots (0 when it is not in the book).
    std::int64_t erase(Side side, std::int64_t price_ticks, std::int64_t order_id);

    /// Returns the matches a taker on `side` would get, best price first, time priority within
    /// a level: at most max_lots and, when quote_budget is set, at most that much quote
    /// (quote of a match = price_ticks * qty_lots * quote_per_tick_lot), only at prices no worse
    /// than limit_ticks when set. Does not change the book.
    std::vector<Match> plan(Side side, std::optional<std::int64_t> limit_ticks,
                            std::int64_t max_lots, std::optional<double> quote_budget,
                            double quote_per_tick_lot) const;
    /// Applies planned matches (reduces or removes the makers).
    void execute(Side taker_side, const std::vector<Match>& matches);

    std::optional<LevelQty> best_bid() const;
    std::optional<LevelQty> best_ask() const;
    /// Returns up to `limit` levels per side, best first.
    std::pair<std::vector<LevelQty>, std::vector<LevelQty>> depth(std::size_t limit) const;
    /// Returns the orders of a side (for the flow generator), best level first.
    std::vector<std::pair<std::int64_t, BookOrder>> orders(Side side) const;
    std::size_t level_count(Side side) const;

    std::uint64_t last_update_id() const { return update_id_; }
    /// Returns and clears the pending diff of stream `stream` (0 or 1).
    DepthDiff take_diff(int stream);

  private:
    struct Level {
        std::deque<BookOrder> orders;
        std::int64_t total = 0;
    };
    using Bids = std::map<std::int64_t, Level, std::greater<>>;
    using Asks = std::map<std::int64_t, Level>;

    void record(Side side, std::int64_t price_ticks, std::int64_t total);
    template <typename Levels>
    static void reduce(Levels& levels, std::int64_t price, const Match& m);

    Bids bids_;
    Asks asks_;
    std::uint64_t update_id_ = 0;
    struct Pending {
        std::uint64_t first = 0;
        std::uint64_t last = 0;
        std::map<std::int64_t, std::int64_t, std::greater<>> bids;
        std::map<std::int64_t, std::int64_t> asks;
    };
    Pending pending_[kDiffStreams];
};

}  // namespace aitp::venuesim
