// SPDX-License-Identifier: MIT
// FakeVenue: a Venue for tests of code that downloads from venues (ingest, the server's
// download job and ticker endpoints). Serves OHLCV pages from BarSeries the test gives it (only
// bars whose open time is <= its server time, the last one possibly still forming, as a real
// venue does), keeps a movable server time, a page size, timeframes it lacks, and scripted
// faults: an error at the Nth OHLCV call, pages that repeat or go backwards. Thread-safe (a
// server job and a request may use it at once). Link aitp_exchange.
#pragma once

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "exchange/venue.hpp"
#include "model/bar_series.hpp"

namespace aitp::testing {

class FakeVenue final : public exchange::Venue {
  public:
    enum class PageFault { None, Repeat, Backwards };

    explicit FakeVenue(exchange::VenueId id = exchange::VenueId::Binance, int page = 1000)
        : id_(id), page_(page) {}

    void set_bars(const std::string& symbol, model::Timeframe tf, model::BarSeries bars) {
        const std::lock_guard lock(mu_);
        bars_[{symbol, tf}] = std::move(bars);
    }
    void set_now(UnixMillis t) { now_.store(t); }
    void advance(std::int64_t ms) { now_.fetch_add(ms); }
    void lack_timeframe(model::Timeframe tf) {
        const std::lock_guard lock(mu_);
        missing_.insert(tf);
    }
    /// The OHLCV call number `call` (1-based, counted over the venue's life) fails with `e`.
    void fail_ohlcv_call(int call, Error e) {
        const std::lock_guard lock(mu_);
        failures_.emplace(call, std::move(e));
    }
    /// Every OHLCV call for `symbol` fails with `e`.
    void fail_symbol(const std::string& symbol, Error e) {
        const std::lock_guard lock(mu_);
        symbol_failures_.emplace(symbol, std::move(e));
    }
    /// From OHLCV call `from_call` on, pages repeat the first page or start before `since`.
    void set_page_fault(PageFault f, int from_call = 1) {
        const std::lock_guard lock(mu_);
        fault_ = f;
        fault_from_ = from_call;
    }
    void set_health(exchange::VenueHealth h) {
        const std::lock_guard lock(mu_);
        health_ = std::move(h);
    }
    void fail_server_time(std::optional<Error> e) {
        const std::lock_guard lock(mu_);
        time_error_ = std::move(e);
    }
    int ohlcv_calls() const {
        const std::lock_guard lock(mu_);
        return calls_;
    }
    std::vector<exchange::OhlcvRequest> requests() const {
        const std::lock_guard lock(mu_);
        return requests_;
    }

    exchange::VenueId id() const override { return id_; }
    int max_ohlcv_page() const override { return page_; }
    bool has_native_timeframe(model::Timeframe tf) const override {
        const std::lock_guard lock(mu_);
        return missing_.count(tf) == 0;
    }
    Result<UnixMillis> server_time() override {
        const std::lock_guard lock(mu_);
        if (time_error_) return fail(*time_error_);
        return now_.load();
    }
    Result<std::vector<exchange::MarketInfo>> markets() override { return unsupported("markets"); }

    Result<model::BarSeries> ohlcv(const exchange::OhlcvRequest& r) override {
        const std::lock_guard lock(mu_);
        ++calls_;
        requests_.push_back(r);
        if (auto f = failures_.find(calls_); f != failures_.end()) return fail(f->second);
        if (auto f = symbol_failures_.find(r.symbol); f != symbol_failures_.end()) {
            return fail(f->second);
        }
        if (missing_.count(r.timeframe) != 0) return unsupported("ohlcv timeframe");
        const auto it = bars_.find({r.symbol, r.timeframe});
        if (it == bars_.end()) return fail(Error::not_found("unknown symbol " + r.symbol));
        const auto& b = it->second;
        UnixMillis since = r.since;
        if (fault_ != PageFault::None && calls_ >= fault_from_) {
            since = fault_ == PageFault::Repeat ? b.ts().front()
                                                : since - 10 * model::timeframe_millis(r.timeframe);
        }
        const int limit = r.limit > 0 ? std::min(r.limit, page_) : page_;
        model::BarSeries out;
        for (std::size_t i = 0; i < b.size() && static_cast<int>(out.size()) < limit; ++i) {
            const UnixMillis ts = b.ts()[i];
            if (ts < since || ts > now_.load() || (r.until != 0 && ts >= r.until)) continue;
            out.push_back(b.bar(i));
        }
        return out;
    }

