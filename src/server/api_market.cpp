// SPDX-License-Identifier: MIT
// Market endpoints: downloads from venues into the store (a job), tickers (of given symbols or
// of a watchlist) and the venues' health. The rules live in ingest and exchange; this file only
// translates requests and results.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/time.hpp"
#include "ingest/download.hpp"
#include "ingest/watchlist.hpp"
#include "model/symbol.hpp"
#include "server/api.hpp"
#include "server/api_schemas.hpp"
#include "server/app_impl.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/market.hpp"

namespace aitp::server {

using nlohmann::json;

namespace {

/// The original's web download cap (ORIGINAL.md 1.2).
constexpr std::size_t kMaxDownloadSymbols = 50;
constexpr std::size_t kMaxDownloadTimeframes = 10;
/// Tickers one request may ask for.
constexpr std::size_t kMaxTickerSymbols = 100;

struct DownloadJob {
    std::string source;
    std::vector<std::string> symbols;
    std::vector<model::Timeframe> timeframes;
    std::optional<UnixMillis> since;
    std::optional<UnixMillis> until;
    std::string params;
};

Result<std::optional<UnixMillis>> time_field(const json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null()) return std::optional<UnixMillis>{};
    const json& v = body[name];
    if (v.is_number_integer()) return std::optional<UnixMillis>{v.get<std::int64_t>()};
    if (v.is_string()) {
        auto t = parse_timestamp(v.get<std::string>());
        if (t) return std::optional<UnixMillis>{*t};
    }
    return fail(
        Error::invalid_argument(fmt::format("{} must be ISO-8601 or epoch milliseconds, was {}",
                                            name, sanitize_utf8(v.dump().substr(0, 60)))));
}

Result<DownloadJob> download_request(const Request& req) {
    AITP_TRY_ASSIGN(const json body, parse_json_object(req.body));
    DownloadJob job;
    AITP_TRY_ASSIGN(job.source, string_field(body, "source", ""));
    if (job.source.empty()) return fail(Error::invalid_argument("source is required"));
    if (auto v = exchange::parse_venue(job.source); !v) {
        return fail(v.error().with_context("source"));
    }
    AITP_TRY_ASSIGN(job.symbols, string_list_field(body, "symbols", {}, kMaxDownloadSymbols));
    AITP_TRY_ASSIGN(const auto tfs,
                    string_list_field(body, "timeframes", {}, kMaxDownloadTimeframes));
    if (job.symbols.empty() || tfs.empty()) {
        return fail(Error::invalid_argument(fmt::format(
            "{} must be a non-empty list", job.symbols.empty() ? "symbols" : "timeframes")));
    }
    for (auto& s : job.symbols) {
        auto parsed = model::Symbol::parse(s);
        if (!parsed) return fail(parsed.error().with_context("symbols"));
        AITP_TRY(data::SeriesKey::make(job.source, s, "1h"));
        s = parsed->to_string();
    }
    for (const auto& t : tfs) {
        auto tf = model::parse_timeframe(t);
        if (!tf) return fail(tf.error().with_context("timeframes"));
        job.timeframes.push_back(*tf);
    }
    AITP_TRY_ASSIGN(job.since, time_field(body, "since"));
    AITP_TRY_ASSIGN(job.until, time_field(body, "until"));
    if (job.since && job.until && *job.until <= *job.since) {
        return fail(Error::invalid_argument("until must be after since"));
    }
    job.params = json_text(body);
    return job;
}

json outcome_json(const std::string& symbol, model::Timeframe tf, const ingest::DownloadStats& s,
                  const Status& status) {
    json j = {{"symbol", symbol},
              {"timeframe", model::timeframe_name(tf)},
              {"status", status ? "ok" : "error"},
              {"new_bars", s.stored_new},
              {"fetched", s.fetched},
              {"pages", s.pages},
              {"first", s.first_ts},
              {"last", s.last_ts},
              {"gaps", s.gaps}};
    if (!status) j["error"] = status.error().message();
    return j;
}

Result<std::string> run_download_job(const std::filesystem::path& dir, VenuePool& pool,
                                     const DownloadJob& job, JobContext& ctx) {
    const data::ParquetStore store(dir);
    json series = json::array();
    std::int64_t failed = 0;
    std::int64_t new_bars = 0;
    auto venue = pool.make(job.source);
    const WorkControl work = ctx.work();
    const double total = static_cast<double>(job.symbols.size() * job.timeframes.size());
    std::size_t done = 0;
    for (const auto& symbol : job.symbols) {
        for (const auto tf : job.timeframes) {
            AITP_TRY(work.check("download"));
            ingest::DownloadStats stats;
            Status s = venue
                           ? Status{}
                           : Status{fail(venue.error().with_context(job.source + " unreachable"))};
            if (venue) {
                ingest::DownloadRequest r{job.source, symbol, tf, job.since, job.until};
                auto res = ingest::download(**venue, store, r,
                                            work.part(static_cast<double>(done) / total, 1 / total),
                                            &stats);
                if (!res && res.error().code() == ErrorCode::Cancelled) return fail(res.error());
                // A transport failure (after the client's retries) reads as the tickers route's.
                if (!res && res.error().code() == ErrorCode::IOError) {
                    s = fail(res.error().with_context(job.source + " unreachable"));
                } else if (!res) {
                    s = fail(res.error());
                }
            }
            ++done;
            failed += s ? 0 : 1;
            new_bars += stats.stored_new;
            series.push_back(outcome_json(symbol, tf, stats, s));
        }
    }
    return json_text(json{
        {"source", job.source}, {"series", series}, {"failed", failed}, {"new_bars", new_bars}});
}

Response start_download(App::Impl& impl, Request& req) {
    auto job = download_request(req);
    if (!job) return error_response(job.error());
    const std::filesystem::path dir = impl.data_dir;
    VenuePool* pool = impl.venues.get();
    auto id = impl.runner->submit("download", job->params,
                                  [dir, pool, j = *job](JobContext& ctx) -> Result<std::string> {
                                      return run_download_job(dir, *pool, j, ctx);
                                  });
    if (!id) return error_response(id.error());
    return Response::json(202, json_text(json{{"job_id", *id}}));
}

Response venue_error(const json& out) {
    return Response::error(502, out.value("error", std::string("venue unreachable")));
}

std::vector<std::string> split_symbols(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find(',', pos);
        if (end == std::string::npos) end = text.size();
        if (end > pos) out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

Response market_tickers(App::Impl& impl, Request& req) {
    const std::string source = req.query_param("source");
    if (auto v = exchange::parse_venue(source); !v) {
        return error_response(v.error().with_context("source"));
    }
    const auto symbols = split_symbols(req.query_param("symbols"));
    if (symbols.empty() || symbols.size() > kMaxTickerSymbols) {
        return Response::error(400, fmt::format("symbols must list 1..{} symbols, comma-separated",
                                                kMaxTickerSymbols));
    }
    for (const auto& s : symbols) {
        if (auto p = model::Symbol::parse(s); !p) {
            return error_response(p.error().with_context("symbols"));
        }
    }
    const json out = tickers_json(*impl.venues, source, symbols);
    if (out.contains("error")) return venue_error(out);
    return Response::json(200, json_text(out));
}

Response watchlist_tickers(App::Impl& impl, Request& req) {
    auto out = watchlist_tickers_json(impl, req.params["name"]);
    if (!out) return error_response(out.error());
    if (out->contains("error")) return venue_error(*out);
    return Response::json(200, json_text(*out));
}

Response exchange_health(App::Impl& impl, Request&) {
    return Response::json(200, json_text(impl.venues->health()));
}

}  // namespace

Result<json> watchlist_tickers_json(App::Impl& impl, const std::string& name) {
    AITP_TRY_ASSIGN(const auto path, ingest::ensure_watchlist_file(impl.data_dir));
    AITP_TRY_ASSIGN(const auto lists, ingest::read_watchlists(path));
    for (const auto& l : lists) {
        if (l.name != name) continue;
        const std::size_t n = std::min(l.symbols.size(), kMaxTickerSymbols);
        json out =
            tickers_json(*impl.venues, l.source, std::span<const std::string>(l.symbols.data(), n));
        out["watchlist"] = name;
        return out;
    }
    return fail(Error::not_found(
        fmt::format("no watchlist '{}' in {}", sanitize_utf8(name), path.filename().string())));
}

void register_market_routes(App::Impl& impl) {
    namespace s = schema;
    App::Impl* p = &impl;
    RouteOptions heavy;
    heavy.heavy = true;  // venue calls wait on the network: never on an I/O thread
    impl.router.add("POST", "/api/data/download/",
                    {.summary = "Download bars from a venue into the store (a job; up to 50 "
                                "symbols x 10 timeframes)",
                     .tag = "Data",
                     .request = s::ref("DownloadRequest"),
                     .status = 202,
                     .response = s::ref("JobAccepted")},
                    [p](Request& r) { return start_download(*p, r); });
    impl.router.add(
        "GET", "/api/market/tickers/",
        {.summary = "Tickers of symbols from a venue (502 when the venue is unreachable)",
         .tag = "Market",
         .query = {{"source", "venue: binance kraken bybit coinbase yfinance"},
                   {"symbols", "comma-separated unified symbols, e.g. BTC/USDT,ETH/USDT"}},
         .response = s::ref("Tickers")},
        [p](Request& r) { return market_tickers(*p, r); }, heavy);
    impl.router.add(
        "GET", "/api/market/watchlist/<name>/tickers/",
        {.summary = "Tickers of a watchlist's symbols (the first 100) from its venue",
         .tag = "Market",
         .path_params = {{"name", "watchlist name: crypto, equity, forex, ..."}},
         .response = s::ref("Tickers")},
        [p](Request& r) { return watchlist_tickers(*p, r); }, heavy);
    impl.router.add("GET", "/api/exchange/health/",
                    {.summary = "Per venue used: circuit breaker, latency, counts, last error",
                     .tag = "Market",
                     .response = s::array(s::ref("VenueHealth"))},
                    [p](Request& r) { return exchange_health(*p, r); });
}

}  // namespace aitp::server
