// SPDX-License-Identifier: MIT
// WsClient + BinanceFeed against the scripted WebSocket server over loopback sockets: the
// synced book equals the script's std::map truth after a clean run, a sequence gap, duplicated
// and reordered frames, a dropped connection and a silent (heartbeat-dead) connection; a
// recorded session replays to the same book.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "exchange/scripted_ws_server.hpp"
#include "exchange/stream_recorder.hpp"
#include "exchange/sync_script.hpp"
#include "exchange/ws_client.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::exchange {
namespace {

using testing::DepthScript;
using testing::ScriptedWsServer;
using testing::WsScript;
using testing::WsStep;

// Stops the client after `seconds` if the test has not (a hang becomes a failure).
class Watchdog {
  public:
    Watchdog(WsClient& client, int seconds)
        : thread_([this, &client, seconds] {
              std::unique_lock<std::mutex> lock(m_);
              if (!cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
                  fired_ = true;
                  client.stop();
              }
          }) {}
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(m_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    bool fired() const { return fired_; }

  private:
    std::mutex m_;
    std::condition_variable cv_;
    bool done_ = false;
    std::atomic<bool> fired_{false};
    std::thread thread_;
};

void add_events(WsScript& s, const DepthScript& script, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) s.push_back(WsStep::send(script.events()[i].json()));
}

struct Session {
    std::int64_t closes = 0;
    std::string first_close;
    WsStats stats;
    SyncStats sync;
    book::OrderBook book;
    std::int64_t last_id = 0;
    bool watchdog_fired = false;
};

// Runs a client with a BinanceFeed until the book reaches the script's last id.
Session run_session(const ScriptedWsServer& server, const DepthScript& script, WsConfig config,
                    StreamRecorder* recorder = nullptr) {
    Session out;
    ManualClock clock(1700000000000);
    const std::int64_t final_id = script.events().back().final_id;
    const BinanceFeed* feed_ptr = nullptr;
    BinanceFeed feed(
        [&]() -> Result<BookSnapshot> {
            // The venue's book a few events after the diff that asked for it (the snapshot
            // request takes time): deterministic, and the diffs in between are dropped as older.
            const std::size_t at = script.state_index(feed_ptr->decoder().depth().final_update_id);
            return script.state(std::min(at + 3, script.state_count() - 1)).snapshot();
        },
        recorder);
    feed_ptr = &feed;
    config.url = server.url();
    WsClient* self = nullptr;
    WsCallbacks callbacks;
    callbacks.on_open = [&](std::int64_t) { EXPECT_OK(feed.on_open(clock.now_ms())); };
    callbacks.on_frame = [&](std::string_view frame, UnixMillis ts) {
        clock.advance(1);
        EXPECT_OK(feed.on_frame(frame, ts));
        if (feed.sync().is_synced() && feed.sync().last_update_id() == final_id) self->stop();
    };
    callbacks.on_close = [&](const Error& why) {
        if (out.closes++ == 0) out.first_close = why.message();
    };
    WsClient client(config, callbacks, clock);
    self = &client;
    {
        Watchdog dog(client, 20);
        EXPECT_OK(client.run());
        out.watchdog_fired = dog.fired();
    }
    out.stats = client.stats();
    out.sync = feed.sync().stats();
    out.book = feed.sync().book();
    out.last_id = feed.sync().last_update_id();
    return out;
}

WsConfig fast_config() {
    WsConfig c;
    c.subscribe = {R"({"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":1})"};
    c.backoff_initial_ms = 20;
    c.backoff_max_ms = 200;
    c.handshake_timeout_ms = 5000;
    c.idle_timeout_ms = 5000;
    return c;
}

TEST(WsStreamTest, SyncsFromSnapshotAndDiffsOverAWebSocket) {
    const DepthScript script(11, 300);
    WsScript conn{WsStep::await_text(), WsStep::send(R"({"result":null,"id":1})")};
    add_events(conn, script, 0, 300);
    ScriptedWsServer server({conn});
    const Session s = run_session(server, script, fast_config());
    ASSERT_FALSE(s.watchdog_fired);
    EXPECT_EQ(s.book.top(), script.final_state().depth());
    EXPECT_EQ(s.stats.connects, 1);
    EXPECT_EQ(s.sync.resyncs, 0);
    ASSERT_FALSE(server.received().empty());
    EXPECT_EQ(server.received()[0], fast_config().subscribe[0]);
}

TEST(WsStreamTest, SequenceGapTriggersResync) {
    const DepthScript script(12, 300);
    WsScript conn{WsStep::await_text()};
    add_events(conn, script, 0, 120);
    add_events(conn, script, 121, 300);  // event 120 never arrives
    ScriptedWsServer server({conn});
    const Session s = run_session(server, script, fast_config());
    ASSERT_FALSE(s.watchdog_fired);
    EXPECT_EQ(s.sync.resyncs, 1);
    EXPECT_EQ(s.sync.snapshots, 2);
    EXPECT_EQ(s.book.top(), script.final_state().depth());
}

TEST(WsStreamTest, DuplicatedAndReorderedFramesAreHandled) {
    const DepthScript script(13, 300);
    WsScript conn{WsStep::await_text()};
    add_events(conn, script, 0, 100);
    add_events(conn, script, 90, 100);   // ten duplicates
    add_events(conn, script, 101, 102);  // 101 before 100
    add_events(conn, script, 100, 101);
    add_events(conn, script, 102, 300);
    ScriptedWsServer server({conn});
    const Session s = run_session(server, script, fast_config());
    ASSERT_FALSE(s.watchdog_fired);
    EXPECT_GE(s.sync.stale, 11);
    EXPECT_EQ(s.sync.resyncs, 1);
    EXPECT_EQ(s.book.top(), script.final_state().depth());
}

TEST(WsStreamTest, DroppedConnectionReconnectsAndResyncs) {
    const DepthScript script(14, 300);
    WsScript first{WsStep::await_text()};
    add_events(first, script, 0, 150);
    first.push_back(WsStep::drop());
    WsScript second{WsStep::await_text()};
    add_events(second, script, 160, 300);  // the stream went on while we were away
    ScriptedWsServer server({first, second});
    const Session s = run_session(server, script, fast_config());
    ASSERT_FALSE(s.watchdog_fired);
    EXPECT_EQ(s.stats.connects, 2);
    EXPECT_EQ(s.closes, 1);
    EXPECT_EQ(s.sync.snapshots, 2);           // a new snapshot after the reconnect
    EXPECT_EQ(server.received().size(), 2u);  // subscribed again
    EXPECT_EQ(s.book.top(), script.final_state().depth());
}

TEST(WsStreamTest, SilentConnectionIsDetectedByTheHeartbeatTimeout) {
    const DepthScript script(15, 200);
    WsScript first{WsStep::await_text()};
    add_events(first, script, 0, 50);
    first.push_back(WsStep::stall(1500));  // no frames, and pings go unanswered
    WsScript second{WsStep::await_text()};
    add_events(second, script, 50, 200);
    ScriptedWsServer server({first, second});
    WsConfig config = fast_config();
    config.idle_timeout_ms = 400;
    const auto start = std::chrono::steady_clock::now();
    const Session s = run_session(server, script, config);
    ASSERT_FALSE(s.watchdog_fired);
    EXPECT_EQ(s.stats.timeouts, 1);
    EXPECT_EQ(s.stats.connects, 2);
    EXPECT_NE(s.first_close.find("idle timeout"), std::string::npos) << s.first_close;
    EXPECT_EQ(s.book.top(), script.final_state().depth());
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(WsStreamTest, RecordedSessionReplaysToTheSameBook) {
    const DepthScript script(16, 300);
    WsScript first{WsStep::await_text(), WsStep::send(R"({"result":null,"id":1})")};
    add_events(first, script, 0, 80);
    add_events(first, script, 81, 140);  // a gap
    first.push_back(WsStep::drop());
    WsScript second{WsStep::await_text()};
    add_events(second, script, 150, 300);
    ScriptedWsServer server({first, second});
    aitp::testing::TempDir dir;
    const auto path = dir / "session.rec";
    ASSERT_OK_AND_ASSIGN(auto recorder,
                         StreamRecorder::create(path, {"binance", "BTC/USDT", "depth"}));
    const Session live = run_session(server, script, fast_config(), recorder.get());
    ASSERT_OK(recorder->close());
    ASSERT_FALSE(live.watchdog_fired);
    ASSERT_EQ(live.book.top(), script.final_state().depth());
    ASSERT_EQ(live.sync.snapshots, 3);  // first sync, the gap, the reconnect

    ASSERT_OK_AND_ASSIGN(const ReplayResult replay, replay_binance_recording(path));
    EXPECT_EQ(replay.header.symbol, "BTC/USDT");
    EXPECT_EQ(replay.counts.connections, 2);
    EXPECT_EQ(replay.sync.snapshots, live.sync.snapshots);
    EXPECT_EQ(replay.last_update_id, live.last_id);
    const book::Depth a = replay.book.top();
    const book::Depth b = live.book.top();
    ASSERT_EQ(a.bids.size(), b.bids.size());
    ASSERT_EQ(a.asks.size(), b.asks.size());
    for (std::size_t i = 0; i < a.bids.size(); ++i) EXPECT_EQ(a.bids[i], b.bids[i]) << "bid " << i;
    for (std::size_t i = 0; i < a.asks.size(); ++i) EXPECT_EQ(a.asks[i], b.asks[i]) << "ask " << i;
}

TEST(WsStreamTest, ReplayRejectsDamagedRecordings) {
    aitp::testing::TempDir dir;
    EXPECT_TRUE(replay_binance_recording(dir / "absent.rec").error().is_not_found());
    aitp::testing::write_text(dir / "junk.rec", "hello\n");
    auto junk = replay_binance_recording(dir / "junk.rec");
    ASSERT_FALSE(junk);
    EXPECT_NE(junk.error().message().find("line 1"), std::string::npos);
    aitp::testing::write_text(dir / "cut.rec",
                              "aitp-stream 1 venue=binance symbol=X channels=depth\nF 1 100\nabc");
    auto cut = replay_binance_recording(dir / "cut.rec");
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message().find("record 1"), std::string::npos) << cut.error().message();
    // A depth frame that needs a snapshot the recording does not hold.
    const std::string frame =
        R"({"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["1","1"]],"a":[]})";
    aitp::testing::write_text(dir / "nosnap.rec",
                              fmt::format("aitp-stream 1 venue=binance symbol=X channels=depth\n"
                                          "F 1 {}\n{}\n",
                                          frame.size(), frame));
    auto nosnap = replay_binance_recording(dir / "nosnap.rec");
    ASSERT_FALSE(nosnap);
    EXPECT_NE(nosnap.error().message().find("snapshot"), std::string::npos)
        << nosnap.error().message();
}

