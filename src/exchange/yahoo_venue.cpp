// SPDX-License-Identifier: MIT
// Yahoo Finance chart source. Yahoo publishes no API reference; the request and answer shapes
// are the ones yfinance uses (github.com/ranaroussi/yfinance, yfinance/scrapers/history.py):
// GET /v8/finance/chart/{symbol}?period1&period2&interval, answering
// {"chart":{"result":[{"meta":{...},"timestamp":[...],"indicators":{"quote":[{...}],
// "adjclose":[{...}]}}],"error":null}}.
#include "exchange/yahoo_venue.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exchange/adapter_support.hpp"

namespace aitp::exchange {

namespace {

using Json = nlohmann::json;
using adapter::Query;

constexpr std::string_view kVenue = "yahoo";
constexpr std::string_view kDefaultBase = "https://query2.finance.yahoo.com";
constexpr int kMaxPage = 10000;
constexpr std::string_view kMarketDataOnly = "Yahoo Finance is a market-data source";

constexpr std::array<std::string_view, 31> kCurrencies = {
    "USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK",
    "CNY", "CNH", "HKD", "SGD", "MXN", "ZAR", "TRY", "PLN", "INR", "KRW", "BRL",
    "CZK", "HUF", "ILS", "THB", "TWD", "IDR", "MYR", "PHP", "RUB"};

bool is_currency(std::string_view code) {
    return std::find(kCurrencies.begin(), kCurrencies.end(), code) != kCurrencies.end();
}

std::string_view interval_name(model::Timeframe tf) {
    switch (tf) {
        case model::Timeframe::M1:
            return "1m";
        case model::Timeframe::M5:
            return "5m";
        case model::Timeframe::M15:
            return "15m";
        case model::Timeframe::H1:
            return "1h";
        case model::Timeframe::D1:
            return "1d";
        case model::Timeframe::H4:
            break;
    }
    return {};
}

/// How far back Yahoo serves an interval (yfinance's limits; 0 = unlimited) and how much one
/// request may span (0 = unlimited).
struct HistoryLimit {
    std::int64_t back_ms = 0;
    std::int64_t span_ms = 0;
};

HistoryLimit history_limit(model::Timeframe tf) {
    switch (tf) {
        case model::Timeframe::M1:
            return {30 * kMillisPerDay, 7 * kMillisPerDay};
        case model::Timeframe::M5:
        case model::Timeframe::M15:
            return {60 * kMillisPerDay, 0};
        case model::Timeframe::H1:
        case model::Timeframe::H4:
            return {730 * kMillisPerDay, 0};
        case model::Timeframe::D1:
            break;
    }
    return {};
}

std::optional<double> number_at(const Json& column, std::size_t i) {
    if (!column.is_array() || i >= column.size() || !column[i].is_number()) return std::nullopt;
    return column[i].get<double>();
}

class YahooVenue final : public Venue {
  public:
    YahooVenue(VenueConfig config, std::shared_ptr<HttpTransport> transport, const Clock& clock)
        : config_(std::move(config)), transport_(std::move(transport)), clock_(clock) {
        base_ = config_.base_url.empty() ? std::string(kDefaultBase) : config_.base_url;
    }

    VenueId id() const override { return VenueId::Yahoo; }
    int max_ohlcv_page() const override { return kMaxPage; }
    bool has_native_timeframe(model::Timeframe tf) const override {
        return !interval_name(tf).empty();
    }

    /// Yahoo has no time endpoint: the local clock.
    Result<UnixMillis> server_time() override { return clock_.now_ms(); }

    /// Yahoo has no listing endpoint: the symbols this adapter has fetched so far.
    Result<std::vector<MarketInfo>> markets() override {
        std::vector<MarketInfo> out;
        for (const auto& [symbol, m] : seen_) out.push_back(m);
        return out;
    }

