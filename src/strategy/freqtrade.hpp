// SPDX-License-Identifier: MIT
// FreqtradeStrategy: a Freqtrade-style layer over the Strategy API (long-only spot) that follows
// Freqtrade's backtesting rules (src/strategy/README.md lists them and where it differs):
// signals read at the candle close fill at the next open (run the engine with
// MarketFill::NextOpen), stake in quote currency without the fee, stoploss and ROI as
// reduce-only engine orders active from the entry candle on (stop first), re-priced at every
// close (stops only move up); trailing stop, custom stoploss / exit hooks, max open trades.
// Profit ratios exclude fees. Not thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "strategy/strategy.hpp"

namespace aitp::strategy {

struct RoiStep {
    double minutes;  ///< trade age from which `ratio` applies
    double ratio;    ///< exit when profit >= ratio
};

/// Returns the ROI ratio for a trade open `minutes`: the step with the largest minutes <=
/// the age, NaN when none applies.
double roi_for(std::span<const RoiStep> table, double minutes);

struct FreqtradeConfig {
    std::vector<RoiStep> minimal_roi;
    double stoploss = -0.10;
    bool trailing_stop = false;
    double trailing_stop_positive = 0.0;
    double trailing_stop_positive_offset = 0.0;
    bool trailing_only_offset_is_reached = false;
    bool use_custom_stoploss = false;
    int max_open_trades = 1;
    double stake_amount = 0.0;  ///< quote currency per trade; 0 = "unlimited"
    double tradable_balance_ratio = 0.99;
    int startup_candles = 0;  ///< bars that only warm up indicators; the next one signals first
};

/// The trade a hook sees.
struct TradeView {
    double open_rate = 0.0;
    UnixMillis open_ts = 0;
    double max_rate = 0.0;
    double current_rate = 0.0;
    double profit = 0.0;  ///< current_rate / open_rate - 1
    UnixMillis now = 0;   ///< close time of the bar being processed (the next bar's start)
};

class FreqtradeStrategy : public Strategy {
  public:
    explicit FreqtradeStrategy(FreqtradeConfig config) : config_(std::move(config)) {}
    const FreqtradeConfig& config() const { return config_; }

    void on_start(StrategyContext& ctx) final;
    void on_bar(StrategyContext& ctx, const BarView& bar) final;
    void on_order_event(StrategyContext& ctx, const model::OrderEvent& ev) final;
    /// Exits every open trade at the last close (Freqtrade force-exits at the end).
    void on_stop(StrategyContext& ctx) final;

    /// Returns the stop price the layer would set now (for tests and reports).
    static double next_stop(const FreqtradeConfig& c, const TradeView& t, double current_stop,
                            double custom_ratio);

    /// A candle's signals, as Freqtrade's populate_entry_trend / populate_exit_trend set them.
    struct Signals {
        bool entry = false;
        bool exit = false;
    };
    /// The strategy without an engine (tests, reports): prepare() creates the indicator state
    /// of `instruments` instruments, analyze() feeds one candle and returns its signals; the
    /// public hooks below then answer for that candle.
    void prepare(std::size_t instruments) { init_instruments(instruments); }
    Signals analyze(model::InstrumentId id, const BarView& bar);

    /// Returns the stop as a (negative) ratio of the current rate, or NaN for no opinion.
    virtual double custom_stoploss(model::InstrumentId id, const TradeView& t);
    /// Returns a reason to exit now, or ExitTag::None.
    virtual ExitTag custom_exit(model::InstrumentId id, const TradeView& t);

  protected:
    /// Creates per-instrument indicator state.
    virtual void init_instruments(std::size_t n) = 0;
    /// Feeds one bar to the instrument's indicators (every bar, also during start-up).
    virtual void update(model::InstrumentId id, const BarView& bar) = 0;
    virtual bool entry_signal(model::InstrumentId id, const BarView& bar) = 0;
    virtual bool exit_signal(model::InstrumentId id, const BarView& bar) = 0;

  private:
    struct State {
        bool entry_pending = false;
        bool in_trade = false;
        bool exit_pending = false;
        model::OrderId entry_id = model::kNoOrder;
        model::OrderId stop_id = model::kNoOrder;
        model::OrderId roi_id = model::kNoOrder;
        double open_rate = 0.0;
        double max_rate = 0.0;
        double stop_price = 0.0;
        double stake = 0.0;  ///< quote currency of the open trade or the pending entry
        UnixMillis open_ts = 0;
        UnixMillis prev_ts = 0;
        long long bars = 0;
    };
    void manage_trade(StrategyContext& ctx, const BarView& bar, State& st, std::int64_t bar_ms);
    void try_enter(StrategyContext& ctx, const BarView& bar, State& st);
    /// Returns Freqtrade's stake for a new trade on `id` (quote currency, fee excluded).
    double stake_for(StrategyContext& ctx, model::InstrumentId id) const;
    void open_trade(StrategyContext& ctx, const model::Order& entry, State& st);
    void exit_now(StrategyContext& ctx, model::InstrumentId id, State& st, ExitTag tag);

    FreqtradeConfig config_;
    std::vector<State> states_;
    int pending_entries_ = 0;
};

}  // namespace aitp::strategy
