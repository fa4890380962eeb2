// SPDX-License-Identifier: MIT
// Order handling of BacktestEngine on hand-made bars: every order type and time in force,
// gap-through fills, the stop-before-target rule, bracket OCO, reduce-only, volume-limited
// partial fills and cash-account checks. Expected prices and states are worked out by hand in
// the comments from the rule in backtest/bar_matcher.hpp.
#include <functional>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "strategy/orders.hpp"

namespace aitp::backtest {
namespace {

using model::BarPayload;
using model::OrderSide;
using model::OrderStatus;
using model::TimeInForce;
using strategy::StrategyContext;

constexpr UnixMillis kHour = kMillisPerHour;

/// Calls `script(ctx, bar_index)` on every bar and records order events.
class Scripted final : public strategy::Strategy {
  public:
    using Script = std::function<void(StrategyContext&, int)>;
    explicit Scripted(Script s) : script_(std::move(s)) {}
    std::string_view name() const override { return "scripted"; }
    void on_bar(StrategyContext& ctx, const strategy::BarView&) override { script_(ctx, bar_++); }
    void on_order_event(StrategyContext&, const model::OrderEvent& ev) override {
        events.push_back({ev.kind, ev.order->id, ev.order->status()});
    }
    struct Ev {
        model::OrderEventKind kind;
        model::OrderId id;
        OrderStatus status;
    };
    std::vector<Ev> events;

  private:
    Script script_;
    int bar_ = 0;
};

struct RunOutput {
    BacktestResult result;
    std::vector<model::Order> orders;  ///< final state of orders 1..n
};

model::Instrument plain() {
    model::Instrument i = model::Instrument::crypto_spot("X");
    i.maker_fee = 0.0;
    i.taker_fee = 0.0;
    return i;
}

RunOutput run_bars(const std::vector<BarPayload>& bars, Scripted::Script script,
                   EngineConfig cfg = {}, model::Instrument inst = plain(),
                   UnixMillis step = kHour) {
    std::vector<model::MarketEvent> ev;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        ev.push_back(model::MarketEvent::make_bar(0, static_cast<UnixMillis>(i) * step, bars[i]));
    }
    model::VectorEventSource src(std::move(ev));
    BacktestEngine engine(cfg);
    engine.add_instrument(inst);
    Scripted s(std::move(script));
    auto r = engine.run(src, s);
    EXPECT_TRUE(r.has_value());
    RunOutput out{std::move(*r), {}};
    for (model::OrderId id = 1; engine.order(id) != nullptr; ++id)
        out.orders.push_back(*engine.order(id));
    return out;
}

const model::Instrument kInst = plain();
model::OrderRequest market(OrderSide side, double qty, TimeInForce tif = TimeInForce::Gtc) {
    return strategy::market_order(kInst, 0, side, qty, tif);
}
model::OrderRequest limit(OrderSide side, double qty, double px,
                          TimeInForce tif = TimeInForce::Gtc) {
    return strategy::limit_order(kInst, 0, side, qty, px, tif);
}
model::OrderRequest stop(OrderSide side, double qty, double trigger) {
    return strategy::stop_order(kInst, 0, side, qty, trigger);
}

// Issue 16 item 9: the engine refuses bars import refuses (model/bar_check.hpp), naming the
// instrument and time, instead of trading on them.
TEST(EngineOrderTest, RefusesBarsWithNonPositiveInfiniteOrCrossedPrices) {
    const std::pair<BarPayload, const char*> cases[] = {
        {{10, 9, 11, 10, 1}, "bar of X at 1970-01-01T01:00:00Z: high 9 is below low 11"},
        {{10, 11, 9, -10, 1}, "close is -10 (prices must be > 0)"},
        {{10, std::numeric_limits<double>::infinity(), 9, 10, 1}, "high is inf"},
    };
    for (const auto& [bad, needle] : cases) {
        std::vector<model::MarketEvent> ev;
        ev.push_back(model::MarketEvent::make_bar(0, 0, {10, 11, 9, 10, 1}));
        ev.push_back(model::MarketEvent::make_bar(0, kHour, bad));
        model::VectorEventSource src(std::move(ev));
        BacktestEngine engine;
        engine.add_instrument(plain());
        int bars_seen = 0;
        Scripted s([&](StrategyContext&, int) { ++bars_seen; });
        const auto r = engine.run(src, s);
        ASSERT_FALSE(r.has_value()) << needle;
        EXPECT_EQ(r.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(r.error().message().find(needle), std::string::npos) << r.error().message();
        EXPECT_EQ(bars_seen, 1);  // the strategy never saw the bad bar
    }
}

TEST(EngineOrderTest, MarketOrderFillsAtTheCloseWithTakerFee) {
    model::Instrument inst = plain();
    inst.taker_fee = 0.001;
    const RunOutput r = run_bars(
        {{100, 101, 99, 100.5, 10}, {101, 102, 100, 101, 10}},
        [](StrategyContext& c, int i) {
            if (i == 0) c.submit(market(OrderSide::Buy, 2));
        },
        {}, inst);
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 100.5);
    EXPECT_NEAR(r.result.fills[0].fee, 0.201, 1e-12);  // 100.5 * 2 * 0.1 %
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Filled);
    // Equity at the end: cash 10000 - 201 - 0.201 plus 2 * 101.
    EXPECT_NEAR(r.result.final_equity, 10'000 - 201.201 + 202, 1e-9);
}

TEST(EngineOrderTest, MarketOrderWithNextOpenFillsAtTheNextOpen) {
    EngineConfig cfg;
    cfg.market_fill = MarketFill::NextOpen;
    const RunOutput r = run_bars(
        {{100, 101, 99, 100.5, 10}, {103, 104, 102, 103.5, 10}},
        [](StrategyContext& c, int i) {
            if (i == 0) c.submit(market(OrderSide::Buy, 1));
        },
        cfg);
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 103.0);
    EXPECT_EQ(r.result.fills[0].ts, kHour);
}