    Result<model::BarSeries> ohlcv(const OhlcvRequest& request) override;
    Result<Ticker> ticker(std::string_view symbol) override;
    Result<std::vector<Ticker>> tickers(std::span<const std::string> symbols) override {
        if (symbols.empty()) {
            return fail(adapter::not_supported(kVenue, "tickers of all symbols",
                                               "Yahoo has no listing; name the symbols"));
        }
        std::vector<Ticker> out;
        for (const auto& s : symbols) {
            AITP_TRY_ASSIGN(auto t, ticker(s));
            out.push_back(std::move(t));
        }
        return out;
    }
    Result<BookSnapshot> order_book(std::string_view, int) override {
        return fail(adapter::not_supported(kVenue, "order_book", kMarketDataOnly));
    }
    Result<std::vector<PublicTrade>> recent_trades(std::string_view, int) override {
        return fail(adapter::not_supported(kVenue, "recent_trades", kMarketDataOnly));
    }
    Result<std::vector<Balance>> balances() override {
        return fail(adapter::not_supported(kVenue, "balances", kMarketDataOnly));
    }
    Result<VenueOrder> create_order(const NewOrder&) override {
        return fail(adapter::not_supported(kVenue, "create_order", kMarketDataOnly));
    }
    Result<VenueOrder> cancel_order(std::string_view, std::string_view) override {
        return fail(adapter::not_supported(kVenue, "cancel_order", kMarketDataOnly));
    }
    Result<VenueOrder> fetch_order(std::string_view, std::string_view) override {
        return fail(adapter::not_supported(kVenue, "fetch_order", kMarketDataOnly));
    }
    Result<std::vector<VenueOrder>> open_orders(std::string_view) override {
        return fail(adapter::not_supported(kVenue, "open_orders", kMarketDataOnly));
    }
    Result<std::vector<OwnTrade>> own_trades(std::string_view, UnixMillis) override {
        return fail(adapter::not_supported(kVenue, "own_trades", kMarketDataOnly));
    }

    VenueHealth health() const override {
        VenueHealth h = transport_->health();
        if (h.venue.empty()) h.venue = std::string(kVenue);
        return h;
    }

  private:
    /// GETs the chart of a Yahoo ticker and returns chart.result[0].
    Result<Json> chart(const std::string& ticker, const Query& q) {
        HttpRequest req;
        req.url = adapter::make_url(
            base_, fmt::format("/v8/finance/chart/{}", adapter::url_encode(ticker)), q);
        req.endpoint = "GET /v8/finance/chart/{symbol}";
        const std::string name = fmt::format("chart {}", ticker);
        auto response = transport_->send(req);
        if (!response) return fail(adapter::redact(response.error(), config_));
        AITP_TRY_ASSIGN(Json body, adapter::parse_body<Json>(kVenue, name, *response));
        return adapter::guarded(kVenue, name, [&]() -> Result<Json> {
            const Json& c = adapter::member(body, "chart");
            const auto err = c.find("error");
            if (err != c.end() && !err->is_null()) {
                const std::string code = adapter::text_or_empty(*err, "code");
                const std::string text = fmt::format("{} {}: {}: {}", kVenue, name, code,
                                                     adapter::text_or_empty(*err, "description"));
                return fail(code == "Not Found" ? Error::not_found(text)
                                                : Error::invalid_argument(text));
            }
            if (response->status < 200 || response->status >= 300) {
                return fail(adapter::http_status_error(kVenue, name, *response));
            }
            const Json& result = adapter::member(c, "result");
            if (!result.is_array() || result.empty()) {
                throw adapter::BadField("chart.result is empty");
            }
            return result[0];
        });
    }

    void remember(const std::string& unified, const std::string& ticker, const Json& meta) {
        MarketInfo m;
        m.symbol = unified;
        m.venue_symbol = ticker;
        const auto slash = unified.find('/');
        m.base = slash == std::string::npos ? unified : unified.substr(0, slash);
        m.quote = slash == std::string::npos ? adapter::text_or_empty(meta, "currency")
                                             : unified.substr(slash + 1);
        m.price_tick = std::pow(10.0, -adapter::decimal_or(meta, "priceHint", 2.0));
        seen_[unified] = std::move(m);
    }

    static model::BarSeries parse_bars(const Json& result, model::Timeframe tf);

    VenueConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    const Clock& clock_;
    std::string base_;
    std::map<std::string, MarketInfo> seen_;
};

model::BarSeries YahooVenue::parse_bars(const Json& result, model::Timeframe tf) {
    model::BarSeries bars;
    const auto ts = result.find("timestamp");
    if (ts == result.end() || !ts->is_array()) return bars;  // no bars in the range
    const Json& meta = adapter::member(result, "meta");
    const Json& quote = adapter::member(adapter::member(result, "indicators"), "quote").at(0);
    const Json* adjclose = nullptr;
    const Json& ind = result.at("indicators");
    if (ind.contains("adjclose") && ind["adjclose"].is_array() && !ind["adjclose"].empty()) {
        adjclose = &ind["adjclose"][0]["adjclose"];
    }
    const std::int64_t gmtoffset_ms =
        static_cast<std::int64_t>(adapter::decimal_or(meta, "gmtoffset", 0.0)) * kMillisPerSecond;
    for (std::size_t i = 0; i < ts->size(); ++i) {
        const auto o = number_at(quote.at("open"), i);
        const auto h = number_at(quote.at("high"), i);
        const auto l = number_at(quote.at("low"), i);
        const auto c = number_at(quote.at("close"), i);
        if (!o || !h || !l || !c) continue;  // Yahoo's null rows (holidays, halts)
        model::Bar b{(*ts)[i].get<std::int64_t>() * kMillisPerSecond, *o, *h, *l, *c,
                     number_at(quote.at("volume"), i).value_or(0.0)};
        if (tf == model::Timeframe::D1) {
            // A daily bar opens at the session start in exchange time (09:30 New York,
            // midnight London for forex); stamp it 00:00 UTC of that local date. Two hours of
            // slack absorb a DST change since meta.gmtoffset was taken.
            b.ts = days_from_millis(b.ts + gmtoffset_ms + 2 * kMillisPerHour) * kMillisPerDay;
        }
        if (adjclose != nullptr && *c != 0.0) {
            // auto_adjust as the original asks yfinance: scale OHLC by adjclose / close.
            if (const auto adj = number_at(*adjclose, i)) {
                const double ratio = *adj / *c;
                b.open *= ratio;
                b.high *= ratio;
                b.low *= ratio;
                b.close = *adj;
            }
        }
        bars.push_back(b);
    }
    bars.sort_dedupe_keep_last();
    return bars;
}

Result<model::BarSeries> YahooVenue::ohlcv(const OhlcvRequest& request) {
    const std::string_view interval = interval_name(request.timeframe);
    if (interval.empty()) {
        return fail(adapter::not_supported(
            kVenue, fmt::format("ohlcv {}", model::timeframe_name(request.timeframe)),
            "Yahoo has no 4h interval; build the bars from 1h"));
    }
    AITP_TRY_ASSIGN(const std::string ticker, yahoo_symbol(request.symbol));
    const std::int64_t tf_ms = model::timeframe_millis(request.timeframe);
    const int limit = request.limit > 0 ? std::min(request.limit, kMaxPage) : kMaxPage;
    const UnixMillis now = clock_.now_ms();
    const UnixMillis until = request.until > 0 ? std::min(request.until, now) : now;
    const HistoryLimit hl = history_limit(request.timeframe);
    UnixMillis start = request.since > 0 ? request.since : until - limit * tf_ms;
    if (hl.back_ms > 0) {
        const UnixMillis earliest = now - hl.back_ms;
        if (until <= earliest) {
            return fail(Error::invalid_argument(fmt::format(
                "yahoo: {} bars reach back {} days only (to {}); the request ends at {}", interval,
                hl.back_ms / kMillisPerDay, format_iso8601(earliest), format_iso8601(until))));
        }
        start = std::max(start, earliest);  // clamped, as yfinance does
    }
    start = std::max<UnixMillis>(start, 0);
    UnixMillis end = std::min(until, start + limit * tf_ms);
    if (hl.span_ms > 0) end = std::min(end, start + hl.span_ms);
    Query q;
    q.add("period1", start / kMillisPerSecond)
        .add("period2", (end + kMillisPerSecond - 1) / kMillisPerSecond)
        .add("interval", interval)
        .add("includePrePost", "false");
    AITP_TRY_ASSIGN(const Json result, chart(ticker, q));
    return adapter::guarded(kVenue, "chart " + ticker, [&]() -> Result<model::BarSeries> {
        model::BarSeries all = parse_bars(result, request.timeframe);
        remember(adapter::to_upper(request.symbol), ticker, adapter::member(result, "meta"));
        model::BarSeries bars;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const model::Bar b = all.bar(i);
            if (b.ts < request.since || (request.until > 0 && b.ts >= request.until)) continue;
            if (static_cast<int>(bars.size()) == limit) break;
            bars.push_back(b);
        }
        return bars;
    });
}

Result<Ticker> YahooVenue::ticker(std::string_view symbol) {
    AITP_TRY_ASSIGN(const std::string ticker, yahoo_symbol(symbol));
    Query q;
    q.add("range", "1d").add("interval", "1d");
    AITP_TRY_ASSIGN(const Json result, chart(ticker, q));
    return adapter::guarded(kVenue, "chart " + ticker, [&]() -> Result<Ticker> {
        const Json& meta = adapter::member(result, "meta");
        Ticker t;
        t.symbol = unified_from_yahoo(adapter::text(meta, "symbol"));
        t.ts = static_cast<UnixMillis>(adapter::decimal_or(meta, "regularMarketTime", 0.0)) *
               kMillisPerSecond;
        if (t.ts == 0) t.ts = clock_.now_ms();
        t.last = adapter::decimal(meta, "regularMarketPrice");
        const double prev = adapter::decimal_or(meta, "previousClose",
                                                adapter::decimal_or(meta, "chartPreviousClose", 0));
        t.open_24h = prev;
        t.high_24h = adapter::decimal_or(meta, "regularMarketDayHigh", 0.0);
        t.low_24h = adapter::decimal_or(meta, "regularMarketDayLow", 0.0);
        t.volume_24h = adapter::decimal_or(meta, "regularMarketVolume", 0.0);
        t.change_pct_24h = prev > 0 ? (t.last - prev) / prev * 100.0 : 0.0;
        remember(t.symbol, ticker, meta);
        return t;
    });
}

}  // namespace

