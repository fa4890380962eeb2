// SPDX-License-Identifier: MIT
// The Freqtrade layer in the engine with next-open fills: ROI and stoploss exits priced by
// hand, max open trades, and market hours / per-venue accounts of the engine.
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "strategy/freqtrade.hpp"
#include "support/result.hpp"

namespace aitp::backtest {
namespace {

using strategy::BarView;
using strategy::ExitTag;

/// Enters on bar 0 of every instrument; never signals an exit.
class EnterOnce final : public strategy::FreqtradeStrategy {
  public:
    explicit EnterOnce(strategy::FreqtradeConfig c) : FreqtradeStrategy(std::move(c)) {}
    std::string_view name() const override { return "enter_once"; }

  protected:
    void init_instruments(std::size_t n) override { bars_.assign(n, 0); }
    void update(model::InstrumentId id, const BarView&) override { ++bars_[id]; }
    bool entry_signal(model::InstrumentId id, const BarView&) override { return bars_[id] == 1; }
    bool exit_signal(model::InstrumentId, const BarView&) override { return false; }

  private:
    std::vector<int> bars_;
};

/// Signals from a script, one character per bar of instrument 0: 'E' entry, 'X' exit, 'B' both.
class Scripted final : public strategy::FreqtradeStrategy {
  public:
    Scripted(strategy::FreqtradeConfig c, std::string script)
        : FreqtradeStrategy(std::move(c)), script_(std::move(script)) {}
    std::string_view name() const override { return "scripted"; }

  protected:
    void init_instruments(std::size_t) override { bar_ = 0; }
    void update(model::InstrumentId, const BarView&) override { ++bar_; }
    bool entry_signal(model::InstrumentId, const BarView&) override { return is('E'); }
    bool exit_signal(model::InstrumentId, const BarView&) override { return is('X'); }

  private:
    bool is(char c) const {
        const char s = bar_ <= script_.size() ? script_[bar_ - 1] : '.';
        return s == c || s == 'B';
    }
    std::string script_;
    std::size_t bar_ = 0;
};

model::Instrument no_fee(std::string name, model::VenueId venue = 0) {
    model::Instrument i = model::Instrument::crypto_spot(std::move(name));
    i.maker_fee = 0.0;
    i.taker_fee = 0.0;
    i.venue = venue;
    return i;
}

BacktestResult run(const std::vector<model::BarPayload>& bars, strategy::Strategy& s,
                   std::vector<model::Instrument> insts = {no_fee("X")},
                   MarketFill fill = MarketFill::NextOpen) {
    std::vector<model::MarketEvent> ev;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        for (std::size_t k = 0; k < insts.size(); ++k) {
            ev.push_back(model::MarketEvent::make_bar(static_cast<model::InstrumentId>(k),
                                                      static_cast<UnixMillis>(i) * kMillisPerHour,
                                                      bars[i]));
        }
    }
    model::VectorEventSource src(std::move(ev));
    EngineConfig cfg;
    cfg.market_fill = fill;
    BacktestEngine engine(cfg);
    for (auto& i : insts) engine.add_instrument(i);
    return AITP_UNWRAP(engine.run(src, s));
}

strategy::FreqtradeConfig roi_config() {
    strategy::FreqtradeConfig c;
    c.minimal_roi = {{0, 0.05}, {120, 0.01}};
    c.stoploss = -0.10;
    c.max_open_trades = 1;
    return c;
}

TEST(FreqtradeLayerTest, RoiExitFillsAtTheRoiPriceAndDecaysWithTradeAge) {
    EnterOnce s(roi_config());
    // Bar 0 signals; bar 1 opens at 100 (entry). Bar 2 high 104 < 105: no ROI. The ROI for bar
    // 3 (age 120 min) is 1 %: bar 3's high 101.5 reaches 101 -> exit at 101.
    const auto r = run({{100, 100, 100, 100, 1},
                        {100, 101, 99, 100, 1},
                        {100, 104, 99.5, 100, 1},
                        {100, 101.5, 99.5, 100, 1}},
                       s);
    ASSERT_EQ(r.fills.size(), 2u);
    EXPECT_EQ(r.fills[0].price.as_double(), 100.0);
    EXPECT_EQ(r.fills[0].ts, kMillisPerHour);
    EXPECT_EQ(r.fills[1].price.as_double(), 101.0);
    EXPECT_EQ(r.fills[1].ts, 3 * kMillisPerHour);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::Roi));
    // Stake = 10,000 * 0.99 at 100 -> 99 units, +1 each: 10,099.
    EXPECT_NEAR(r.final_equity, 10'099.0, 1e-6);
}