// An all-cash market buy sized at the signal close 100 (100 units of 10,000 cash) fills at the
// next open 101, where the cash buys floor(10,000 / (101 * 1.001), 6 decimals) = 98.910990
// units (98.91099 * 101 * 1.001 = 9999.99999999 <= 10,000; one more 1e-6 unit costs
// 10,000.0001): capped, filled, not dropped.
TEST(EngineOrderTest, NextOpenMarketBuyIsCappedToTheCashAtItsFillPrice) {
    EngineConfig cfg;
    cfg.market_fill = MarketFill::NextOpen;
    model::Instrument inst = plain();
    inst.taker_fee = 0.001;
    const RunOutput r = run_bars(
        {{100, 100, 100, 100, 10}, {101, 102, 100, 101.5, 10}},
        [](StrategyContext& c, int i) {
            if (i == 0) c.submit(market(OrderSide::Buy, 10'000.0 / (100 * 1.001)));
        },
        cfg, inst);
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 101.0);
    EXPECT_EQ(r.result.fills[0].qty.raw(), Quantity::from_raw(98'910'990'000, 6).raw());
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Filled);
    EXPECT_EQ(r.orders[0].qty.raw(), r.result.fills[0].qty.raw());
    EXPECT_EQ(r.result.orders.filled, 1);
    EXPECT_EQ(r.result.orders.capped, 1);
    EXPECT_EQ(r.result.orders.rejected, 0);
    EXPECT_EQ(r.result.orders.cancelled, 0);
}

// A resting limit buy that the cash no longer covers when it is touched is refused: the state
// table ends an open order as cancelled, but it is counted and listed as a rejection with its
// reason. Bar 0: limit buy 60 @ 99 (fits 10,000) and a market buy 50 @ 100 (5,000 left);
// bar 1 touches 99: 60 * 99 = 5,940 > 5,000.
TEST(EngineOrderTest, RestingOrderRefusedAtItsFillCountsAsRejectedWithItsReason) {
    const RunOutput r =
        run_bars({{100, 100, 100, 100, 10}, {100, 100, 98, 99, 10}}, [](StrategyContext& c, int i) {
            if (i != 0) return;
            c.submit(limit(OrderSide::Buy, 60, 99));
            c.submit(market(OrderSide::Buy, 50));
        });
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[0].reason, "insufficient cash");
    EXPECT_EQ(r.result.orders.submitted, 2);
    EXPECT_EQ(r.result.orders.filled, 1);
    EXPECT_EQ(r.result.orders.rejected, 1);
    EXPECT_EQ(r.result.orders.cancelled, 0);
    ASSERT_EQ(r.result.rejections.size(), 1u);
    EXPECT_EQ(r.result.rejections[0].order_id, 1u);
    EXPECT_EQ(r.result.rejections[0].ts, kHour);
    EXPECT_EQ(r.result.rejections[0].reason, "insufficient cash");
    const auto counts = rejection_counts(r.result);
    ASSERT_EQ(counts.size(), 1u);
    EXPECT_EQ(counts[0].second, 1);
}

// A position still open at the end counts as a trade marked at the last close, and its bars
// count as exposure (metrics/run_metrics.hpp). Buy 10 at bar 1's close 100 (no fees), hold
// through closes 110 and 120: one trade, pnl (120 - 100) * 10 = 200, held at the end of bars
// 1..3 of 4 = exposure 0.75.
TEST(EngineOrderTest, PositionOpenAtTheEndCountsInRunMetrics) {
    const RunOutput r = run_bars({{100, 100, 100, 100, 10},
                                  {100, 100, 100, 100, 10},
                                  {110, 110, 110, 110, 10},
                                  {120, 120, 120, 120, 10}},
                                 [](StrategyContext& c, int i) {
                                     if (i == 1) c.submit(market(OrderSide::Buy, 10));
                                 });
    EXPECT_TRUE(r.result.trades.empty());
    ASSERT_EQ(r.result.open_trades.size(), 1u);
    const Trade& t = r.result.open_trades[0];
    EXPECT_EQ(t.entry_ts, kHour);
    EXPECT_EQ(t.exit_ts, 3 * kHour);
    EXPECT_EQ(t.exit_price, 120.0);
    EXPECT_NEAR(t.pnl, 200.0, 1e-9);
    const ResultMetrics m = compute_result_metrics(r.result);
    EXPECT_EQ(m.run.num_trades, 1);
    EXPECT_DOUBLE_EQ(m.run.exposure, 0.75);
    EXPECT_DOUBLE_EQ(m.run.win_rate, 1.0);
    EXPECT_NEAR(m.run.avg_trade_pnl, 200.0, 1e-9);
    EXPECT_FALSE(m.has_trades);  // the original's trade metrics cover closed trades
}

TEST(EngineOrderTest, LimitBuyFillsOnTouchAtItsPriceAsMaker) {
    const RunOutput r = run_bars({{100, 101, 99, 100, 10}, {100, 100.5, 97.5, 99, 10}},
                                 [](StrategyContext& c, int i) {
                                     if (i == 0) c.submit(limit(OrderSide::Buy, 1, 98));
                                 });
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 98.0);
    EXPECT_EQ(r.result.fills[0].liquidity, model::Liquidity::Maker);
}