Result<std::string> yahoo_symbol(std::string_view unified) {
    std::string s = adapter::to_upper(unified);
    if (s.empty() || s.find_first_of(" \t\r\n") != std::string::npos) {
        return fail(Error::invalid_argument(
            fmt::format("yahoo: symbol must be BASE/QUOTE or a Yahoo ticker, was '{}'", s)));
    }
    if (s.find('/') == std::string::npos) return s;
    AITP_TRY_ASSIGN(const auto parts, adapter::split_symbol(kVenue, s));
    const auto& [base, quote] = parts;
    if (is_currency(base) && is_currency(quote)) return base + quote + "=X";
    return base;  // an equity or index: Yahoo quotes it in its listing currency
}

std::string unified_from_yahoo(std::string_view yahoo) {
    std::string s = adapter::to_upper(yahoo);
    if (s.starts_with("^")) return s;
    if (s.ends_with("=X")) {
        const std::string pair = s.substr(0, s.size() - 2);
        if (pair.size() == 6) return pair.substr(0, 3) + "/" + pair.substr(3);
        if (pair.size() == 3) return "USD/" + pair;  // "JPY=X" is USD/JPY
        return s;
    }
    const auto dash = s.find('-');
    if (dash != std::string::npos && dash > 0 && dash + 1 < s.size()) {
        return s.substr(0, dash) + "/" + s.substr(dash + 1);
    }
    return s + "/USD";
}

std::unique_ptr<Venue> make_yahoo_venue(const VenueConfig& config,
                                        std::shared_ptr<HttpTransport> transport,
                                        const Clock& clock) {
    return std::make_unique<YahooVenue>(config, std::move(transport), clock);
}

}  // namespace aitp::exchange
