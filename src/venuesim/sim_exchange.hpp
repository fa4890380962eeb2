// SPDX-License-Identifier: MIT
// SimExchange: the simulated venue's state behind the REST and WebSocket API: the simulated
// clock, the bars served as klines, one LimitBook per symbol driven by seeded synthetic order
// flow around the current bar's close, accounts with balances, orders (LIMIT GTC/IOC/FOK,
// MARKET by quantity or quote amount) with partial fills, fees and own trades. Errors are
// Binance's (code, message, HTTP status). Not thread-safe: the server calls it from one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/rng.hpp"
#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "venuesim/limit_book.hpp"
#include "venuesim/sim_config.hpp"

namespace aitp::venuesim {

/// A Binance error answer: {"code": code, "msg": msg} with HTTP status `http`.
struct ApiError {
    int http = 400;
    int code = 0;
    std::string msg;
};
template <typename T>
using ApiResult = tl::expected<T, ApiError>;

/// A symbol as exchangeInfo lists it; prices are integer ticks of 10^-price_decimals and
/// quantities integer lots of 10^-qty_decimals.
struct SymbolSpec {
    std::string symbol;
    std::string base;
    std::string quote;
    int price_decimals = 2;
    int qty_decimals = 5;
    double min_notional = 5.0;
    double tick() const;
    double step() const;
    /// Quote amount of one tick times one lot.
    double quote_per_tick_lot() const { return tick() * step(); }
};

enum class OrderType { Limit, Market };
enum class TimeInForce { Gtc, Ioc, Fok };
enum class OrderStatus { New, PartiallyFilled, Filled, Canceled, Expired };

std::string_view order_status_name(OrderStatus s);

struct OrderRequest {
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Gtc;
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;        ///< 0 when quote_qty is given
    std::optional<double> quote_qty;  ///< MARKET quoteOrderQty
    std::string client_order_id;
};

struct OrderFill {
    std::int64_t trade_id = 0;
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;
    double commission = 0.0;
    std::string commission_asset;
};

struct OrderRecord {
    std::int64_t order_id = 0;
    std::string symbol;
    std::string client_order_id;
    int account = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Gtc;
    std::int64_t price_ticks = 0;
    std::int64_t orig_lots = 0;
    std::int64_t executed_lots = 0;
    double cum_quote = 0.0;
    double orig_quote_qty = 0.0;
    OrderStatus status = OrderStatus::New;
    UnixMillis time = 0;
    UnixMillis update_time = 0;
    bool stuck = false;
    std::vector<OrderFill> fills;  ///< the fills of the placing request (FULL response)
    bool is_open() const {
        return status == OrderStatus::New || status == OrderStatus::PartiallyFilled;
    }
};

struct OwnTrade {
    std::string symbol;
    std::int64_t id = 0;
    std::int64_t order_id = 0;
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;
    double quote_qty = 0.0;
    double commission = 0.0;
    std::string commission_asset;
    UnixMillis time = 0;
    bool is_buyer = false;
    bool is_maker = false;
};

struct PublicTrade {
    std::int64_t id = 0;
    std::int64_t price_ticks = 0;
    std::int64_t qty_lots = 0;
    UnixMillis time = 0;
    bool buyer_is_maker = false;
};

struct Balance {
    double free = 0.0;
    double locked = 0.0;
};

/// A kline as Binance serves it (close_time = open + interval - 1).
struct Kline {
    model::Bar bar;
    UnixMillis close_time = 0;
};

class SimExchange {
  public:
    /// Reads the bar files and seeds the books. `wall` is the real clock the simulated clock
    /// runs with (tests pass a ManualClock).
    static Result<std::unique_ptr<SimExchange>> create(const SimConfig& config, const Clock& wall);
    ~SimExchange();
    SimExchange(const SimExchange&) = delete;
    SimExchange& operator=(const SimExchange&) = delete;