TEST(EngineOrderTest, LimitBuyGappedThroughFillsAtTheOpen) {
    const RunOutput r =
        run_bars({{100, 101, 99, 100, 10}, {96, 97, 95, 96, 10}}, [](StrategyContext& c, int i) {
            if (i == 0) c.submit(limit(OrderSide::Buy, 1, 98));
        });
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 96.0);  // better than the limit
}

TEST(EngineOrderTest, StopSellTouchedFillsAtTheStopAndGapFillsAtTheOpen) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(market(OrderSide::Buy, 2));
            c.submit(stop(OrderSide::Sell, 1, 98));
            c.submit(stop(OrderSide::Sell, 1, 95));
        }
    };
    // Bar 1 trades down to 97: the 98 stop fills at 98. Bar 2 opens at 90, below the 95 stop:
    // it fills at the open, 90, not at 95.
    const RunOutput r =
        run_bars({{100, 101, 99, 100, 10}, {99, 99.5, 97, 97.5, 10}, {90, 91, 89, 90, 10}}, script);
    ASSERT_EQ(r.result.fills.size(), 3u);
    EXPECT_EQ(r.result.fills[1].price.as_double(), 98.0);
    EXPECT_EQ(r.result.fills[2].price.as_double(), 90.0);
    EXPECT_EQ(r.result.fills[2].ts, 2 * kHour);
}

