// SPDX-License-Identifier: MIT
#include "model/order.hpp"

#include <gtest/gtest.h>

#include "model/position.hpp"

namespace aitp::model {
namespace {

using S = OrderStatus;
constexpr S kAll[] = {S::Pending, S::Submitted, S::Open,     S::PartialFill,
                      S::Filled,  S::Cancelled, S::Rejected, S::Error};

// The table of ORIGINAL.md 7.1, written out pair by pair.
bool expected_allowed(S from, S to) {
    switch (from) {
        case S::Pending:
            return to == S::Submitted || to == S::Rejected || to == S::Cancelled || to == S::Error;
        case S::Submitted:
            return to == S::Open || to == S::Filled || to == S::Cancelled || to == S::Rejected ||
                   to == S::Error;
        case S::Open:
            return to == S::PartialFill || to == S::Filled || to == S::Cancelled || to == S::Error;
        case S::PartialFill:
            return to == S::PartialFill || to == S::Filled || to == S::Cancelled || to == S::Error;
        default:
            return false;
    }
}

Order make_order() {
    OrderRequest r;
    r.qty = Quantity::from_raw(1'000'000'000, 6);
    return Order::from_request(7, r, 1000);
}

/// Drives a fresh order to `target` along allowed transitions.
Order order_in(S target) {
    Order o = make_order();
    const auto go = [&](S s) { ASSERT_TRUE(o.transition_to(s, 2000).has_value()); };
    switch (target) {
        case S::Pending:
            break;
        case S::Submitted:
            go(S::Submitted);
            break;
        case S::Open:
            go(S::Submitted);
            go(S::Open);
            break;
        case S::PartialFill:
            go(S::Submitted);
            go(S::Open);
            go(S::PartialFill);
            break;
        case S::Filled:
            go(S::Submitted);
            go(S::Filled);
            break;
        case S::Cancelled:
            go(S::Cancelled);
            break;
        case S::Rejected:
            go(S::Rejected);
            break;
        case S::Error:
            go(S::Error);
            break;
    }
    return o;
}

TEST(OrderTest, TransitionTableMatchesTheOriginal) {
    int allowed = 0;
    for (S from : kAll) {
        for (S to : kAll) {
            EXPECT_EQ(is_allowed_transition(from, to), expected_allowed(from, to))
                << order_status_name(from) << " -> " << order_status_name(to);
            allowed += is_allowed_transition(from, to) ? 1 : 0;
        }
    }
    EXPECT_EQ(allowed, 17);
}

TEST(OrderTest, IllegalTransitionsAreRejectedAndLeaveTheOrderUnchanged) {
    for (S from : kAll) {
        for (S to : kAll) {
            Order o = order_in(from);
            ASSERT_EQ(o.status(), from);
            const Status st = o.transition_to(to, 3000);
            EXPECT_EQ(st.has_value(), expected_allowed(from, to));
            if (!st) {
                EXPECT_EQ(o.status(), from);
                EXPECT_NE(st.error().message().find("illegal order transition"), std::string::npos);
            }
        }
    }
}

TEST(OrderTest, TransitionsStampTimes) {
    Order o = make_order();
    ASSERT_TRUE(o.transition_to(S::Submitted, 5).has_value());
    ASSERT_TRUE(o.transition_to(S::Filled, 9).has_value());
    EXPECT_EQ(o.submitted_ts, 5);
    EXPECT_EQ(o.filled_ts, 9);
    EXPECT_TRUE(o.is_terminal());
    const Status st = o.transition_to(S::Open, 10);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "illegal order transition filled -> open (order 7)");
}

Fill fill(OrderSide side, double px, double qty, double fee = 0.0) {
    Fill f;
    f.side = side;
    f.price = Price::from_raw(static_cast<std::int64_t>(px * 1e9), 2);
    f.qty = Quantity::from_raw(static_cast<std::int64_t>(qty * 1e9), 6);
    f.fee = fee;
    return f;
}

TEST(PositionTest, AveragesEntriesAndRealisesOnReduction) {
    Position p;
    p.apply(fill(OrderSide::Buy, 100, 1, 0.1));
    p.apply(fill(OrderSide::Buy, 110, 1, 0.11));
    EXPECT_DOUBLE_EQ(p.avg_price(), 105.0);
    EXPECT_DOUBLE_EQ(p.unrealised_pnl(120), 30.0);
    const double r = p.apply(fill(OrderSide::Sell, 120, 1.5, 0.18));
    EXPECT_NEAR(r, 15.0 * 1.5 - 0.18, 1e-12);
    EXPECT_DOUBLE_EQ(p.signed_qty(), 0.5);
    EXPECT_DOUBLE_EQ(p.avg_price(), 105.0);
    EXPECT_NEAR(p.realised_pnl(), 22.5 - 0.1 - 0.11 - 0.18, 1e-12);
}

TEST(PositionTest, CrossingZeroOpensTheRestAtTheFillPrice) {
    Position p;
    p.apply(fill(OrderSide::Buy, 100, 1));
    const double r = p.apply(fill(OrderSide::Sell, 90, 3));
    EXPECT_DOUBLE_EQ(r, -10.0);
    EXPECT_TRUE(p.is_short());
    EXPECT_DOUBLE_EQ(p.signed_qty(), -2.0);
    EXPECT_DOUBLE_EQ(p.avg_price(), 90.0);
    EXPECT_DOUBLE_EQ(p.unrealised_pnl(80), 20.0);
}

}  // namespace
}  // namespace aitp::model
