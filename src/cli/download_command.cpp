// SPDX-License-Identifier: MIT
// `aitp data download` and `aitp data refresh`: bars from venues into the store (ingest), with a
// progress bar, Ctrl-C as a clean stop (what was flushed stays; a rerun resumes) and one line
// per series or a summary table.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress_bar.hpp"
#include "core/time.hpp"
#include "data/parquet_store.hpp"
#include "ingest/download.hpp"
#include "ingest/venues.hpp"
#include "ingest/watchlist.hpp"

namespace aitp::cli {

namespace {

std::string series_name(std::string_view source, std::string_view symbol, model::Timeframe tf) {
    return fmt::format("{} {} {}", source, symbol, model::timeframe_name(tf));
}

Result<std::unique_ptr<exchange::Venue>> open_venue(std::string_view source,
                                                    const ingest::VenueUrls& urls) {
    AITP_TRY_ASSIGN(const auto config, ingest::venue_config(source, urls));
    auto venue = ingest::default_venue_factory()(config);
    if (!venue) return fail(venue.error().with_context(std::string(source)));
    return venue;
}

// ---- download ----

struct DownloadOptions {
    std::string data_dir = default_data_dir();
    std::string source;
    std::vector<std::string> symbols;
    std::vector<std::string> timeframes;
    std::string since;
    std::string until;
    std::string base_url;
};

Result<ingest::DownloadRequest> base_request(const DownloadOptions& o) {
    ingest::DownloadRequest r;
    r.source = o.source;
    if (!o.since.empty()) {
        auto t = parse_timestamp(o.since);
        if (!t) return fail(t.error().with_context("--since"));
        r.since = *t;
    }
    if (!o.until.empty()) {
        auto t = parse_timestamp(o.until);
        if (!t) return fail(t.error().with_context("--until"));
        r.until = *t;
    }
    if (r.since && r.until && *r.until <= *r.since) {
        return fail(Error::invalid_argument("--until must be after --since"));
    }
    return r;
}

Status run_download(const DownloadOptions& o) {
    AITP_TRY_ASSIGN(auto request, base_request(o));
    std::vector<model::Timeframe> tfs;
    for (const auto& t : o.timeframes) {
        auto tf = model::parse_timeframe(t);
        if (!tf) return fail(tf.error().with_context("--timeframe"));
        tfs.push_back(*tf);
    }
    for (const auto& s : o.symbols) {
        // Checks every name before the first request (the store's naming rule).
        AITP_TRY(data::SeriesKey::make(o.source, s, model::timeframe_name(tfs.front())));
    }
    std::vector<std::string> overrides;
    if (!o.base_url.empty()) overrides.push_back(o.source + "=" + o.base_url);
    AITP_TRY_ASSIGN(const auto urls, ingest::venue_urls(overrides, "--base-url"));
    AITP_TRY_ASSIGN(auto venue, open_venue(o.source, urls));
    const data::ParquetStore store(o.data_dir);
    const std::stop_token stop = stop_on_signal();
    int failed = 0;
    for (const auto& symbol : o.symbols) {
        for (const auto tf : tfs) {
            request.symbol = symbol;
            request.timeframe = tf;
            ProgressBar bar("download " + series_name(o.source, symbol, tf));
            auto stats = ingest::download(*venue, store, request, WorkControl{bar.fn(), stop});
            if (stats) {
                bar.finish(stats->fetched, "bars");
                fmt::print("{}: {}\n", series_name(o.source, symbol, tf), ingest::describe(*stats));
                continue;
            }
            if (stats.error().code() == ErrorCode::Cancelled) return fail(stats.error());
            fmt::print(stderr, "aitp: error: {}\n", stats.error().message());
            ++failed;
        }
    }
    if (failed > 0) {
        return fail(Error::io_error(
            fmt::format("{} of {} series failed", failed, o.symbols.size() * tfs.size())));
    }
    return ok_status();
}

void add_download(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<DownloadOptions>();
    auto* sub = data->add_subcommand(
        "download", "Download closed bars from a venue into the store (incremental, resumable)");
    sub->add_option("--data-dir", o->data_dir, "Data directory (holds processed/)")
        ->capture_default_str();
    sub->add_option("--source", o->source, "Venue: binance kraken bybit coinbase yfinance")
        ->required();
    sub->add_option("--symbol", o->symbols, "BASE/QUOTE or a ticker; repeatable")->required();
    sub->add_option("--timeframe", o->timeframes, "1m 5m 15m 1h 4h 1d; repeatable")->required();
    sub->add_option("--since", o->since,
                    "First bar (ISO-8601 or epoch ms); default: after the last stored bar, or "
                    "365 days back");
    sub->add_option("--until", o->until, "Bars opening before this time (default: now)");
    sub->add_option("--base-url", o->base_url,
                    "Venue REST root, e.g. http://127.0.0.1:9000 for aitp venue-sim");
    sub->footer(
        "API keys come only from the environment: AITP_<VENUE>_API_KEY / _API_SECRET.\n"
        "AITP_VENUE_URLS=binance=http://...,kraken=... sets base URLs too.");
    set_command(sub, ctx, [o] { return run_download(*o); });
}

// ---- refresh ----

struct RefreshOptions {
    std::string data_dir = default_data_dir();
    std::string watchlist;
    std::string config;
    std::vector<std::string> base_urls;
};

void print_summary(const ingest::RefreshSummary& summary) {
    fmt::print("{:<32} {:>9} {:>9} {:<21} {}\n", "SERIES", "NEW", "FETCHED", "LAST BAR", "STATUS");
    for (const auto& s : summary.series) {
        fmt::print("{:<32} {:>9} {:>9} {:<21} {}\n", series_name(s.source, s.symbol, s.timeframe),
                   s.stats.stored_new, s.stats.fetched,
                   s.stats.last_ts != 0 ? format_iso8601(s.stats.last_ts) : "-",
                   s.error ? "FAILED: " + *s.error : std::string("ok"));
    }
    fmt::print("{} series, {} new bars, {} failed\n", summary.series.size(), summary.stored_new(),
               summary.failed());
}

Status run_refresh(const RefreshOptions& o) {
    std::filesystem::path config = o.config;
    if (config.empty()) {
        AITP_TRY_ASSIGN(config, ingest::ensure_watchlist_file(o.data_dir));
    }
    AITP_TRY_ASSIGN(const auto all, ingest::read_watchlists(config));
    AITP_TRY_ASSIGN(const auto lists, ingest::select_watchlists(all, o.watchlist));
    AITP_TRY_ASSIGN(const auto urls, ingest::venue_urls(o.base_urls, "--base-url"));
    const data::ParquetStore store(o.data_dir);
    const std::stop_token stop = stop_on_signal();
    ingest::RefreshSummary summary;
    Status status = ok_status();
    for (const auto& list : lists) {
        ProgressBar bar("refresh " + list.name);
        auto venue = open_venue(list.source, urls);
        if (!venue) {
            // Every series of the list fails the same way; the other lists still run.
            for (const auto& s : list.symbols) {
                for (const auto tf : list.timeframes) {
                    summary.series.push_back({list.source, s, tf, {}, venue.error().message()});
                }
            }
            continue;
        }
        status = ingest::refresh(list, **venue, store, summary, WorkControl{bar.fn(), stop});
        if (!status) break;
        bar.finish(static_cast<std::int64_t>(list.symbols.size() * list.timeframes.size()),
                   "series");
    }
    print_summary(summary);
    AITP_TRY(status);
    if (summary.failed() > 0) {
        return fail(Error::io_error(
            fmt::format("{} of {} series failed", summary.failed(), summary.series.size())));
    }
    return ok_status();
}

void add_refresh(CLI::App* data, CommandContext& ctx) {
    auto o = std::make_shared<RefreshOptions>();
    auto* sub = data->add_subcommand(
        "refresh", "Bring every series of a watchlist up to date (incremental downloads)");
    sub->add_option("--data-dir", o->data_dir, "Data directory (holds processed/)")
        ->capture_default_str();
    sub->add_option("--watchlist", o->watchlist, "crypto, equity, forex (or a list of yours), all")
        ->required();
    sub->add_option("--config", o->config,
                    "Watchlist file (default <data-dir>/watchlists.conf, made on first use)");
    sub->add_option("--base-url", o->base_urls,
                    "SOURCE=URL, e.g. kraken=http://127.0.0.1:9000; "
                    "repeatable");
    set_command(sub, ctx, [o] { return run_refresh(*o); });
}

}  // namespace

void add_download_commands(CLI::App* data, CommandContext& ctx) {
    add_download(data, ctx);
    add_refresh(data, ctx);
}

}  // namespace aitp::cli