TEST(EngineOrderTest, StopBuyGapFillsAtTheOpen) {
    const RunOutput r = run_bars({{100, 101, 99, 100, 10}, {105, 106, 104, 105, 10}},
                                 [](StrategyContext& c, int i) {
                                     if (i == 0) c.submit(stop(OrderSide::Buy, 1, 102));
                                 });
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 105.0);
}

TEST(EngineOrderTest, StopLimitFillsWithinItsLimitOrRestsAfterAGap) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(strategy::stop_limit_order(kInst, 0, OrderSide::Buy, 1, 102, 103));
            c.submit(strategy::stop_limit_order(kInst, 0, OrderSide::Buy, 1, 101, 101.5));
        }
    };
    // Bar 1 opens at 102.5: order 1 triggers at 102.5 <= 103 and fills there; order 2 triggers
    // at the open 102.5 > 101.5, so it rests as a limit at 101.5 and fills on bar 2 (low 101).
    const RunOutput r = run_bars(
        {{100, 101, 99, 100, 10}, {102.5, 104, 102, 103, 10}, {102, 102, 101, 101, 10}}, script);
    ASSERT_EQ(r.result.fills.size(), 2u);
    EXPECT_EQ(r.result.fills[0].order_id, 1u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 102.5);
    EXPECT_EQ(r.result.fills[1].order_id, 2u);
    EXPECT_EQ(r.result.fills[1].price.as_double(), 101.5);
    EXPECT_EQ(r.result.fills[1].ts, 2 * kHour);
    EXPECT_TRUE(r.orders[1].triggered);
}

TEST(EngineOrderTest, TrailingStopTrailsTheHighAndFires) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(market(OrderSide::Buy, 1));
            c.submit(strategy::trailing_stop_order(kInst, 0, OrderSide::Sell, 1, 95, 3));
        }
    };
    // Bar 1 high 104 -> stop 101 (checked against 95 first: low 99 does not hit it).
    // Bar 2 high 110 -> low 102 does not hit 101; stop trails to 107. Bar 3 low 105 hits 107.
    const RunOutput r = run_bars({{100, 100, 100, 100, 10},
                                  {100, 104, 99, 103, 10},
                                  {103, 110, 102, 109, 10},
                                  {109, 109, 105, 106, 10}},
                                 script);
    ASSERT_EQ(r.result.fills.size(), 2u);
    EXPECT_EQ(r.result.fills[1].price.as_double(), 107.0);
    EXPECT_EQ(r.result.fills[1].ts, 3 * kHour);
}

TEST(EngineOrderTest, BracketStopFillsBeforeTargetInTheSameBarAndCancelsIt) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) c.submit_bracket({market(OrderSide::Buy, 1), 95, 105});
    };
    // Bar 1 spans 94..106: both legs are inside; the stop-loss wins, the target is cancelled.
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}, {100, 106, 94, 100, 10}}, script);
    ASSERT_EQ(r.result.fills.size(), 2u);
    EXPECT_EQ(r.result.fills[1].price.as_double(), 95.0);
    EXPECT_EQ(r.orders[1].status(), OrderStatus::Filled);     // stop-loss
    EXPECT_EQ(r.orders[2].status(), OrderStatus::Cancelled);  // take-profit (OCO)
    ASSERT_EQ(r.result.trades.size(), 1u);
    EXPECT_EQ(r.result.trades[0].exit_tag, strategy::tag_value(strategy::ExitTag::StopLoss));
}

TEST(EngineOrderTest, BracketTakeProfitCancelsTheStopAndGapUpFillsAtOpen) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) c.submit_bracket({market(OrderSide::Buy, 1), 95, 105});
    };
    // Bar 1 opens at 107 above the target: the target fills at the open before anything else.
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}, {107, 108, 94, 100, 10}}, script);
    ASSERT_EQ(r.result.fills.size(), 2u);
    EXPECT_EQ(r.result.fills[1].price.as_double(), 107.0);
    EXPECT_EQ(r.orders[2].status(), OrderStatus::Filled);
    EXPECT_EQ(r.orders[1].status(), OrderStatus::Cancelled);
}

