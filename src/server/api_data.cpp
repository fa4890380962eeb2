// SPDX-License-Identifier: MIT
// Data and indicator endpoints: store listing, sample generation (a job), quality reports,
// OHLCV and indicator columns for the chart.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/time.hpp"
#include "data/demo.hpp"
#include "data/parquet_store.hpp"
#include "data/quality.hpp"
#include "indicators/registry.hpp"
#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"

namespace aitp::server {

namespace fs = std::filesystem;
using nlohmann::json;

std::size_t approximate_bytes(const model::BarSeries& bars) {
    return sizeof(model::BarSeries) + bars.size() * (sizeof(std::int64_t) + 5 * sizeof(double));
}

std::size_t approximate_bytes(const indicators::ColumnTable& table) {
    constexpr std::size_t kPerObject = 32;  // a string's or vector's own bytes, rounded up
    std::size_t bytes = sizeof(table);
    for (const auto& n : table.names) bytes += kPerObject + n.size();
    for (const auto& c : table.distinct) bytes += kPerObject + c.capacity() * sizeof(double);
    return bytes + table.source.size() * sizeof(std::size_t);
}

Result<std::shared_ptr<const model::BarSeries>> SeriesCache::get(const fs::path& path,
                                                                 std::int64_t max_bars) {
    std::error_code ec;
    const auto mtime = fs::last_write_time(path, ec);
    const auto size = fs::file_size(path, ec);
    if (ec)
        return fail(Error::not_found(fmt::format("{}: no such file", path.filename().string())));
    if (const auto hit = cache_.find(path.string());
        hit != nullptr && hit->mtime == mtime && hit->size == size) {
        return hit->bars;
    }
    AITP_TRY_ASSIGN(const std::int64_t rows, data::parquet_row_count(path));
    if (rows > max_bars) {
        return fail(Error::invalid_argument(fmt::format(
            "{} has {} bars; one request may read at most {} (server option --max-request-bars; "
            "the CLI has no limit)",
            path.filename().string(), rows, max_bars)));
    }
    AITP_TRY_ASSIGN(auto bars, data::read_parquet(path));
    auto shared = std::make_shared<const model::BarSeries>(std::move(bars));
    const std::size_t bytes = approximate_bytes(*shared);
    cache_.put(path.string(), std::make_shared<const Entry>(Entry{mtime, size, shared}), bytes);
    return shared;
}

Result<data::SeriesKey> api_series_key(const std::string& exchange, std::string symbol,
                                       const std::string& tf) {
    if (symbol.find('/') == std::string::npos) {
        const auto sep = symbol.find_last_of("-_");
        if (sep != std::string::npos && sep > 0 && sep + 1 < symbol.size()) symbol[sep] = '/';
    }
    return data::SeriesKey::make(exchange, symbol, tf);
}

namespace {

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

Response list_data(App::Impl& impl, Request&) {
    const data::ParquetStore store(impl.data_dir);
    auto listing = store.list();
    if (!listing) return error_response(listing.error());
    json out = json::array();
    for (const auto& e : listing->entries) {
        json j = {
            {"exchange", e.key.source},
            {"symbol", e.key.symbol.to_string()},
            {"timeframe", model::timeframe_name(e.key.timeframe)},
            {"asset_class", model::asset_class_name(e.key.symbol.guess_asset_class(e.key.source))},
            {"rows", e.rows},
            {"first", e.first},
            {"last", e.last},
            {"size_bytes", e.size_bytes},
            {"file", e.path.filename().string()}};
        if (e.error) j["error"] = *e.error;
        out.push_back(std::move(j));
    }
    return Response::json(200, json_text(out));
}

constexpr std::size_t kMaxSamplePairs = 500;
constexpr std::int64_t kMaxSampleDays = 3650;

struct SampleRequest {
    std::vector<data::SeriesKey> keys;
    int days = 90;
    std::string params;  ///< what the job row stores
};

// Strict fields and size caps: 1..500 pairs, 1..3650 days, each series at most
// max_request_bars bars and all of them at most 10x that.
Result<SampleRequest> sample_request(const App::Impl& impl, const Request& req) {
    AITP_TRY_ASSIGN(const json body, parse_json_object(req.body));
    AITP_TRY_ASSIGN(const auto symbols,
                    string_list_field(body, "symbols", {"BTC/USDT"}, kMaxSamplePairs));
    AITP_TRY_ASSIGN(const auto timeframes,
                    string_list_field(body, "timeframes", {"1h"}, kMaxSamplePairs));
    AITP_TRY_ASSIGN(const auto days, integer_field(body, "days", 90, 1, kMaxSampleDays));
    AITP_TRY_ASSIGN(const auto exchange, string_field(body, "exchange", "sample"));
    if (symbols.size() * timeframes.size() > kMaxSamplePairs) {
        return fail(Error::invalid_argument(
            fmt::format("give 1..{} symbol x timeframe pairs, was {}", kMaxSamplePairs,
                        symbols.size() * timeframes.size())));
    }
    SampleRequest out;
    out.days = static_cast<int>(days);
    std::int64_t total = 0;
    for (const auto& s : symbols) {
        for (const auto& tf : timeframes) {
            AITP_TRY_ASSIGN(auto k, data::SeriesKey::make(exchange, s, tf));
            const std::int64_t bars = days * 86'400'000 / model::timeframe_millis(k.timeframe);
            if (bars > impl.max_request_bars) {
                return fail(Error::invalid_argument(
                    fmt::format("{} days of {} are {} bars; one series may have at most {}", days,
                                tf, bars, impl.max_request_bars)));
            }
            total += bars;
            out.keys.push_back(std::move(k));
        }
    }
    if (total > 10 * impl.max_request_bars) {
        return fail(Error::invalid_argument(
            fmt::format("the request asks for {} bars in all; at most {} per request", total,
                        10 * impl.max_request_bars)));
    }
    out.params = json_text(body);
    return out;
}

Response generate_sample(App::Impl& impl, Request& req) {
    auto request = sample_request(impl, req);
    if (!request) return error_response(request.error());
    const std::vector<data::SeriesKey> keys = request->keys;
    const int days = request->days;
    const fs::path dir = impl.data_dir;
    const UnixMillis now = impl.clock.now_ms();
    auto id = impl.runner->submit(
        "generate_sample", request->params,
        [dir, keys, days, now](JobContext& ctx) -> Result<std::string> {
            const data::ParquetStore store(dir);
            json files = json::array();
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (ctx.cancelled()) return fail(Error::cancelled("cancelled"));
                AITP_TRY(data::generate_sample_series(store, keys[i], days, now, 1000 + i));
                files.push_back(keys[i].file_name());
                ctx.progress(static_cast<double>(i + 1) / static_cast<double>(keys.size()),
                             keys[i].file_name());
            }
            return json_text(json{{"files", files}});
        });
    if (!id) return error_response(id.error());
    return Response::json(202, json_text(json{{"job_id", *id}}));
}

// With report_unreadable, a file that cannot be read gives a report saying so (the listing
// goes on) instead of an error.
Result<json> quality_for(App::Impl& impl, const data::SeriesKey& key,
                         bool report_unreadable = false) {
    const data::ParquetStore store(impl.data_dir);
    data::QualityOptions o;
    o.timeframe = key.timeframe;
    o.asset_class = key.symbol.guess_asset_class(key.source);
    o.source = key.source;
    o.symbol = key.symbol.to_string();
    auto bars = impl.series.get(store.path_for(key), impl.max_request_bars);
    if (!bars && !report_unreadable) return fail(bars.error());
    const auto report =
        bars ? data::check_quality(**bars, o, impl.clock)
             : data::unreadable_report(o, fmt::format("{} cannot be read ({})", key.file_name(),
                                                      error_code_name(bars.error().code())));
    return json::parse(data::quality_report_json(report));
}

Response quality_all(App::Impl& impl, Request&) {
    const data::ParquetStore store(impl.data_dir);
    auto listing = store.list_names();
    if (!listing) return error_response(listing.error());
    json out = json::array();
    for (const auto& e : listing->entries) {
        auto q = quality_for(impl, e.key, true);
        if (!q) return error_response(q.error());
        out.push_back(std::move(*q));
    }
    return Response::json(200, json_text(out));
}

Response quality_one(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.query_param("exchange", "sample"), req.params["symbol"],
                              req.params["tf"]);
    if (!key) return error_response(key.error());
    auto q = quality_for(impl, *key);
    if (!q) return error_response(q.error());
    return Response::json(200, json_text(*q));
}