TEST(FreqtradeLayerTest, StoplossBeatsRoiInsideOneBarAndTrailingRaisesIt) {
    strategy::FreqtradeConfig c = roi_config();
    c.minimal_roi = {{0, 0.30}};
    c.trailing_stop = true;  // stop = max rate * 0.9
    EnterOnce s(c);
    // Entry at 100; bar 1 high 120 raises the stop to 108 for bar 2, which opens at 110 and
    // spans 90..135: both the stop (108) and the ROI (130) are inside; the stop fills first.
    const auto r =
        run({{100, 100, 100, 100, 1}, {100, 120, 100, 110, 1}, {110, 135, 90, 100, 1}}, s);
    ASSERT_EQ(r.fills.size(), 2u);
    EXPECT_EQ(r.fills[1].price.as_double(), 108.0);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::StopLoss));
}

TEST(FreqtradeLayerTest, MaxOpenTradesLimitsEntriesAcrossInstruments) {
    strategy::FreqtradeConfig c = roi_config();
    c.max_open_trades = 2;
    c.stake_amount = 1000;
    EnterOnce s(c);
    const auto r = run({{100, 100, 100, 100, 1}, {100, 100, 100, 100, 1}}, s,
                       {no_fee("A"), no_fee("B"), no_fee("C")});
    // Two entries (A, B) at the open of bar 1; C is refused; all are closed at the end.
    ASSERT_EQ(r.trades.size(), 2u);
    EXPECT_EQ(r.trades[0].instrument, 0u);
    EXPECT_EQ(r.trades[1].instrument, 1u);
    EXPECT_NEAR(r.trades[0].qty, 10.0, 1e-12);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::EndOfData));
}

/// No ROI, a 5 % stop, no trailing: only the rule under test can exit.
strategy::FreqtradeConfig plain_config() {
    strategy::FreqtradeConfig c;
    c.stoploss = -0.05;
    c.stake_amount = 1000;
    return c;
}

TEST(FreqtradeLayerTest, StoplossWorksOnTheEntryCandle) {
    Scripted s(plain_config(), "E");
    // Bar 0 signals; bar 1 opens at 100 (entry) and its low 94 comes after the open, below the
    // stop at 95: the trade exits on its entry candle at 95, as Freqtrade's backtester does.
    const auto r = run({{100, 100, 100, 100, 1}, {100, 101, 94, 99, 1}, {99, 99, 99, 99, 1}}, s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].entry_ts, kMillisPerHour);
    EXPECT_EQ(r.trades[0].exit_ts, kMillisPerHour);
    EXPECT_EQ(r.trades[0].exit_price, 95.0);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::StopLoss));
}

TEST(FreqtradeLayerTest, RoiWorksOnTheEntryCandle) {
    strategy::FreqtradeConfig c = plain_config();
    c.minimal_roi = {{0, 0.05}};
    Scripted s(c, "E");
    // Entry at 100; bar 1's high 106 reaches the 5 % ROI (105) after the open.
    const auto r = run({{100, 100, 100, 100, 1}, {100, 106, 99, 100, 1}, {99, 99, 99, 99, 1}}, s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].exit_ts, kMillisPerHour);
    EXPECT_EQ(r.trades[0].exit_price, 105.0);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::Roi));
}

TEST(FreqtradeLayerTest, ExitSignalIsIgnoredWhenTheEntrySignalIsSet) {
    Scripted s(plain_config(), "EBX");
    // Entry at bar 1's open; bar 1 has both signals (exit ignored), bar 2 the exit signal alone:
    // the exit fills at bar 3's open, 102 (not at bar 2's, 101).
    const auto r = run({{100, 100, 100, 100, 1},
                        {100, 100, 100, 100, 1},
                        {101, 101, 101, 101, 1},
                        {102, 102, 102, 102, 1},
                        {103, 103, 103, 103, 1}},
                       s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].exit_ts, 3 * kMillisPerHour);
    EXPECT_EQ(r.trades[0].exit_price, 102.0);
    EXPECT_EQ(r.trades[0].exit_tag, strategy::tag_value(ExitTag::Signal));
}

TEST(FreqtradeLayerTest, EntrySignalIsIgnoredWhenTheExitSignalIsSet) {
    Scripted s(plain_config(), "BE");
    // Bar 0's signals collide (no entry); bar 1's entry fills at bar 2's open, 102.
    const auto r =
        run({{100, 100, 100, 100, 1}, {101, 101, 101, 101, 1}, {102, 102, 102, 102, 1}}, s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].entry_ts, 2 * kMillisPerHour);
    EXPECT_EQ(r.trades[0].entry_price, 102.0);
}

TEST(FreqtradeLayerTest, FirstSignalIsTheOneOfTheCandleAfterTheStartupCandles) {
    strategy::FreqtradeConfig c = plain_config();
    c.startup_candles = 2;
    Scripted s(c, "EEEE");
    // Bars 0 and 1 are the startup period; bar 2's signal is the first Freqtrade acts on, so the
    // entry fills at bar 3's open, 103.
    const auto r = run({{100, 100, 100, 100, 1},
                        {101, 101, 101, 101, 1},
                        {102, 102, 102, 102, 1},
                        {103, 103, 103, 103, 1},
                        {104, 104, 104, 104, 1}},
                       s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].entry_ts, 3 * kMillisPerHour);
    EXPECT_EQ(r.trades[0].entry_price, 103.0);
}