    Result<exchange::Ticker> ticker(std::string_view symbol) override {
        const std::lock_guard lock(mu_);
        return ticker_locked(std::string(symbol));
    }
    Result<std::vector<exchange::Ticker>> tickers(std::span<const std::string> symbols) override {
        const std::lock_guard lock(mu_);
        std::vector<exchange::Ticker> out;
        for (const auto& s : symbols) {
            auto t = ticker_locked(s);
            if (!t) return fail(t.error());
            out.push_back(*t);
        }
        return out;
    }
    Result<exchange::BookSnapshot> order_book(std::string_view, int) override {
        return unsupported("order_book");
    }
    Result<std::vector<exchange::PublicTrade>> recent_trades(std::string_view, int) override {
        return unsupported("recent_trades");
    }
    Result<std::vector<exchange::Balance>> balances() override { return unsupported("balances"); }
    Result<exchange::VenueOrder> create_order(const exchange::NewOrder&) override {
        return unsupported("create_order");
    }
    Result<exchange::VenueOrder> cancel_order(std::string_view, std::string_view) override {
        return unsupported("cancel_order");
    }
    Result<exchange::VenueOrder> fetch_order(std::string_view, std::string_view) override {
        return unsupported("fetch_order");
    }
    Result<std::vector<exchange::VenueOrder>> open_orders(std::string_view) override {
        return unsupported("open_orders");
    }
    Result<std::vector<exchange::OwnTrade>> own_trades(std::string_view, UnixMillis) override {
        return unsupported("own_trades");
    }
    exchange::VenueHealth health() const override {
        const std::lock_guard lock(mu_);
        auto h = health_;
        if (h.venue.empty()) h.venue = std::string(exchange::venue_name(id_));
        return h;
    }

  private:
    static tl::unexpected<Error> unsupported(std::string_view what) {
        return fail(Error::not_supported("fake venue: no " + std::string(what)));
    }
    // The last hourly bar at or before now: last, 24 h change from the bar 24 h earlier.
    Result<exchange::Ticker> ticker_locked(const std::string& symbol) const {
        if (auto f = symbol_failures_.find(symbol); f != symbol_failures_.end()) {
            return fail(f->second);
        }
        const auto it = bars_.find({symbol, model::Timeframe::H1});
        if (it == bars_.end()) return fail(Error::not_found("unknown symbol " + symbol));
        const auto& b = it->second;
        std::size_t n = 0;
        while (n < b.size() && b.ts()[n] <= now_.load()) ++n;
        if (n == 0) return fail(Error::not_found("no bars yet for " + symbol));
        exchange::Ticker t;
        t.symbol = symbol;
        t.ts = now_.load();
        t.last = b.close()[n - 1];
        t.open_24h = n > 24 ? b.close()[n - 25] : b.open()[0];
        t.change_pct_24h = (t.last / t.open_24h - 1.0) * 100.0;
        t.bid = t.last;
        t.ask = t.last;
        return t;
    }

    exchange::VenueId id_;
    int page_;
    std::atomic<UnixMillis> now_{0};
    mutable std::mutex mu_;
    std::map<std::pair<std::string, model::Timeframe>, model::BarSeries> bars_;
    std::set<model::Timeframe> missing_;
    std::map<int, Error> failures_;
    std::map<std::string, Error> symbol_failures_;
    PageFault fault_ = PageFault::None;
    int fault_from_ = 1;
    std::optional<Error> time_error_;
    exchange::VenueHealth health_;
    int calls_ = 0;
    std::vector<exchange::OhlcvRequest> requests_;
};

/// A Venue that forwards to a shared FakeVenue, for factories that must return a unique_ptr
/// (ServerConfig::venue_factory) while the test keeps moving the fake.
class SharedVenue final : public exchange::Venue {
  public:
    explicit SharedVenue(std::shared_ptr<FakeVenue> v) : v_(std::move(v)) {}
    exchange::VenueId id() const override { return v_->id(); }
    int max_ohlcv_page() const override { return v_->max_ohlcv_page(); }
    bool has_native_timeframe(model::Timeframe tf) const override {
        return v_->has_native_timeframe(tf);
    }
    Result<UnixMillis> server_time() override { return v_->server_time(); }
    Result<std::vector<exchange::MarketInfo>> markets() override { return v_->markets(); }
    Result<model::BarSeries> ohlcv(const exchange::OhlcvRequest& r) override {
        return v_->ohlcv(r);
    }
    Result<exchange::Ticker> ticker(std::string_view s) override { return v_->ticker(s); }
    Result<std::vector<exchange::Ticker>> tickers(std::span<const std::string> s) override {
        return v_->tickers(s);
    }
    Result<exchange::BookSnapshot> order_book(std::string_view s, int d) override {
        return v_->order_book(s, d);
    }
    Result<std::vector<exchange::PublicTrade>> recent_trades(std::string_view s, int n) override {
        return v_->recent_trades(s, n);
    }
    Result<std::vector<exchange::Balance>> balances() override { return v_->balances(); }
    Result<exchange::VenueOrder> create_order(const exchange::NewOrder& o) override {
        return v_->create_order(o);
    }
    Result<exchange::VenueOrder> cancel_order(std::string_view s, std::string_view id) override {
        return v_->cancel_order(s, id);
    }
    Result<exchange::VenueOrder> fetch_order(std::string_view s, std::string_view id) override {
        return v_->fetch_order(s, id);
    }
    Result<std::vector<exchange::VenueOrder>> open_orders(std::string_view s) override {
        return v_->open_orders(s);
    }
    Result<std::vector<exchange::OwnTrade>> own_trades(std::string_view s, UnixMillis t) override {
        return v_->own_trades(s, t);
    }
    exchange::VenueHealth health() const override { return v_->health(); }

  private:
    std::shared_ptr<FakeVenue> v_;
};

}  // namespace aitp::testing