TEST(EngineOrderTest, BracketLegsStayPendingUntilTheEntryFillsAndDieWithIt) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) c.submit_bracket({limit(OrderSide::Buy, 1, 90, TimeInForce::Ioc), 85, 95});
    };
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}, {100, 101, 99, 100, 10}}, script);
    EXPECT_TRUE(r.result.fills.empty());
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[1].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[2].status(), OrderStatus::Cancelled);
}

TEST(EngineOrderTest, IocAndFokLimitsGetOneChance) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(limit(OrderSide::Buy, 1, 99, TimeInForce::Ioc));   // close 100: not marketable
            c.submit(limit(OrderSide::Buy, 1, 101, TimeInForce::Fok));  // marketable: fills at 100
        }
    };
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}, {99, 99, 90, 95, 10}}, script);
    ASSERT_EQ(r.result.fills.size(), 1u);
    EXPECT_EQ(r.result.fills[0].order_id, 2u);
    EXPECT_EQ(r.result.fills[0].price.as_double(), 100.0);
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Cancelled);  // never rests, even if bar 1 dips
}

TEST(EngineOrderTest, VolumeLimitGivesPartialFillsIocCancelsFokRejects) {
    EngineConfig cfg;
    cfg.volume_limit = 0.5;  // half the bar's volume: 5 units of a 10-unit bar
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(market(OrderSide::Buy, 8, TimeInForce::Ioc));  // 5 fill, 3 cancelled
        }
        if (i == 1) c.submit(market(OrderSide::Buy, 8, TimeInForce::Fok));  // cannot fill 8
        if (i == 2) c.submit(limit(OrderSide::Buy, 8, 100));  // GTC: 5 now-ish, 3 next bar
    };
    const RunOutput r = run_bars({{100, 100, 100, 100, 10},
                                  {100, 100, 100, 100, 10},
                                  {100, 100, 100, 100, 10},
                                  {100, 100, 100, 100, 10},
                                  {100, 100, 100, 100, 10}},
                                 script, cfg);
    EXPECT_EQ(r.orders[0].filled_qty.as_double(), 5.0);
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[1].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[1].filled_qty.raw(), 0);
    // The GTC limit rests from bar 2, fills 5 on bar 3 and the last 3 on bar 4.
    EXPECT_EQ(r.orders[2].status(), OrderStatus::Filled);
    ASSERT_EQ(r.result.fills.size(), 3u);
    EXPECT_EQ(r.result.fills[1].qty.as_double(), 5.0);
    EXPECT_EQ(r.result.fills[1].ts, 3 * kHour);
    EXPECT_EQ(r.result.fills[2].qty.as_double(), 3.0);
    EXPECT_EQ(r.result.fills[2].ts, 4 * kHour);
}

TEST(EngineOrderTest, PartialFillWalksThroughTheStateMachine) {
    EngineConfig cfg;
    cfg.volume_limit = 0.5;
    Scripted* seen = nullptr;
    std::vector<BarPayload> bars(3, BarPayload{100, 100, 100, 100, 10});
    std::vector<model::MarketEvent> ev;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        ev.push_back(model::MarketEvent::make_bar(0, static_cast<UnixMillis>(i) * kHour, bars[i]));
    }
    model::VectorEventSource src(std::move(ev));
    BacktestEngine engine(cfg);
    engine.add_instrument(plain());
    Scripted s([](StrategyContext& c, int i) {
        if (i == 0) c.submit(market(OrderSide::Buy, 8));
    });
    seen = &s;
    ASSERT_TRUE(engine.run(src, s).has_value());
    using K = model::OrderEventKind;
    ASSERT_EQ(seen->events.size(), 2u);
    EXPECT_EQ(seen->events[0].kind, K::PartiallyFilled);  // submitted -> open -> partial_fill
    EXPECT_EQ(seen->events[0].status, OrderStatus::PartialFill);
    EXPECT_EQ(seen->events[1].kind, K::Filled);
    EXPECT_EQ(seen->events[1].status, OrderStatus::Filled);
}

