// SPDX-License-Identifier: MIT
// Data and indicator endpoints: store listing, sample generation (a job), quality reports,
// OHLCV and indicator columns for the chart.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "data/demo.hpp"
#include "data/parquet_store.hpp"
#include "data/quality.hpp"
#include "indicators/registry.hpp"
#include "server/api.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"

namespace aitp::server {

namespace fs = std::filesystem;
using nlohmann::json;

Result<std::shared_ptr<const model::BarSeries>> SeriesCache::get(const fs::path& path) {
    std::error_code ec;
    const auto mtime = fs::last_write_time(path, ec);
    const auto size = fs::file_size(path, ec);
    if (ec)
        return fail(Error::not_found(fmt::format("{}: no such file", path.filename().string())));
    {
        std::lock_guard lock(mu_);
        const auto it = entries_.find(path.string());
        if (it != entries_.end() && it->second.mtime == mtime && it->second.size == size)
            return it->second.bars;
    }
    AITP_TRY_ASSIGN(auto bars, data::read_parquet(path));
    auto shared = std::make_shared<const model::BarSeries>(std::move(bars));
    std::lock_guard lock(mu_);
    if (entries_.size() >= 64) entries_.clear();
    entries_[path.string()] = {mtime, size, shared};
    return shared;
}

std::shared_ptr<const IndicatorCache::Table> IndicatorCache::find(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
}

void IndicatorCache::put(const std::string& key, std::shared_ptr<const Table> table) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= 32) entries_.clear();
    entries_[key] = std::move(table);
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
    return Response::json(200, out.dump());
}

Response generate_sample(App::Impl& impl, Request& req) {
    const json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return Response::error(400, "body must be a JSON object");
    const auto symbols = body.value("symbols", std::vector<std::string>{"BTC/USDT"});
    const auto timeframes = body.value("timeframes", std::vector<std::string>{"1h"});
    const int days = body.value("days", 90);
    const std::string exchange = body.value("exchange", std::string("sample"));
    std::vector<data::SeriesKey> keys;
    for (const auto& s : symbols) {
        for (const auto& tf : timeframes) {
            auto k = data::SeriesKey::make(exchange, s, tf);
            if (!k) return error_response(k.error());
            keys.push_back(std::move(*k));
        }
    }
    if (keys.empty() || keys.size() > 500)
        return Response::error(400, "give 1..500 symbol x timeframe pairs");
    if (days < 1 || days > 3650)
        return Response::error(400, fmt::format("days must be in 1..3650, was {}", days));
    const fs::path dir = impl.data_dir;
    const UnixMillis now = impl.clock.now_ms();
    auto id = impl.runner->submit(
        "generate_sample", body.dump(),
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
            return json{{"files", files}}.dump();
        });
    if (!id) return error_response(id.error());
    return Response::json(202, json{{"job_id", *id}}.dump());
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
    auto bars = impl.series.get(store.path_for(key));
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
    return Response::json(200, out.dump());
}

Response quality_one(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.query_param("exchange", "sample"), req.params["symbol"],
                              req.params["tf"]);
    if (!key) return error_response(key.error());
    auto q = quality_for(impl, *key);
    if (!q) return error_response(q.error());
    return Response::json(200, q->dump());
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

Response ohlcv(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.params["exchange"], req.params["symbol"], req.params["tf"]);
    if (!key) return error_response(key.error());
    auto limit = parse_limit(req, 500, 100000);
    if (!limit) return error_response(limit.error());
    const data::ParquetStore store(impl.data_dir);
    auto bars = impl.series.get(store.path_for(*key));
    if (!bars) return error_response(bars.error());
    const auto& b = **bars;
    const std::size_t start = b.size() > *limit ? b.size() - *limit : 0;
    json rows = json::array();
    for (std::size_t i = start; i < b.size(); ++i) {
        rows.push_back({{"timestamp", b.ts()[i]},
                        {"open", number_or_null(b.open()[i])},
                        {"high", number_or_null(b.high()[i])},
                        {"low", number_or_null(b.low()[i])},
                        {"close", number_or_null(b.close()[i])},
                        {"volume", number_or_null(b.volume()[i])}});
    }
    return Response::json(200, json{{"exchange", key->source},
                                    {"symbol", key->symbol.to_string()},
                                    {"timeframe", model::timeframe_name(key->timeframe)},
                                    {"count", rows.size()},
                                    {"bars", rows}}
                                   .dump());
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
    return Response::json(200, out.dump());
}

constexpr std::string_view kAllPrefix = "add_all_indicators.";

Response indicator_values(App::Impl& impl, Request& req) {
    auto key = api_series_key(req.params["exchange"], req.params["symbol"], req.params["tf"]);
    if (!key) return error_response(key.error());
    auto limit = parse_limit(req, 500, 100000);
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
    auto bars = impl.series.get(path);
    if (!bars) return error_response(bars.error());
    const auto& b = **bars;
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
        table = std::make_shared<IndicatorCache::Table>(std::move(*computed));
        impl.indicator_tables.put(cache_key, table);
    }
    const std::size_t start = b.size() > *limit ? b.size() - *limit : 0;
    // Hand-written JSON: 500 rows x ~40 numbers through nlohmann objects cost several ms.
    std::vector<std::string> columns;
    for (const auto& n : table->names) columns.push_back(n.substr(kAllPrefix.size()));
    std::string out;
    out.reserve((b.size() - start) * (64 + 24 * columns.size()) + 256);
    fmt::format_to(std::back_inserter(out),
                   R"({{"exchange":{},"symbol":{},"timeframe":"{}","count":{},"columns":[)",
                   json(key->source).dump(), json(key->symbol.to_string()).dump(),
                   model::timeframe_name(key->timeframe), b.size() - start);
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
    for (std::size_t i = start; i < b.size(); ++i) {
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
    App::Impl* p = &impl;
    impl.router.add("GET", "/api/data/", [p](Request& r) { return list_data(*p, r); });
    impl.router.add("POST", "/api/data/generate-sample/",
                    [p](Request& r) { return generate_sample(*p, r); });
    impl.router.add("GET", "/api/data/quality/", [p](Request& r) { return quality_all(*p, r); });
    impl.router.add("GET", "/api/data/quality/<symbol>/<tf>/",
                    [p](Request& r) { return quality_one(*p, r); });
    impl.router.add("GET", "/api/data/<exchange>/<symbol>/<tf>/",
                    [p](Request& r) { return ohlcv(*p, r); });
    impl.router.add("GET", "/api/indicators/", [p](Request& r) { return indicator_list(*p, r); });
    impl.router.add("GET", "/api/indicators/<exchange>/<symbol>/<tf>/",
                    [p](Request& r) { return indicator_values(*p, r); });
}

}  // namespace aitp::server