model::Instrument with_fee(double rate) {
    model::Instrument i = no_fee("F");
    i.maker_fee = rate;
    i.taker_fee = rate;
    return i;
}

TEST(FreqtradeLayerTest, AmountIsTheStakeOverTheFillPrice) {
    Scripted s(plain_config(), "E");
    // The signal candle closes at 100, the next opens at 125: stake 1000 buys 1000 / 125 = 8.
    const auto r = run({{100, 100, 100, 100, 1}, {125, 125, 125, 125, 1}}, s);
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_EQ(r.trades[0].entry_price, 125.0);
    EXPECT_DOUBLE_EQ(r.trades[0].qty, 8.0);
}

TEST(FreqtradeLayerTest, StakeExcludesTheEntryFee) {
    Scripted s(plain_config(), "E");
    // 1 % fee: stake 1000 at 100 buys 10 units and pays a 10 fee on top (1010 in all).
    const auto r = run({{100, 100, 100, 100, 1}, {100, 100, 100, 100, 1}}, s, {with_fee(0.01)});
    ASSERT_EQ(r.trades.size(), 1u);
    EXPECT_DOUBLE_EQ(r.trades[0].qty, 10.0);
    EXPECT_DOUBLE_EQ(r.trades[0].entry_fee, 10.0);
}

TEST(FreqtradeLayerTest, UnlimitedStakeSplitsTheTradableBalanceOverTheSlots) {
    strategy::FreqtradeConfig c = plain_config();
    c.stake_amount = 0.0;
    c.max_open_trades = 2;
    c.tradable_balance_ratio = 0.9;
    EnterOnce s(c);
    // A and B signal on bar 0: A's stake is 10,000 * 0.9 / 2 = 4,500; B's, with A's 4,500 tied
    // up, is (5,500 + 4,500) * 0.9 / 2 = 4,500 as well (Freqtrade's wallet), not 5,500 * 0.9.
    const auto r = run({{100, 100, 100, 100, 1}, {100, 100, 100, 100, 1}}, s,
                       {no_fee("A"), no_fee("B"), no_fee("C")});
    ASSERT_EQ(r.trades.size(), 2u);
    EXPECT_DOUBLE_EQ(r.trades[0].qty, 45.0);
    EXPECT_DOUBLE_EQ(r.trades[1].qty, 45.0);
}

/// Buys 1 unit at every bar of instrument 0 with a market order.
class BuyEveryBar final : public strategy::Strategy {
  public:
    std::string_view name() const override { return "buy"; }
    void on_bar(strategy::StrategyContext& ctx, const BarView& b) override {
        model::OrderRequest r;
        r.instrument = b.instrument;
        r.qty = Quantity::from_raw(1'000'000'000, 6);
        ctx.submit(r);
    }
};

TEST(EngineAccountTest, MarketHoursAreRespectedWhenAsked) {
    model::Instrument eq = no_fee("SPY");
    eq.respect_market_hours = true;
    // 2024-01-02 (Tuesday) 14:00 UTC = 09:00 New York (closed), 15:00 UTC = 10:00 (open).
    const UnixMillis t0 = from_civil({2024, 1, 2, 14, 0, 0, 0});
    model::VectorEventSource src(
        {model::MarketEvent::make_bar(0, t0, {100, 100, 100, 100, 1}),
         model::MarketEvent::make_bar(0, t0 + kMillisPerHour, {101, 101, 101, 101, 1})});
    BacktestEngine engine;
    engine.add_instrument(eq);
    BuyEveryBar s;
    const auto r = engine.run(src, s);
    ASSERT_TRUE(r.has_value());
    // The 09:00 order waits and fills at the 10:00 bar's open; the 10:00 order fills at its close.
    ASSERT_EQ(r->fills.size(), 2u);
    EXPECT_EQ(r->fills[0].order_id, 1u);
    EXPECT_EQ(r->fills[0].ts, t0 + kMillisPerHour);
    EXPECT_EQ(r->fills[0].price.as_double(), 101.0);
}

TEST(EngineAccountTest, EachVenueHasItsOwnCashAccount) {
    BuyEveryBar s;
    const auto r =
        run({{100, 100, 100, 100, 1}}, s, {no_fee("A", 0), no_fee("B", 1)}, MarketFill::BarClose);
    ASSERT_EQ(r.fills.size(), 2u);
    EXPECT_DOUBLE_EQ(r.initial_equity, 20'000.0);
    EXPECT_DOUBLE_EQ(r.final_equity, 20'000.0);
}

}  // namespace
}  // namespace aitp::backtest
