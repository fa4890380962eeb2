// SPDX-License-Identifier: MIT
// `aitp stream record` (a Binance market stream to a recording file, with the depth book kept
// in sync) and `aitp stream replay` (a recording through the same sync; prints the final top
// of book). Wiring and translation only: the rules live in exchange/.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "exchange/binance_stream.hpp"
#include "exchange/factory.hpp"
#include "exchange/stream_recorder.hpp"
#include "exchange/venue.hpp"
#include "exchange/ws_client.hpp"

namespace aitp::cli {

namespace {

constexpr const char* kBinanceWsUrl = "wss://stream.binance.com:9443/ws";

struct RecordOptions {
    std::string venue = "binance";
    std::string symbol;
    std::string channels = "depth,trade";
    std::string out;
    std::string ws_url;
    std::string rest_url;
    double duration_s = 60;
};

struct ReplayOptions {
    std::string file;
    int depth = 10;
};

std::vector<std::string> split_channels(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string part =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// The depth snapshot comes from the venue adapter's order_book (GET /api/v3/depth).
Result<exchange::SnapshotFetcher> snapshot_fetcher(const RecordOptions& opt) {
    exchange::VenueConfig config;
    config.venue = exchange::VenueId::Binance;
    config.base_url = opt.rest_url;
    AITP_TRY_ASSIGN(std::shared_ptr<exchange::Venue> venue, exchange::make_venue(config));
    return exchange::SnapshotFetcher(
        [venue, symbol = opt.symbol]() { return venue->order_book(symbol, 1000); });
}

Status run_record(const RecordOptions& opt) {
    AITP_TRY_ASSIGN(const exchange::VenueId venue, exchange::parse_venue(opt.venue));
    if (venue != exchange::VenueId::Binance) {
        return fail(Error::not_supported(
            fmt::format("--venue: stream record supports binance, was '{}'", opt.venue)));
    }
    if (opt.duration_s <= 0) {
        return fail(Error::invalid_argument(
            fmt::format("--duration must be > 0 seconds, was {}", opt.duration_s)));
    }
    const std::vector<std::string> channels = split_channels(opt.channels);
    if (channels.empty()) return fail(Error::invalid_argument("--channels must name a channel"));
    std::vector<std::string> streams;
    bool depth = false;
    for (const std::string& c : channels) {
        AITP_TRY_ASSIGN(std::string name,
                        exchange::binance_stream_name(opt.symbol, c).map_error([](const Error& e) {
                            return e.with_context("--channels");
                        }));
        streams.push_back(std::move(name));
        depth = depth || c == "depth";
    }
    exchange::SnapshotFetcher fetch = []() -> Result<exchange::BookSnapshot> {
        return fail(Error::internal("no depth channel: no snapshot"));
    };
    if (depth) {
        AITP_TRY_ASSIGN(fetch, snapshot_fetcher(opt));
    }

    AITP_TRY_ASSIGN(auto recorder, exchange::StreamRecorder::create(
                                       opt.out, {"binance", opt.symbol, opt.channels}));
    exchange::BinanceFeed feed(fetch, recorder.get());
    exchange::WsConfig config;
    config.url = opt.ws_url.empty() ? kBinanceWsUrl : opt.ws_url;
    config.subscribe = {exchange::binance_subscribe_message(streams, 1)};
    config.max_attempts = 5;
    const Clock& clock = SystemClock::instance();
    Status failure = ok_status();
    exchange::WsClient* client_ptr = nullptr;
    exchange::WsCallbacks callbacks;
    callbacks.on_open = [&](std::int64_t) {
        if (Status st = feed.on_open(clock.now_ms()); !st && failure) {
            failure = st;
            client_ptr->stop();
        }
    };
    callbacks.on_frame = [&](std::string_view frame, UnixMillis ts) {
        if (Status st = feed.on_frame(frame, ts); !st && failure) {
            failure = st;
            client_ptr->stop();
        }
    };
    callbacks.on_close = [](const Error& why) {
        fmt::print(stderr, "aitp: stream: connection lost ({}); reconnecting\n", why.message());
    };
    exchange::WsClient client(config, callbacks, clock);
    client_ptr = &client;
    std::atomic<bool> done{false};
    std::thread timer([&] {
        const std::stop_token stop = stop_on_signal();
        const auto until =
            std::chrono::steady_clock::now() +
            std::chrono::milliseconds(static_cast<std::int64_t>(opt.duration_s * 1000));
        while (!done && !stop.stop_requested() && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        client.stop();
    });
    const Status run = client.run();
    done = true;
    timer.join();
    AITP_TRY(recorder->close());
    AITP_TRY(failure);
    AITP_TRY(run);
    const auto& n = feed.counts();
    fmt::print(
        "recorded {} frames ({} depth, {} trade, {} bookTicker, {} kline), {} snapshots, "
        "{} connections, {} resyncs to {}\n",
        n.frames, n.depth_updates, n.trades, n.book_tickers, n.klines,
        feed.sync().stats().snapshots, n.connections, feed.sync().stats().resyncs, opt.out);
    return ok_status();
}

Status run_replay(const ReplayOptions& opt) {
    if (opt.depth < 1) {
        return fail(
            Error::invalid_argument(fmt::format("--depth must be >= 1, was {}", opt.depth)));
    }
    AITP_TRY_ASSIGN(const exchange::ReplayResult r, exchange::replay_binance_recording(opt.file));
    fmt::print(
        "{} {} ({}): {} frames, {} connections, {} snapshots, {} resyncs, {} stale, "
        "last update id {}\n",
        r.header.venue, r.header.symbol, r.header.channels, r.counts.frames, r.counts.connections,
        r.sync.snapshots, r.sync.resyncs, r.sync.stale, r.last_update_id);
    const book::Depth top = r.book.top(static_cast<std::size_t>(opt.depth));
    fmt::print("{:>5}  {:>16}  {:>16}  {:>16}  {:>16}\n", "level", "bid_qty", "bid", "ask",
               "ask_qty");
    const std::size_t rows = std::max(top.bids.size(), top.asks.size());
    for (std::size_t i = 0; i < rows; ++i) {
        auto cell = [](const std::vector<book::Level>& side, std::size_t k, bool price) {
            if (k >= side.size()) return std::string();
            return fmt::format("{}", price ? side[k].price : side[k].qty);
        };
        fmt::print("{:>5}  {:>16}  {:>16}  {:>16}  {:>16}\n", i + 1, cell(top.bids, i, false),
                   cell(top.bids, i, true), cell(top.asks, i, true), cell(top.asks, i, false));
    }
    return ok_status();
}

}  // namespace

void add_stream_command(CLI::App& root, CommandContext& ctx) {
    CLI::App* stream = root.add_subcommand("stream", "Live market streams: record and replay");
    stream->require_subcommand(1);

    auto rec = std::make_shared<RecordOptions>();
    CLI::App* record = stream->add_subcommand(
        "record",
        "Record a venue's WebSocket market stream (raw frames, receive times and the "
        "depth snapshots used) to a file");
    record->add_option("--venue", rec->venue, "Venue (binance)")->capture_default_str();
    record->add_option("--symbol", rec->symbol, "Unified symbol, e.g. BTC/USDT")->required();
    record
        ->add_option("--channels", rec->channels,
                     "Comma-separated: depth, trade, bookTicker, kline_<interval>")
        ->capture_default_str();
    record->add_option("--out", rec->out, "Recording file (replaced)")->required();
    record->add_option("--ws-url", rec->ws_url, "WebSocket endpoint (default: Binance's)");
    record->add_option("--rest-url", rec->rest_url,
                       "REST root for the depth snapshot (default: Binance's)");
    record->add_option("--duration", rec->duration_s, "Seconds to record")->capture_default_str();
    set_command(record, ctx, [rec] { return run_record(*rec); });

    auto rep = std::make_shared<ReplayOptions>();
    CLI::App* replay = stream->add_subcommand(
        "replay", "Replay a recording through the book sync and print the final top of book");
    replay->add_option("file", rep->file, "Recording file")->required();
    replay->add_option("--depth", rep->depth, "Levels to print")->capture_default_str();
    set_command(replay, ctx, [rep] { return run_replay(*rep); });
}

}  // namespace aitp::cli