    UnixMillis now() const;
    void set_now(UnixMillis t);
    void advance(std::int64_t ms);
    /// Runs the synthetic order flow up to now() (100 ms steps; a jump of more than a minute
    /// re-seeds the books around the new bar instead).
    void catch_up();

    const std::vector<SymbolSpec>& symbols() const { return specs_; }
    const SymbolSpec* find_symbol(std::string_view symbol) const;
    /// Returns the loaded or resampled intervals' bars; nullptr when the interval is not served.
    const model::BarSeries* bars(std::string_view symbol, std::int64_t interval_ms);
    /// Binance's klines selection: open time in [start, end], open <= now, at most limit; the
    /// last `limit` bars when start is not given.
    std::vector<Kline> klines(std::string_view symbol, std::int64_t interval_ms,
                              std::optional<UnixMillis> start, std::optional<UnixMillis> end,
                              std::size_t limit);
    /// The bar (finest interval) containing now, or the last one before it.
    std::optional<model::Bar> current_bar(std::string_view symbol) const;

    LimitBook& book(std::string_view symbol);
    const std::deque<PublicTrade>& recent_trades(std::string_view symbol) const;
    /// Returns and clears the trades since the last call (for the @trade stream).
    std::vector<PublicTrade> take_new_trades(std::string_view symbol);

    /// Returns the account index for an API key, or -1.
    int find_account(std::string_view api_key) const;
    const std::string& account_secret(int account) const;
    const std::map<std::string, Balance>& balances(int account) const;

    ApiResult<OrderRecord> place(int account, std::string_view symbol, const OrderRequest& req,
                                 bool stuck);
    /// Finds by order id, else by client order id (-2013 when neither matches).
    ApiResult<OrderRecord> find_order(int account, std::string_view symbol,
                                      std::optional<std::int64_t> order_id,
                                      std::optional<std::string> client_id) const;
    /// Cancels an open order (-2011 when unknown or already closed).
    ApiResult<OrderRecord> cancel(int account, std::string_view symbol,
                                  std::optional<std::int64_t> order_id,
                                  std::optional<std::string> client_id);
    std::vector<OrderRecord> open_orders(int account, std::optional<std::string> symbol) const;
    std::vector<OwnTrade> my_trades(int account, std::string_view symbol) const;
    double fee_rate() const { return fee_rate_; }

  private:
    struct Market;
    SimExchange(const SimConfig& config, const Clock& wall);
    Market* market(std::string_view symbol);
    const Market* market(std::string_view symbol) const;
    void step(Market& m, UnixMillis t);
    void reseed(Market& m, UnixMillis t);
    void add_maker(Market& m, Side side, int level, std::int64_t lots);
    void synthetic_take(Market& m, Side side, std::int64_t lots);
    std::int64_t target_ticks(const Market& m, UnixMillis t) const;
    std::int64_t random_lots(Market& m, double min_quote, double max_quote);
    void settle(Market& m, Side taker_side, int taker_account, OrderRecord* taker,
                const std::vector<Match>& matches);
    void settle_maker(Market& m, Side maker_side, const Match& match, std::int64_t trade_id);
    ApiError check_funds(Market& m, int account, const OrderRequest& req,
                         std::vector<Match>& planned);
    ApiResult<OrderRecord> match_order(Market& m, OrderRecord order, const OrderRequest& req,
                                       std::vector<Match> planned);

    const Clock& wall_;
    std::int64_t offset_ms_ = 0;
    double fee_rate_ = 0.001;
    std::vector<SymbolSpec> specs_;
    std::vector<std::unique_ptr<Market>> markets_;
    std::vector<AccountSpec> accounts_;
    std::vector<std::map<std::string, Balance>> balances_;
    std::vector<OwnTrade> own_trades_;
    std::vector<int> own_trade_accounts_;
    std::int64_t next_order_id_ = 1;
    std::int64_t next_maker_id_ = -1;  ///< synthetic orders count down from -1
};

}  // namespace aitp::venuesim