TEST(EngineOrderTest, DayOrdersExpireAtTheNextUtcDay) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) c.submit(limit(OrderSide::Buy, 1, 90, TimeInForce::Day));
    };
    // 12-hour bars: bar 1 is the same day (no touch), bar 2 the next day touches 90 but the
    // order has expired.
    const RunOutput r =
        run_bars({{100, 100, 100, 100, 10}, {100, 100, 95, 100, 10}, {100, 100, 80, 100, 10}},
                 script, {}, plain(), 12 * kHour);
    EXPECT_TRUE(r.result.fills.empty());
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Cancelled);
    EXPECT_EQ(r.orders[0].reason, "DAY order expired");
}

TEST(EngineOrderTest, ReduceOnlyIsCappedAtThePositionAndNeedsOne) {
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            model::OrderRequest none = market(OrderSide::Sell, 1);
            none.reduce_only = true;
            c.submit(none);  // nothing to reduce: rejected
            c.submit(market(OrderSide::Buy, 2));
            model::OrderRequest big = market(OrderSide::Sell, 5);
            big.reduce_only = true;
            c.submit(big);  // sells 2, the held quantity
        }
    };
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}}, script);
    EXPECT_EQ(r.orders[0].status(), OrderStatus::Rejected);
    ASSERT_EQ(r.result.fills.size(), 2u);
    EXPECT_EQ(r.result.fills[1].qty.as_double(), 2.0);
    EXPECT_EQ(r.orders[2].status(), OrderStatus::Cancelled);  // remainder of a market order
}

TEST(EngineOrderTest, CashAccountRejectsOverspendingShortingAndBadOrders) {
    model::Instrument inst = plain();
    inst.min_notional = 10.0;
    inst.lot_size = 0.5;
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(market(OrderSide::Buy, 200));   // 20,000 > 10,000 cash
            c.submit(market(OrderSide::Sell, 1));    // nothing held
            c.submit(market(OrderSide::Buy, 0.05));  // notional 5 < 10 (and not a lot multiple)
            c.submit(market(OrderSide::Buy, 0.7));   // not a multiple of 0.5
            c.submit(limit(OrderSide::Buy, 1, 0));   // no limit price
        }
    };
    const RunOutput r = run_bars({{100, 100, 100, 100, 10}}, script, {}, inst);
    ASSERT_EQ(r.orders.size(), 5u);
    EXPECT_EQ(r.orders[0].reason, "insufficient cash");
    EXPECT_EQ(r.orders[1].reason, "a cash account cannot sell more than it holds");
    EXPECT_EQ(r.orders[3].reason, "quantity is not a multiple of the lot size");
    EXPECT_EQ(r.orders[4].reason, "limit price must be > 0");
    for (const auto& o : r.orders) EXPECT_EQ(o.status(), OrderStatus::Rejected);
    EXPECT_EQ(r.result.orders.rejected, 5);
    EXPECT_TRUE(r.result.fills.empty());
}

// Market hours follow model/calendar.hpp (New York DST before 2007, NYSE holidays, half days): a
// market order submitted on a bar when the NYSE is closed waits and fills at the open of the
// next bar inside the session. Each pair is (closed bar, open bar), worked out by hand.
TEST(EngineOrderTest, MarketHoursFollowTheNyseCalendar) {
    const char* pairs[][2] = {
        {"2006-03-20T14:00:00Z", "2006-03-20T15:00:00Z"},  // 09:00 EST (2006 DST starts 2 April)
        {"2006-10-30T13:45:00Z", "2006-10-30T14:45:00Z"},  // 08:45 EST (2006 DST ended 29 Oct)
        {"2024-07-04T15:00:00Z", "2024-07-05T14:00:00Z"},  // Independence Day, 11:00 EDT
        {"2024-11-29T18:30:00Z", "2024-12-02T15:00:00Z"},  // 13:30 EST after the 13:00 close
    };
    model::Instrument eq = plain();
    eq.respect_market_hours = true;
    for (const auto& p : pairs) {
        SCOPED_TRACE(p[0]);
        const UnixMillis closed = *parse_iso8601(p[0]);
        const UnixMillis open = *parse_iso8601(p[1]);
        model::VectorEventSource src(
            {model::MarketEvent::make_bar(0, closed, {100, 100, 100, 100, 1}),
             model::MarketEvent::make_bar(0, open, {101, 103, 101, 102, 1})});
        BacktestEngine engine;
        engine.add_instrument(eq);
        Scripted s([](StrategyContext& c, int i) {
            if (i == 0) c.submit(market(OrderSide::Buy, 1));
        });
        const auto r = engine.run(src, s);
        ASSERT_TRUE(r.has_value());
        ASSERT_EQ(r->fills.size(), 1u);
        EXPECT_EQ(r->fills[0].ts, open);
        EXPECT_EQ(r->fills[0].price.as_double(), 101.0);
    }
}