Result<std::size_t> parse_limit(const Request& req, std::size_t fallback, std::size_t max) {
    const std::string s = req.query_param("limit");
    if (s.empty()) return fallback;
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v == 0 || v > max) {
        return fail(Error::invalid_argument(
            fmt::format("limit must be an integer in 1..{}, was '{}'", max, s)));
    }
    return v;
}

/// The bars [begin, end) a request for `limit` bars asks for: the last ones, or with
/// `?before=<epoch ms or ISO-8601>` the last ones strictly before that time.
struct BarWindow {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// One page of bars is at most this many, and never more than the server reads per request.
std::size_t max_window_bars(const App::Impl& impl) {
    return static_cast<std::size_t>(std::clamp<std::int64_t>(impl.max_request_bars, 1, 100000));
}

Result<std::size_t> parse_window_limit(const App::Impl& impl, const Request& req) {
    return parse_limit(req, 500, max_window_bars(impl));
}

Result<BarWindow> bar_window(const Request& req, const model::BarSeries& b, std::size_t limit) {
    BarWindow w{0, b.size()};
    if (const std::string before = req.query_param("before"); !before.empty()) {
        const auto t = parse_timestamp(before);
        if (!t) {
            return fail(Error::invalid_argument(fmt::format(
                "before must be epoch milliseconds or ISO-8601, was '{}'", sanitize_utf8(before))));
        }
        w.end = static_cast<std::size_t>(std::lower_bound(b.ts().begin(), b.ts().end(), *t) -
                                         b.ts().begin());
    }
    w.begin = w.end > limit ? w.end - limit : 0;
    return w;
}

Response ohlcv(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.params["exchange"], req.params["symbol"], req.params["tf"]);
    if (!key) return error_response(key.error());
    auto limit = parse_window_limit(impl, req);
    if (!limit) return error_response(limit.error());
    const data::ParquetStore store(impl.data_dir);
    auto bars = impl.series.get(store.path_for(*key), impl.max_request_bars);
    if (!bars) return error_response(bars.error());
    const auto& b = **bars;
    auto window = bar_window(req, b, *limit);
    if (!window) return error_response(window.error());
    const std::size_t start = window->begin;
    json rows = json::array();
    for (std::size_t i = start; i < window->end; ++i) {
        rows.push_back({{"timestamp", b.ts()[i]},
                        {"open", number_or_null(b.open()[i])},
                        {"high", number_or_null(b.high()[i])},
                        {"low", number_or_null(b.low()[i])},
                        {"close", number_or_null(b.close()[i])},
                        {"volume", number_or_null(b.volume()[i])}});
    }
    return Response::json(200, json_text(json{{"exchange", key->source},
                                              {"symbol", key->symbol.to_string()},
                                              {"timeframe", model::timeframe_name(key->timeframe)},
                                              {"count", rows.size()},
                                              {"more_before", start > 0},
                                              {"bars", rows}}));
}

