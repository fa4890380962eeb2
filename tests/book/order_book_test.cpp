// SPDX-License-Identifier: MIT
// OrderBook against an independent model (two std::map, the obvious implementation) under
// random updates, with the invariants checked after every operation, plus hand-checked cases.
#include "book/order_book.hpp"

#include <functional>
#include <map>
#include <random>

#include <gtest/gtest.h>

namespace aitp::book {
namespace {

struct MapModel {
    std::map<double, double, std::greater<>> bids;  // best (highest) first
    std::map<double, double> asks;                  // best (lowest) first

    void apply(Side side, double price, double qty) {
        if (side == Side::Bid) {
            if (qty > 0)
                bids[price] = qty;
            else
                bids.erase(price);
        } else {
            if (qty > 0)
                asks[price] = qty;
            else
                asks.erase(price);
        }
    }
    Depth depth() const {
        Depth d;
        for (const auto& [p, q] : bids) d.bids.push_back({p, q});
        for (const auto& [p, q] : asks) d.asks.push_back({p, q});
        return d;
    }
};

void expect_invariants(const OrderBook& book) {
    const Depth d = book.top();
    for (std::size_t i = 0; i < d.bids.size(); ++i) {
        ASSERT_GT(d.bids[i].qty, 0.0);
        if (i > 0) {
            ASSERT_LT(d.bids[i].price, d.bids[i - 1].price) << "bids not descending";
        }
    }
    for (std::size_t i = 0; i < d.asks.size(); ++i) {
        ASSERT_GT(d.asks[i].qty, 0.0);
        if (i > 0) {
            ASSERT_GT(d.asks[i].price, d.asks[i - 1].price) << "asks not ascending";
        }
    }
}

TEST(OrderBookTest, HandCheckedUpdates) {
    OrderBook book(8);
    book.apply(Side::Bid, 100.0, 1.0);
    book.apply(Side::Bid, 101.0, 2.0);
    book.apply(Side::Bid, 99.5, 3.0);
    book.apply(Side::Ask, 102.0, 4.0);
    book.apply(Side::Ask, 101.5, 5.0);
    EXPECT_EQ(book.best_bid(), (Level{101.0, 2.0}));
    EXPECT_EQ(book.best_ask(), (Level{101.5, 5.0}));
    EXPECT_EQ(book.level(Side::Bid, 2), (Level{99.5, 3.0}));
    book.apply(Side::Bid, 101.0, 0.0);  // removes the best bid
    book.apply(Side::Ask, 150.0, 0.0);  // removing an absent level is fine
    book.apply(Side::Ask, 101.5, 7.0);  // replaces the quantity
    const Depth want{{{100.0, 1.0}, {99.5, 3.0}}, {{101.5, 7.0}, {102.0, 4.0}}};
    EXPECT_EQ(book.top(), want);
    EXPECT_EQ(book.top(1), (Depth{{{100.0, 1.0}}, {{101.5, 7.0}}}));
    EXPECT_FALSE(book.is_crossed());
    book.apply(Side::Bid, 101.5, 1.0);
    EXPECT_TRUE(book.is_crossed());
}

TEST(OrderBookTest, ReplaceSortsDropsZerosAndKeepsTheLastDuplicate) {
    OrderBook book;
    book.apply(Side::Bid, 1.0, 1.0);
    const std::vector<Level> bids{{10.0, 1.0}, {12.0, 2.0}, {11.0, 0.0}, {10.0, 5.0}};
    const std::vector<Level> asks{{14.0, 1.0}, {13.0, 3.0}};
    book.replace(bids, asks);
    EXPECT_EQ(book.top(), (Depth{{{12.0, 2.0}, {10.0, 5.0}}, {{13.0, 3.0}, {14.0, 1.0}}}));
    book.truncate(Side::Ask, 1);
    EXPECT_EQ(book.top().asks, (std::vector<Level>{{13.0, 3.0}}));
    book.clear();
    EXPECT_TRUE(book.is_empty());
    EXPECT_FALSE(book.best_bid().has_value());
}

TEST(OrderBookTest, MatchesMapModelUnderRandomUpdates) {
    const unsigned seed = 20261208;
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> tick(0, 3000);
    std::uniform_int_distribution<int> coin(0, 3);
    std::uniform_int_distribution<int> lots(1, 50);
    OrderBook book(64);  // small reserve: the vectors must also grow correctly
    MapModel model;
    for (int i = 0; i < 60000; ++i) {
        // Bids below 30.00, asks above: a realistic, uncrossed book with thousands of levels.
        const Side side = (i % 2 == 0) ? Side::Bid : Side::Ask;
        const int t = tick(rng);
        const double price = side == Side::Bid ? 30.0 - t * 0.01 : 30.01 + t * 0.01;
        const double qty = coin(rng) == 0 ? 0.0 : lots(rng) * 0.001;
        book.apply(side, price, qty);
        model.apply(side, price, qty);
        if (i % 997 == 0) {
            ASSERT_EQ(book.top(), model.depth()) << "after update " << i;
            expect_invariants(book);
            ASSERT_FALSE(book.is_crossed());
        }
    }
    ASSERT_EQ(book.top(), model.depth());
    EXPECT_GT(book.level_count(Side::Bid), 1000u);
    const Depth top5 = book.top(5);
    const Depth all = model.depth();
    ASSERT_EQ(top5.bids.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(top5.bids[i], all.bids[i]);
}

}  // namespace
}  // namespace aitp::book
