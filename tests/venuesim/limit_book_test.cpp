// SPDX-License-Identifier: MIT
// LimitBook: price-time priority, partial fills, quote budgets, and the update-id sequence of
// the depth diffs (checked against hand-worked examples; the book is checked uncrossed after
// every operation).
#include "venuesim/limit_book.hpp"

#include <gtest/gtest.h>

namespace aitp::venuesim {
namespace {

void expect_uncrossed(const LimitBook& b) {
    const auto bid = b.best_bid();
    const auto ask = b.best_ask();
    if (bid && ask) {
        EXPECT_LT(bid->price_ticks, ask->price_ticks);
    }
}

TEST(LimitBookTest, TakerGetsBestPriceThenTimePriority) {
    LimitBook b;
    b.insert(Side::Sell, 101, BookOrder{1, -1, 5});
    b.insert(Side::Sell, 100, BookOrder{2, -1, 3});
    b.insert(Side::Sell, 100, BookOrder{3, 0, 4});
    b.insert(Side::Buy, 99, BookOrder{4, -1, 7});
    expect_uncrossed(b);
    const auto plan = b.plan(Side::Buy, 101, 9, std::nullopt, 0.0);
    ASSERT_EQ(plan.size(), 3u);
    EXPECT_EQ(plan[0].maker_order_id, 2);  // best price, first in time
    EXPECT_EQ(plan[0].qty_lots, 3);
    EXPECT_EQ(plan[1].maker_order_id, 3);
    EXPECT_EQ(plan[1].qty_lots, 4);
    EXPECT_EQ(plan[2].maker_order_id, 1);
    EXPECT_EQ(plan[2].price_ticks, 101);
    EXPECT_EQ(plan[2].qty_lots, 2);  // partial fill of the maker
    b.execute(Side::Buy, plan);
    expect_uncrossed(b);
    ASSERT_TRUE(b.best_ask());
    EXPECT_EQ(b.best_ask()->price_ticks, 101);
    EXPECT_EQ(b.best_ask()->qty_lots, 3);
    // A limit stops the walk; a quote budget of 250 at 99 per lot buys 2 lots.
    EXPECT_TRUE(b.plan(Side::Sell, 100, 10, std::nullopt, 0.0).empty());
    const auto budget = b.plan(Side::Sell, std::nullopt, 100, 250.0, 1.0);
    ASSERT_EQ(budget.size(), 1u);
    EXPECT_EQ(budget[0].qty_lots, 2);
}

TEST(LimitBookTest, EveryLevelChangeTakesTheNextUpdateId) {
    LimitBook b;
    b.insert(Side::Buy, 10, BookOrder{1, -1, 5});   // id 1
    b.insert(Side::Buy, 10, BookOrder{2, -1, 2});   // id 2: level 10 -> 7
    b.insert(Side::Sell, 12, BookOrder{3, -1, 1});  // id 3
    EXPECT_EQ(b.last_update_id(), 3u);
    const DepthDiff d = b.take_diff(0);
    EXPECT_EQ(d.first_update_id, 1u);
    EXPECT_EQ(d.last_update_id, 3u);
    ASSERT_EQ(d.bids.size(), 1u);
    EXPECT_EQ(d.bids[0].qty_lots, 7);         // the level's final quantity
    EXPECT_EQ(b.erase(Side::Buy, 10, 1), 5);  // id 4
    b.execute(Side::Buy, b.plan(Side::Buy, std::nullopt, 1, std::nullopt, 0.0));  // id 5
    const DepthDiff e = b.take_diff(0);
    EXPECT_EQ(e.first_update_id, 4u);
    EXPECT_EQ(e.last_update_id, 5u);
    ASSERT_EQ(e.asks.size(), 1u);
    EXPECT_EQ(e.asks[0].qty_lots, 0);  // removed level
    EXPECT_TRUE(b.take_diff(0).is_empty());
    // The 1000 ms stream has its own accumulator: it still holds ids 1..5.
    const DepthDiff slow = b.take_diff(1);
    EXPECT_EQ(slow.first_update_id, 1u);
    EXPECT_EQ(slow.last_update_id, 5u);
    EXPECT_EQ(b.erase(Side::Buy, 10, 99), 0);
}

}  // namespace
}  // namespace aitp::venuesim