Response indicator_list(App::Impl&, Request&) {
    json out = json::array();
    for (const auto& info : indicators::registry()) {
        json params = json::array();
        for (const auto& p : info.params) {
            params.push_back(
                {{"name", p.name}, {"default", p.default_value}, {"min", p.min}, {"max", p.max}});
        }
        out.push_back({{"name", info.name},
                       {"full_name", info.full_name},
                       {"flavour", indicators::flavor_name(info.flavor)},
                       {"inputs", info.inputs},
                       {"params", params},
                       {"outputs", info.outputs}});
    }
    return Response::json(200, json_text(out));
}

constexpr std::string_view kAllPrefix = "add_all_indicators.";

Response indicator_values(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.params["exchange"], req.params["symbol"], req.params["tf"]);
    if (!key) return error_response(key.error());
    auto limit = parse_window_limit(impl, req);
    if (!limit) return error_response(limit.error());
    std::vector<std::string> wanted;
    const std::string list = req.query_param("indicators");
    for (std::size_t pos = 0; pos < list.size();) {
        auto end = list.find(',', pos);
        if (end == std::string::npos) end = list.size();
        if (end > pos) wanted.push_back(std::string(kAllPrefix) + list.substr(pos, end - pos));
        pos = end + 1;
    }
    if (wanted.empty()) {
        for (const auto& c : indicators::flavor_columns(indicators::Flavor::Reference)) {
            if (c.column.substr(0, kAllPrefix.size()) == kAllPrefix) wanted.emplace_back(c.column);
        }
    }
    const data::ParquetStore store(impl.data_dir);
    const fs::path path = store.path_for(*key);
    auto bars = impl.series.get(path, impl.max_request_bars);
    if (!bars) return error_response(bars.error());
    const auto& b = **bars;
    auto window = bar_window(req, b, *limit);
    if (!window) return error_response(window.error());
    // The file's size and mtime are part of the key, so a rewritten file is recomputed.
    std::error_code ec;
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    std::string cache_key =
        fmt::format("{}|{}|{}|{}|", path.string(), mtime, fs::file_size(path, ec), b.size());
    for (const auto& w : wanted) cache_key += w + ",";
    auto table = impl.indicator_tables.find(cache_key);
    if (!table) {
        const indicators::SeriesInput in{b.ts(),  b.open(),  b.high(),
                                         b.low(), b.close(), b.volume()};
        auto computed = indicators::compute_flavor(indicators::Flavor::Reference, in, wanted);
        if (!computed) return error_response(computed.error());
        auto fresh = std::make_shared<const indicators::ColumnTable>(std::move(*computed));
        impl.indicator_tables.put(cache_key, fresh, approximate_bytes(*fresh));
        table = std::move(fresh);
    }
    // Indicators are computed over the whole stored series (and cached), so a window of older
    // bars carries the same values as the same bars in any other window: no warm-up is lost.
    const std::size_t start = window->begin;
    const std::size_t stop = window->end;
    // Hand-written JSON: 500 rows x ~40 numbers through nlohmann objects cost several ms.
    std::vector<std::string> columns;
    for (const auto& n : table->names) columns.push_back(n.substr(kAllPrefix.size()));
    std::string out;
    out.reserve((stop - start) * (64 + 24 * columns.size()) + 256);
    fmt::format_to(
        std::back_inserter(out),
        R"({{"exchange":{},"symbol":{},"timeframe":"{}","count":{},"more_before":{},"columns":[)",
        json_text(key->source), json_text(key->symbol.to_string()),
        model::timeframe_name(key->timeframe), stop - start, start > 0);
    for (std::size_t c = 0; c < columns.size(); ++c)
        fmt::format_to(std::back_inserter(out), "{}\"{}\"", c ? "," : "", columns[c]);
    out += "],\"data\":[";
    const auto put = [&out](std::string_view name, double v) {
        if (std::isfinite(v)) {
            fmt::format_to(std::back_inserter(out), ",\"{}\":{}", name, v);
        } else {
            fmt::format_to(std::back_inserter(out), ",\"{}\":null", name);
        }
    };
    for (std::size_t i = start; i < stop; ++i) {
        fmt::format_to(std::back_inserter(out), "{}{{\"timestamp\":{}", i == start ? "" : ",",
                       b.ts()[i]);
        put("open", b.open()[i]);
        put("high", b.high()[i]);
        put("low", b.low()[i]);
        put("close", b.close()[i]);
        put("volume", b.volume()[i]);
        for (std::size_t c = 0; c < columns.size(); ++c) put(columns[c], table->column(c)[i]);
        out += '}';
    }
    out += "]}";
    return Response::json(200, std::move(out));
}

}  // namespace