TEST(EngineOrderTest, TradesAndPositionsTrackRoundTrips) {
    model::Instrument inst = plain();
    inst.taker_fee = 0.01;
    const auto script = [](StrategyContext& c, int i) {
        if (i == 0) c.submit(market(OrderSide::Buy, 1));
        if (i == 1) {
            EXPECT_DOUBLE_EQ(c.position(0).unrealised_pnl(110), 10.0);
            c.submit(market(OrderSide::Sell, 1));
        }
    };
    const RunOutput r =
        run_bars({{100, 100, 100, 100, 10}, {110, 110, 110, 110, 10}}, script, {}, inst);
    ASSERT_EQ(r.result.trades.size(), 1u);
    const Trade& t = r.result.trades[0];
    // pnl = 10 - 1.00 - 1.10 fees; pnl_pct = pnl / 100.
    EXPECT_NEAR(t.pnl, 7.9, 1e-9);
    EXPECT_NEAR(t.pnl_pct, 0.079, 1e-12);
    EXPECT_NEAR(r.result.final_equity, 10'007.9, 1e-9);
    ASSERT_EQ(r.result.equity.size(), 2u);
    EXPECT_NEAR(r.result.equity[0].equity, 10'000 - 1.0, 1e-9);
}

TEST(EngineOrderTest, RejectsEventsGoingBackInTime) {
    model::VectorEventSource src({model::MarketEvent::make_bar(0, 10, {1, 1, 1, 1, 1}),
                                  model::MarketEvent::make_bar(0, 5, {1, 1, 1, 1, 1})});
    BacktestEngine engine;
    engine.add_instrument(plain());
    Scripted s([](StrategyContext&, int) {});
    const auto r = engine.run(src, s);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("not in time order"), std::string::npos);
}

}  // namespace
}  // namespace aitp::backtest

namespace aitp::backtest {
namespace {

TEST(SlippageModelTest, TakerFillsSlipAgainstTheOrderMakerFillsDoNot) {
    std::vector<model::MarketEvent> ev = {
        model::MarketEvent::make_bar(0, 0, {100, 100, 100, 100, 10}),
        model::MarketEvent::make_bar(0, kHour, {100, 101, 97, 100, 10})};
    model::VectorEventSource src(std::move(ev));
    BacktestEngine engine;
    engine.add_instrument(plain());
    engine.set_slippage_model(std::make_unique<BpsSlippage>(10.0));  // 0.1 %
    engine.set_fee_model(std::make_unique<FixedRateFeeModel>(0.0002, 0.001));
    Scripted s([](StrategyContext& c, int i) {
        if (i == 0) {
            c.submit(market(OrderSide::Buy, 1));     // 100 * 1.001 = 100.10, taker fee
            c.submit(limit(OrderSide::Buy, 1, 98));  // maker at 98, no slippage
        }
    });
    const auto r = engine.run(src, s);
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->fills.size(), 2u);
    EXPECT_EQ(r->fills[0].price.as_double(), 100.1);
    EXPECT_NEAR(r->fills[0].fee, 100.1 * 0.001, 1e-12);
    EXPECT_EQ(r->fills[1].price.as_double(), 98.0);
    EXPECT_NEAR(r->fills[1].fee, 98 * 0.0002, 1e-12);
}

TEST(SlippageModelTest, TickSlippageUsesThePipForForex) {
    const model::Instrument fx = model::Instrument::forex("EUR/USD");
    const TickSlippage two(2);
    EXPECT_NEAR(two.apply(fx, OrderSide::Buy, 1.1, {}), 1.1002, 1e-12);
    EXPECT_NEAR(two.apply(fx, OrderSide::Sell, 1.1, {}), 1.0998, 1e-12);
    EXPECT_NEAR(two.apply(plain(), OrderSide::Buy, 100, {}), 100.02, 1e-12);
}

}  // namespace
}  // namespace aitp::backtest