TEST(WsClientTest, BackoffDoublesUpToTheCapWithJitter) {
    EXPECT_EQ(ws_backoff_ms(1, 500, 30000, 0.0), 250);
    EXPECT_EQ(ws_backoff_ms(1, 500, 30000, 0.999999), 499);
    EXPECT_EQ(ws_backoff_ms(3, 500, 30000, 0.0), 1000);    // 500 * 4 * 0.5
    EXPECT_EQ(ws_backoff_ms(20, 500, 30000, 0.0), 15000);  // capped at 30000, then halved
    EXPECT_EQ(ws_backoff_ms(200, 500, 30000, 0.5), 22500);
}

TEST(WsClientTest, GivesUpAfterMaxAttemptsAndRejectsBadUrls) {
    int port = 0;
    {
        ScriptedWsServer closed({});
        port = closed.port();
    }  // nothing listens there now
    WsConfig config = fast_config();
    config.url = fmt::format("ws://127.0.0.1:{}/ws", port);
    config.max_attempts = 3;
    int closes = 0;
    WsCallbacks cb;
    cb.on_close = [&](const Error&) { ++closes; };
    WsClient client(config, cb, SystemClock::instance());
    const Status st = client.run();
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message().find("gave up after 3 attempts"), std::string::npos)
        << st.error().message();
    EXPECT_EQ(closes, 3);

    for (const char* bad : {"http://x/", "ws://:80/", "ws://host:99999/", "wss://"}) {
        WsConfig c;
        c.url = bad;
        WsClient bad_client(c, {}, SystemClock::instance());
        const Status s = bad_client.run();
        ASSERT_FALSE(s) << bad;
        EXPECT_EQ(s.error().code(), ErrorCode::InvalidArgument) << bad;
    }
}

TEST(WsClientTest, TlsToAPlainServerFailsTheHandshake) {
    ScriptedWsServer server({});
    WsConfig config = fast_config();
    config.url = fmt::format("wss://127.0.0.1:{}/ws", server.port());
    config.max_attempts = 1;
    WsClient client(config, {}, SystemClock::instance());
    const Status st = client.run();
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message().find("tls handshake"), std::string::npos)
        << st.error().message();
}

}  // namespace
}  // namespace aitp::exchange