void register_data_routes(App::Impl& impl) {
    namespace s = schema;
    App::Impl* p = &impl;
    RouteOptions heavy;
    heavy.heavy = true;
    const ParamDoc exchange{"exchange", "the store's source, e.g. sample"};
    const ParamDoc symbol{"symbol", "BTC-USDT, BTC_USDT or BTC%2FUSDT for BTC/USDT; tickers as is"};
    const ParamDoc tf{"tf", "timeframe, e.g. 1h"};
    const ParamDoc limit{"limit", "the last N bars, 1..100000, default 500", "integer"};
    const ParamDoc before{"before",
                          "only bars before this time (epoch ms or ISO-8601), to page back"};
    impl.router.add(
        "GET", "/api/data/",
        {.summary = "Stored series", .tag = "Data", .response = s::array(s::ref("DataFile"))},
        [p](Request& r) { return list_data(*p, r); }, heavy);
    impl.router.add("POST", "/api/data/generate-sample/",
                    {.summary = "Generate synthetic series into the store (a job)",
                     .tag = "Data",
                     .request = s::ref("SampleRequest"),
                     .status = 202,
                     .response = s::ref("JobAccepted")},
                    [p](Request& r) { return generate_sample(*p, r); });
    impl.router.add(
        "GET", "/api/data/quality/",
        {.summary = "Data-quality reports of every stored series",
         .tag = "Data",
         .response = s::array(s::ref("QualityReport"))},
        [p](Request& r) { return quality_all(*p, r); }, heavy);
    impl.router.add(
        "GET", "/api/data/quality/<symbol>/<tf>/",
        {.summary = "Data-quality report of one series",
         .tag = "Data",
         .path_params = {symbol, tf},
         .query = {{"exchange", "the store's source, default sample"}},
         .response = s::ref("QualityReport")},
        [p](Request& r) { return quality_one(*p, r); }, heavy);
    impl.router.add(
        "GET", "/api/data/<exchange>/<symbol>/<tf>/",
        {.summary = "OHLCV bars of a stored series (the last `limit`)",
         .tag = "Data",
         .path_params = {exchange, symbol, tf},
         .query = {limit, before},
         .response = s::ref("Bars")},
        [p](Request& r) { return ohlcv(*p, r); }, heavy);
    impl.router.add("GET", "/api/indicators/",
                    {.summary = "The indicator registry",
                     .tag = "Indicators",
                     .response = s::array(s::ref("Indicator"))},
                    [p](Request& r) { return indicator_list(*p, r); });
    impl.router.add(
        "GET", "/api/indicators/<exchange>/<symbol>/<tf>/",
        {.summary = "Bars with indicator columns (computed on the whole series)",
         .tag = "Indicators",
         .path_params = {exchange, symbol, tf},
         .query = {limit,
                   before,
                   {"indicators", "comma-separated columns, e.g. sma_21,rsi_14; default all"}},
         .response = s::ref("IndicatorValues")},
        [p](Request& r) { return indicator_values(*p, r); }, heavy);
}

}  // namespace aitp::server
