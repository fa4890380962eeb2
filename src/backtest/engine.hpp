// SPDX-License-Identifier: MIT
// BacktestEngine: the deterministic, single-threaded event engine. It reads market events from
// an EventSource (time comes only from them), matches working orders against each bar with the
// rule in bar_matcher.hpp (orders placed on a fill at a bar's open are matched against the
// rest of that bar), keeps one cash account per venue and a netting position per
// instrument, and drives one Strategy through the StrategyContext it implements. One engine
// runs once; run many engines in parallel for sweeps. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "backtest/fee_model.hpp"
#include "backtest/results.hpp"
#include "backtest/slippage_model.hpp"
#include "core/progress.hpp"
#include "core/status.hpp"
#include "model/event_source.hpp"
#include "model/order.hpp"
#include "model/position.hpp"
#include "strategy/strategy.hpp"

namespace aitp::backtest {

/// When market orders fill.
enum class MarketFill : std::uint8_t {
    BarClose,  ///< at the close of the bar being processed (the original Nautilus tier)
    NextOpen,  ///< at the open of the instrument's next bar (Freqtrade's backtester)
};

struct EngineConfig {
    double initial_cash = 10'000.0;  ///< per venue account, quote currency
    MarketFill market_fill = MarketFill::BarClose;
    /// Max fraction of a bar's volume one instrument can fill per bar; 0 = unlimited.
    double volume_limit = 0.0;
    /// Cash accounts cannot sell what they do not hold unless this is set.
    bool allow_short = false;
    /// Store one equity point per distinct event time.
    bool record_equity = true;
    /// Progress (events done / events announced by the source) and the stop token, both
    /// polled every kWorkCheckEvents events; a stop makes run() return Cancelled.
    WorkControl work;
};

/// How often the engine polls EngineConfig::work: a few ms of work even on slow strategies.
inline constexpr std::int64_t kWorkCheckEvents = 4096;

class BacktestEngine final : public strategy::StrategyContext {
  public:
    explicit BacktestEngine(EngineConfig config = {});
    ~BacktestEngine() override;
    BacktestEngine(const BacktestEngine&) = delete;
    BacktestEngine& operator=(const BacktestEngine&) = delete;

    /// Adds an instrument; ids are 0, 1, ... in call order and match the event source's.
    model::InstrumentId add_instrument(model::Instrument inst);
    void set_fee_model(std::unique_ptr<FeeModel> m) { fees_ = std::move(m); }
    void set_slippage_model(std::unique_ptr<SlippageModel> m) { slippage_ = std::move(m); }

    /// Runs the strategy over every event of the source. InvalidArgument when the source goes
    /// back in time, names an unknown instrument or holds a bar model::find_bar_defect refuses
    /// (prices <= 0 or infinite, high < low, bad volume), or when the engine already ran;
    /// Cancelled when config.work asks it to stop.
    Result<BacktestResult> run(model::EventSource& source, strategy::Strategy& strategy);

    // StrategyContext
    UnixMillis now() const override { return now_; }
    std::size_t instrument_count() const override;
    const model::Instrument& instrument(model::InstrumentId id) const override;
    const model::Position& position(model::InstrumentId id) const override;
    double cash(model::VenueId venue = 0) const override;
    double equity() const override;
    double initial_equity() const override { return initial_equity_; }
    double taker_fee_rate(model::InstrumentId id) const override;
    model::OrderId submit(const model::OrderRequest& request) override;
    strategy::BracketIds submit_bracket(const strategy::BracketRequest& request) override;
    bool cancel(model::OrderId id) override;
    bool modify(model::OrderId id, Price price, Price trigger) override;
    const model::Order* order(model::OrderId id) const override;
    std::size_t open_positions() const override { return open_positions_; }

  private:
    struct Book;
    struct TradeState;
    struct Candidate;

    Status check_bar_event(const model::MarketEvent& e) const;
    void on_bar_event(const model::MarketEvent& e);
    void match_working(Book& book);
    /// Appends the matches of book.working[from, to) on the book's bar to scratch_.
    void collect_matches(Book& book, std::size_t from, std::size_t to);
    void fill_candidate(Candidate c);
    void try_immediate(model::Order& o);
    void process(model::Order& o);
    std::string_view validate(const model::Order& o) const;
    bool can_fill_now(const model::Order& o) const;
    void fill(model::Order& o, double rule_price, model::Liquidity liq);
    /// Returns qty_raw, or the largest lot multiple the cash buys at `price` (fee included) when
    /// qty_raw does not fit; the order's quantity is then reduced to match (counted as capped).
    std::int64_t cap_to_cash(model::Order& o, double price, std::int64_t qty_raw);
    bool check_cash(model::Order& o, double price, double qty, double fee);
    void finish_fill(model::Order& o, const model::Fill& f);
    void track_trade(Book& b, const model::Fill& f, std::int64_t before_raw, double realised,
                     std::uint32_t tag);
    model::Order& create(const model::OrderRequest& request);
    void rest(model::Order& o);
    /// Ends an order: Rejected when asked and still allowed (pending/submitted), else Cancelled.
    /// A refusal (reject) is counted and listed in the result's rejections in either case.
    void kill(model::Order& o, bool reject, std::string_view reason);
    void emit(model::OrderEventKind kind, const model::Order& o, const model::Fill* f = nullptr);
    void transition(model::Order& o, model::OrderStatus next);
    bool in_session(const Book& book) const;
    void record_equity(UnixMillis ts);
    /// Marks every position still open at its last close into result_.open_trades.
    void record_open_trades();
    model::Order& order_ref(model::OrderId id) { return orders_[id - 1]; }

    EngineConfig config_;
    std::unique_ptr<FeeModel> fees_;
    std::unique_ptr<SlippageModel> slippage_;
    std::vector<Book> books_;
    std::vector<double> cash_;  ///< per venue
    std::deque<model::Order> orders_;
    std::vector<Candidate> scratch_;
    strategy::Strategy* strategy_ = nullptr;
    BacktestResult result_;
    UnixMillis now_ = 0;
    double initial_equity_ = 0.0;
    std::size_t open_positions_ = 0;
    bool force_immediate_ = false;  ///< on_stop: market orders fill at the last close
    bool ran_ = false;
};

}  // namespace aitp::backtest
