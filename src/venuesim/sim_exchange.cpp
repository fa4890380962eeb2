// SPDX-License-Identifier: MIT
#include "venuesim/sim_exchange.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "data/bar_file.hpp"
#include "data/resample.hpp"

namespace aitp::venuesim {

namespace {

constexpr std::int64_t kStepMs = 100;
constexpr std::int64_t kReseedGapMs = 60'000;
constexpr int kSeedLevels = 50;
constexpr std::size_t kRecentTrades = 1000;
constexpr std::size_t kPendingTrades = 10'000;

double pow10(int n) { return std::pow(10.0, n); }

ApiError api_error(int code, std::string msg, int http = 400) {
    return ApiError{http, code, std::move(msg)};
}

ApiError insufficient_balance() {
    return api_error(-2010, "Account has insufficient balance for requested action.");
}

}  // namespace

double SymbolSpec::tick() const { return pow10(-price_decimals); }
double SymbolSpec::step() const { return pow10(-qty_decimals); }

std::string_view order_status_name(OrderStatus s) {
    switch (s) {
        case OrderStatus::New:
            return "NEW";
        case OrderStatus::PartiallyFilled:
            return "PARTIALLY_FILLED";
        case OrderStatus::Filled:
            return "FILLED";
        case OrderStatus::Canceled:
            return "CANCELED";
        case OrderStatus::Expired:
            return "EXPIRED";
    }
    return "?";
}

struct SimExchange::Market {
    SymbolSpec spec;
    std::map<std::int64_t, model::BarSeries> bars;  ///< by interval ms; the first is the finest
    LimitBook book;
    std::deque<PublicTrade> trades;
    std::vector<PublicTrade> new_trades;
    std::map<std::int64_t, OrderRecord> orders;
    std::int64_t next_trade_id = 1;
    UnixMillis next_step = 0;
    Rng rng{0};
};

SimExchange::SimExchange(const SimConfig& config, const Clock& wall)
    : wall_(wall), fee_rate_(config.fee_rate), accounts_(config.accounts) {}

SimExchange::~SimExchange() = default;

Result<std::unique_ptr<SimExchange>> SimExchange::create(const SimConfig& config,
                                                         const Clock& wall) {
    if (config.bars.empty()) return fail(Error::invalid_argument("--bars: at least one is needed"));
    std::unique_ptr<SimExchange> sim(new SimExchange(config, wall));
    UnixMillis last_close = 0;
    std::set<std::string> assets_base;
    std::set<std::string> assets_quote;
    for (const BarsSpec& b : config.bars) {
        AITP_TRY_ASSIGN(model::BarSeries series, data::read_bar_file(b.file));
        if (series.is_empty()) {
            return fail(Error::invalid_argument(
                fmt::format("--bars {}: the file has no bars", b.file.string())));
        }
        const std::int64_t tf_ms = model::timeframe_millis(b.timeframe);
        last_close = std::max(last_close, series.ts().back() + tf_ms);
        Market* m = sim->market(b.symbol());
        if (m == nullptr) {
            auto fresh = std::make_unique<Market>();
            fresh->spec.symbol = b.symbol();
            fresh->spec.base = b.base;
            fresh->spec.quote = b.quote;
            const double ref = std::max(series.close().back(), 1e-8);
            const int magnitude = static_cast<int>(std::floor(std::log10(ref)));
            fresh->spec.price_decimals = std::clamp(6 - magnitude, 0, 8);
            fresh->spec.qty_decimals = std::clamp(magnitude + 1, 0, 8);
            const bool fiat = b.quote != "BTC" && b.quote != "ETH" && b.quote != "BNB";
            fresh->spec.min_notional = fiat ? 5.0 : 0.0001;
            fresh->rng = Rng(config.seed + sim->markets_.size());
            sim->specs_.push_back(fresh->spec);
            sim->markets_.push_back(std::move(fresh));
            m = sim->markets_.back().get();
        }
        if (m->bars.contains(tf_ms)) {
            return fail(Error::invalid_argument(fmt::format(
                "--bars: {} {} is given twice", b.symbol(), model::timeframe_name(b.timeframe))));
        }
        m->bars.emplace(tf_ms, std::move(series));
        assets_base.insert(b.base);
        assets_quote.insert(b.quote);
    }
    if (sim->accounts_.empty()) {
        AccountSpec a = default_account();
        for (const auto& q : assets_quote) a.balances[q] = 100000.0;
        for (const auto& b : assets_base) a.balances.try_emplace(b, 10.0);
        sim->accounts_.push_back(std::move(a));
    }
    for (const AccountSpec& a : sim->accounts_) {
        std::map<std::string, Balance> bal;
        for (const auto& [asset, amount] : a.balances) bal[asset] = Balance{amount, 0.0};
        sim->balances_.push_back(std::move(bal));
    }
    const UnixMillis start = config.now.value_or(last_close);
    sim->offset_ms_ = start - wall.now_ms();
    for (auto& m : sim->markets_) {
        sim->reseed(*m, start);
        m->next_step = (start / kStepMs + 1) * kStepMs;
    }
    return sim;
}

UnixMillis SimExchange::now() const { return wall_.now_ms() + offset_ms_; }
void SimExchange::set_now(UnixMillis t) { offset_ms_ = t - wall_.now_ms(); }
void SimExchange::advance(std::int64_t ms) { offset_ms_ += ms; }

void SimExchange::catch_up() {
    const UnixMillis t = now();
    for (auto& m : markets_) {
        if (t - m->next_step > kReseedGapMs) {
            reseed(*m, t);
            m->next_step = (t / kStepMs + 1) * kStepMs;
            continue;
        }
        while (m->next_step <= t) {
            step(*m, m->next_step);
            m->next_step += kStepMs;
        }
    }
}

SimExchange::Market* SimExchange::market(std::string_view symbol) {
    for (auto& m : markets_) {
        if (m->spec.symbol == symbol) return m.get();
    }
    return nullptr;
}

const SimExchange::Market* SimExchange::market(std::string_view symbol) const {
    for (const auto& m : markets_) {
        if (m->spec.symbol == symbol) return m.get();
    }
    return nullptr;
}

const SymbolSpec* SimExchange::find_symbol(std::string_view symbol) const {
    const Market* m = market(symbol);
    return m == nullptr ? nullptr : &m->spec;
}

const model::BarSeries* SimExchange::bars(std::string_view symbol, std::int64_t interval_ms) {
    Market* m = market(symbol);
    if (m == nullptr) return nullptr;
    auto it = m->bars.find(interval_ms);
    if (it != m->bars.end()) return &it->second;
    for (model::Timeframe tf : model::kAllTimeframes) {
        if (model::timeframe_millis(tf) != interval_ms) continue;
        // A coarser interval is built from the finest loaded one that divides it.
        for (const auto& [ms, series] : m->bars) {
            if (ms < interval_ms && interval_ms % ms == 0) {
                auto resampled = data::resample(series, tf);
                if (!resampled) return nullptr;
                return &m->bars.emplace(interval_ms, std::move(*resampled)).first->second;
            }
        }
    }
    return nullptr;
}

std::vector<Kline> SimExchange::klines(std::string_view symbol, std::int64_t interval_ms,
                                       std::optional<UnixMillis> start,
                                       std::optional<UnixMillis> end, std::size_t limit) {
    const model::BarSeries* series = bars(symbol, interval_ms);
    std::vector<Kline> out;
    if (series == nullptr || limit == 0) return out;
    const auto ts = series->ts();
    const UnixMillis hi = std::min(now(), end.value_or(kMaxUnixMillis));
    const auto stop =
        static_cast<std::size_t>(std::upper_bound(ts.begin(), ts.end(), hi) - ts.begin());
    std::size_t begin = 0;
    if (start) {
        begin =
            static_cast<std::size_t>(std::lower_bound(ts.begin(), ts.end(), *start) - ts.begin());
    } else if (stop > limit) {
        begin = stop - limit;
    }
    for (std::size_t i = begin; i < stop && out.size() < limit; ++i) {
        out.push_back(Kline{series->bar(i), ts[i] + interval_ms - 1});
    }
    return out;
}

std::optional<model::Bar> SimExchange::current_bar(std::string_view symbol) const {
    const Market* m = market(symbol);
    if (m == nullptr || m->bars.empty()) return std::nullopt;
    const model::BarSeries& series = m->bars.begin()->second;
    const auto ts = series.ts();
    const auto it = std::upper_bound(ts.begin(), ts.end(), now());
    if (it == ts.begin()) return series.bar(0);
    return series.bar(static_cast<std::size_t>(it - ts.begin()) - 1);
}

LimitBook& SimExchange::book(std::string_view symbol) { return market(symbol)->book; }

const std::deque<PublicTrade>& SimExchange::recent_trades(std::string_view symbol) const {
    return market(symbol)->trades;
}

std::vector<PublicTrade> SimExchange::take_new_trades(std::string_view symbol) {
    return std::exchange(market(symbol)->new_trades, {});
}

int SimExchange::find_account(std::string_view api_key) const {
    for (std::size_t i = 0; i < accounts_.size(); ++i) {
        if (accounts_[i].api_key == api_key) return static_cast<int>(i);
    }
    return -1;
}

const std::string& SimExchange::account_secret(int account) const {
    return accounts_.at(static_cast<std::size_t>(account)).api_secret;
}

const std::map<std::string, Balance>& SimExchange::balances(int account) const {
    return balances_.at(static_cast<std::size_t>(account));
}

std::int64_t SimExchange::target_ticks(const Market& m, UnixMillis t) const {
    const model::BarSeries& series = m.bars.begin()->second;
    const auto ts = series.ts();
    auto it = std::upper_bound(ts.begin(), ts.end(), t);
    const std::size_t i = it == ts.begin() ? 0 : static_cast<std::size_t>(it - ts.begin()) - 1;
    return std::max<std::int64_t>(1,
                                  std::llround(series.close()[i] * pow10(m.spec.price_decimals)));
}

std::int64_t SimExchange::random_lots(Market& m, double min_quote, double max_quote) {
    const double quote = min_quote + (max_quote - min_quote) * m.rng.uniform();
    const double price = static_cast<double>(target_ticks(m, now())) * m.spec.tick();
    return std::max<std::int64_t>(1, std::llround(quote / price / m.spec.step()));
}

void SimExchange::add_maker(Market& m, Side side, int level, std::int64_t lots) {
    const std::int64_t mid = target_ticks(m, now());
    const std::int64_t spacing =
        std::max<std::int64_t>(1, std::llround(static_cast<double>(mid) * 0.0002));
    const std::int64_t half = std::max<std::int64_t>(1, (spacing + 1) / 2);
    const std::int64_t offset = half + level * spacing;
    const std::int64_t price = side == Side::Buy ? mid - offset : mid + offset;
    if (price <= 0) return;
    const auto bid = m.book.best_bid();
    const auto ask = m.book.best_ask();
    if (side == Side::Buy && ask && price >= ask->price_ticks) return;
    if (side == Side::Sell && bid && price <= bid->price_ticks) return;
    m.book.insert(side, price, BookOrder{next_maker_id_--, -1, lots});
}

void SimExchange::reseed(Market& m, UnixMillis t) {
    (void)t;
    for (Side side : {Side::Buy, Side::Sell}) {
        for (const auto& [price, order] : m.book.orders(side)) {
            if (order.account < 0) (void)m.book.erase(side, price, order.order_id);
        }
    }
    for (int level = 0; level < kSeedLevels; ++level) {
        for (Side side : {Side::Buy, Side::Sell}) {
            add_maker(m, side, level, random_lots(m, 500.0, 5000.0));
        }
    }
}

void SimExchange::synthetic_take(Market& m, Side side, std::int64_t lots) {
    const auto planned = m.book.plan(side, std::nullopt, lots, std::nullopt, 0.0);
    if (planned.empty()) return;
    settle(m, side, -1, nullptr, planned);
}

void SimExchange::step(Market& m, UnixMillis t) {
    (void)t;
    const std::int64_t target = target_ticks(m, now());
    const auto bid = m.book.best_bid();
    const auto ask = m.book.best_ask();
    if (m.rng.uniform() < 0.35) {
        double p_buy = 0.5;
        if (ask && ask->price_ticks < target) p_buy = 0.8;
        if (bid && bid->price_ticks > target) p_buy = 0.2;
        const Side side = m.rng.uniform() < p_buy ? Side::Buy : Side::Sell;
        synthetic_take(m, side, random_lots(m, 50.0, 2000.0));
    }
    if (m.rng.uniform() < 0.5) {
        const Side side = m.rng.uniform() < 0.5 ? Side::Buy : Side::Sell;
        add_maker(m, side, static_cast<int>(m.rng.uniform_int(0, 9)),
                  random_lots(m, 200.0, 3000.0));
    }
    if (m.rng.uniform() < 0.4) {
        const Side side = m.rng.uniform() < 0.5 ? Side::Buy : Side::Sell;
        const auto orders = m.book.orders(side);
        if (orders.size() > 20) {
            const auto pick = static_cast<std::size_t>(
                m.rng.uniform_int(0, static_cast<std::int64_t>(orders.size()) - 1));
            if (orders[pick].second.account < 0) {
                (void)m.book.erase(side, orders[pick].first, orders[pick].second.order_id);
            }
        }
    }
    for (Side side : {Side::Buy, Side::Sell}) {
        for (int level = 0; m.book.level_count(side) < 20 && level < kSeedLevels; ++level) {
            add_maker(m, side, level, random_lots(m, 500.0, 5000.0));
        }
    }
}

void SimExchange::settle_maker(Market& m, Side maker_side, const Match& match,
                               std::int64_t trade_id) {
    if (match.maker_account < 0) return;
    auto it = m.orders.find(match.maker_order_id);
    if (it == m.orders.end()) return;
    OrderRecord& o = it->second;
    auto& bal = balances_.at(static_cast<std::size_t>(match.maker_account));
    const double qty = static_cast<double>(match.qty_lots) * m.spec.step();
    const double quote = static_cast<double>(match.price_ticks) * m.spec.tick() * qty;
    OwnTrade tr{m.spec.symbol,
                trade_id,
                o.order_id,
                match.price_ticks,
                match.qty_lots,
                quote,
                0.0,
                "",
                now(),
                maker_side == Side::Buy,
                true};
    if (maker_side == Side::Buy) {
        bal[m.spec.quote].locked -= quote;
        tr.commission = qty * fee_rate_;
        tr.commission_asset = m.spec.base;
        bal[m.spec.base].free += qty - tr.commission;
    } else {
        bal[m.spec.base].locked -= qty;
        tr.commission = quote * fee_rate_;
        tr.commission_asset = m.spec.quote;
        bal[m.spec.quote].free += quote - tr.commission;
    }
    o.executed_lots += match.qty_lots;
    o.cum_quote += quote;
    o.update_time = now();
    o.status = o.executed_lots == o.orig_lots ? OrderStatus::Filled : OrderStatus::PartiallyFilled;
    own_trades_.push_back(tr);
    own_trade_accounts_.push_back(match.maker_account);
}

void SimExchange::settle(Market& m, Side taker_side, int taker_account, OrderRecord* taker,
                         const std::vector<Match>& matches) {
    m.book.execute(taker_side, matches);
    const Side maker_side = taker_side == Side::Buy ? Side::Sell : Side::Buy;
    for (const Match& match : matches) {
        const std::int64_t trade_id = m.next_trade_id++;
        const PublicTrade pt{trade_id, match.price_ticks, match.qty_lots, now(),
                             taker_side == Side::Sell};
        m.trades.push_back(pt);
        if (m.trades.size() > kRecentTrades) m.trades.pop_front();
        if (m.new_trades.size() < kPendingTrades) m.new_trades.push_back(pt);
        settle_maker(m, maker_side, match, trade_id);
        if (taker == nullptr) continue;
        auto& bal = balances_.at(static_cast<std::size_t>(taker_account));
        const double qty = static_cast<double>(match.qty_lots) * m.spec.step();
        const double quote = static_cast<double>(match.price_ticks) * m.spec.tick() * qty;
        OrderFill fill{trade_id, match.price_ticks, match.qty_lots, 0.0, ""};
        if (taker_side == Side::Buy) {
            if (taker->type == OrderType::Limit) {
                const double reserved =
                    static_cast<double>(taker->price_ticks) * m.spec.tick() * qty;
                bal[m.spec.quote].locked -= reserved;
                bal[m.spec.quote].free += reserved - quote;
            } else {
                bal[m.spec.quote].free -= quote;
            }
            fill.commission = qty * fee_rate_;
            fill.commission_asset = m.spec.base;
            bal[m.spec.base].free += qty - fill.commission;
        } else {
            (taker->type == OrderType::Limit ? bal[m.spec.base].locked : bal[m.spec.base].free) -=
                qty;
            fill.commission = quote * fee_rate_;
            fill.commission_asset = m.spec.quote;
            bal[m.spec.quote].free += quote - fill.commission;
        }
        taker->executed_lots += match.qty_lots;
        taker->cum_quote += quote;
        taker->fills.push_back(fill);
        own_trades_.push_back(OwnTrade{
            m.spec.symbol, trade_id, taker->order_id, match.price_ticks, match.qty_lots, quote,
            fill.commission, fill.commission_asset, now(), taker_side == Side::Buy, false});
        own_trade_accounts_.push_back(taker_account);
    }
}

ApiError SimExchange::check_funds(Market& m, int account, const OrderRequest& req,
                                  std::vector<Match>& planned) {
    auto& bal = balances_.at(static_cast<std::size_t>(account));
    const double tick = m.spec.tick();
    const double step = m.spec.step();
    if (req.type == OrderType::Limit) {
        const double qty = static_cast<double>(req.qty_lots) * step;
        const double need =
            req.side == Side::Buy ? static_cast<double>(req.price_ticks) * tick * qty : qty;
        Balance& b = bal[req.side == Side::Buy ? m.spec.quote : m.spec.base];
        if (b.free + 1e-12 < need) return insufficient_balance();
        b.free -= need;
        b.locked += need;
        return {};
    }
    const std::int64_t max_lots = req.quote_qty ? INT64_MAX : req.qty_lots;
    planned =
        m.book.plan(req.side, std::nullopt, max_lots, req.quote_qty, m.spec.quote_per_tick_lot());
    double quote = 0.0;
    double qty = 0.0;
    for (const Match& p : planned) {
        const double q = static_cast<double>(p.qty_lots) * step;
        qty += q;
        quote += static_cast<double>(p.price_ticks) * tick * q;
    }
    const double need = req.side == Side::Buy ? quote : qty;
    const double have = bal[req.side == Side::Buy ? m.spec.quote : m.spec.base].free;
    if (have + 1e-12 < need) return insufficient_balance();
    return {};
}

ApiResult<OrderRecord> SimExchange::place(int account, std::string_view symbol,
                                          const OrderRequest& req, bool stuck) {
    Market* m = market(symbol);
    if (m == nullptr) return tl::unexpected(api_error(-1121, "Invalid symbol."));
    for (const auto& [id, o] : m->orders) {
        if (o.account == account && o.is_open() && !req.client_order_id.empty() &&
            o.client_order_id == req.client_order_id) {
            return tl::unexpected(api_error(-2010, "Duplicate order sent."));
        }
    }
    std::vector<Match> planned;
    if (ApiError e = check_funds(*m, account, req, planned); e.code != 0) {
        return tl::unexpected(e);
    }
    OrderRecord o;
    o.order_id = next_order_id_++;
    o.symbol = m->spec.symbol;
    o.client_order_id =
        req.client_order_id.empty() ? fmt::format("sim-{}", o.order_id) : req.client_order_id;
    o.account = account;
    o.side = req.side;
    o.type = req.type;
    o.tif = req.tif;
    o.price_ticks = req.type == OrderType::Limit ? req.price_ticks : 0;
    o.orig_lots = req.qty_lots;
    o.orig_quote_qty = req.quote_qty.value_or(0.0);
    o.time = o.update_time = now();
    o.stuck = stuck;
    if (stuck) {
        m->orders[o.order_id] = o;
        return o;
    }
    return match_order(*m, std::move(o), req, std::move(planned));
}

ApiResult<OrderRecord> SimExchange::match_order(Market& m, OrderRecord o, const OrderRequest& req,
                                                std::vector<Match> planned) {
    auto& bal = balances_.at(static_cast<std::size_t>(o.account));
    if (req.type == OrderType::Limit) {
        planned = m.book.plan(req.side, req.price_ticks, req.qty_lots, std::nullopt, 0.0);
        std::int64_t available = 0;
        for (const Match& p : planned) available += p.qty_lots;
        if (req.tif == TimeInForce::Fok && available < req.qty_lots) planned.clear();
    } else if (req.quote_qty) {
        for (const Match& p : planned) o.orig_lots += p.qty_lots;
    }
    settle(m, req.side, o.account, &o, planned);
    const std::int64_t remaining = o.orig_lots - o.executed_lots;
    if (remaining == 0 && o.orig_lots > 0) {
        o.status = OrderStatus::Filled;
    } else if (req.type == OrderType::Limit && req.tif == TimeInForce::Gtc) {
        o.status = o.executed_lots > 0 ? OrderStatus::PartiallyFilled : OrderStatus::New;
        m.book.insert(req.side, req.price_ticks, BookOrder{o.order_id, o.account, remaining});
    } else {
        o.status = OrderStatus::Expired;
        if (req.type == OrderType::Limit) {
            const double qty = static_cast<double>(remaining) * m.spec.step();
            const double held = req.side == Side::Buy
                                    ? static_cast<double>(req.price_ticks) * m.spec.tick() * qty
                                    : qty;
            Balance& b = bal[req.side == Side::Buy ? m.spec.quote : m.spec.base];
            b.locked -= held;
            b.free += held;
        }
    }
    auto stored = o;
    stored.fills.clear();
    m.orders[o.order_id] = stored;
    return o;
}

ApiResult<OrderRecord> SimExchange::find_order(int account, std::string_view symbol,
                                               std::optional<std::int64_t> order_id,
                                               std::optional<std::string> client_id) const {
    const Market* m = market(symbol);
    if (m == nullptr) return tl::unexpected(api_error(-1121, "Invalid symbol."));
    for (const auto& [id, o] : m->orders) {
        if (o.account != account) continue;
        if (order_id ? id == *order_id : (client_id && o.client_order_id == *client_id)) return o;
    }
    return tl::unexpected(api_error(-2013, "Order does not exist."));
}

ApiResult<OrderRecord> SimExchange::cancel(int account, std::string_view symbol,
                                           std::optional<std::int64_t> order_id,
                                           std::optional<std::string> client_id) {
    auto found = find_order(account, symbol, order_id, std::move(client_id));
    if (!found || !found->is_open()) {
        return tl::unexpected(api_error(-2011, "Unknown order sent."));
    }
    Market& m = *market(symbol);
    OrderRecord& o = m.orders.at(found->order_id);
    const std::int64_t remaining = o.orig_lots - o.executed_lots;
    if (o.type == OrderType::Limit) {
        if (!o.stuck) (void)m.book.erase(o.side, o.price_ticks, o.order_id);
        const double qty = static_cast<double>(remaining) * m.spec.step();
        const double held =
            o.side == Side::Buy ? static_cast<double>(o.price_ticks) * m.spec.tick() * qty : qty;
        Balance& b = balances_.at(
            static_cast<std::size_t>(account))[o.side == Side::Buy ? m.spec.quote : m.spec.base];
        b.locked -= held;
        b.free += held;
    }
    o.status = OrderStatus::Canceled;
    o.update_time = now();
    return o;
}

std::vector<OrderRecord> SimExchange::open_orders(int account,
                                                  std::optional<std::string> symbol) const {
    std::vector<OrderRecord> out;
    for (const auto& m : markets_) {
        if (symbol && m->spec.symbol != *symbol) continue;
        for (const auto& [id, o] : m->orders) {
            if (o.account == account && o.is_open()) out.push_back(o);
        }
    }
    return out;
}

std::vector<OwnTrade> SimExchange::my_trades(int account, std::string_view symbol) const {
    std::vector<OwnTrade> out;
    for (std::size_t i = 0; i < own_trades_.size(); ++i) {
        if (own_trade_accounts_[i] == account && own_trades_[i].symbol == symbol) {
            out.push_back(own_trades_[i]);
        }
    }
    return out;
}

}  // namespace aitp::venuesim
