// SPDX-License-Identifier: MIT
// `aitp stream record` against the scripted WebSocket server and `aitp stream replay` of a
// recording made through the library, run as the real binary; and their error lines.
#include <gtest/gtest.h>

#include "exchange/scripted_ws_server.hpp"
#include "exchange/stream_recorder.hpp"
#include "exchange/sync_script.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp::exchange {
namespace {

using aitp::testing::run_cli;
using aitp::testing::TempDir;
using testing::ScriptedWsServer;
using testing::WsScript;
using testing::WsStep;

void expect_error(const aitp::testing::CommandResult& r, int code, const std::string& needle) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    EXPECT_EQ(r.err.rfind("aitp: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(StreamCliTest, RecordsTradesFromAWebSocketAndReplaysThem) {
    WsScript conn{WsStep::await_text()};
    for (int i = 0; i < 5; ++i) {
        conn.push_back(WsStep::send(fmt::format(
            R"({{"e":"trade","E":1,"s":"BTCUSDT","t":{},"p":"100.5","q":"1","T":1,"m":false,"M":true}})",
            i)));
    }
    ScriptedWsServer server({conn});
    TempDir dir;
    const std::string out = (dir / "trades.rec").string();
    const auto r =
        run_cli({"stream", "record", "--venue", "binance", "--symbol", "BTC/USDT", "--channels",
                 "trade", "--out", out, "--ws-url", server.url(), "--duration", "1.5"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("recorded 5 frames (0 depth, 5 trade"), std::string::npos) << r.out;
    ASSERT_EQ(server.received().size(), 1u);
    EXPECT_EQ(server.received()[0], R"({"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":1})");
    const auto replay = run_cli({"stream", "replay", out});
    ASSERT_EQ(replay.exit_code, 0) << replay.err;
    EXPECT_NE(replay.out.find("binance BTC/USDT (trade): 5 frames, 1 connections"),
              std::string::npos)
        << replay.out;
}

TEST(StreamCliTest, ReplayPrintsTheFinalTopOfBook) {
    const testing::DepthScript script(21, 50);
    TempDir dir;
    const auto path = dir / "depth.rec";
    {
        ASSERT_OK_AND_ASSIGN(auto rec,
                             StreamRecorder::create(path, {"binance", "BTC/USDT", "depth"}));
        ASSERT_OK(rec->write(RecordKind::Open, 1, {}));
        ASSERT_OK(rec->write(RecordKind::Frame, 2, script.events()[0].json()));
        ASSERT_OK(rec->write(RecordKind::Snapshot, 2,
                             format_binance_depth_snapshot(script.state(0).snapshot())));
        for (std::size_t i = 1; i < script.events().size(); ++i) {
            ASSERT_OK(rec->write(RecordKind::Frame, 3, script.events()[i].json()));
        }
        ASSERT_OK(rec->close());
    }
    const auto r = run_cli({"stream", "replay", path.string(), "--depth", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const book::Depth truth = script.final_state().depth();
    // The first row: level 1, best bid qty, best bid, best ask, best ask qty.
    const std::string row1 =
        fmt::format("{:>5}  {:>16}  {:>16}  {:>16}  {:>16}", 1,
                    fmt::format("{}", truth.bids[0].qty), fmt::format("{}", truth.bids[0].price),
                    fmt::format("{}", truth.asks[0].price), fmt::format("{}", truth.asks[0].qty));
    EXPECT_NE(r.out.find(row1), std::string::npos) << r.out << "\nwanted: " << row1;
    EXPECT_NE(r.out.find(fmt::format("last update id {}", script.events().back().final_id)),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("    3  "), std::string::npos) << "only 2 levels: " << r.out;
}

TEST(StreamCliTest, BadInputGivesOneClearErrorLine) {
    TempDir dir;
    expect_error(run_cli({"stream", "replay", (dir / "none.rec").string()}), 3, "none.rec");
    aitp::testing::write_text(dir / "junk.rec", "junk\n");
    expect_error(run_cli({"stream", "replay", (dir / "junk.rec").string()}), 4,
                 "not an aitp stream recording");
    expect_error(run_cli({"stream", "replay", (dir / "junk.rec").string(), "--depth", "0"}), 2,
                 "--depth must be >= 1");
    const std::string out = (dir / "x.rec").string();
    expect_error(
        run_cli({"stream", "record", "--venue", "kraken", "--symbol", "BTC/USD", "--out", out}), 1,
        "--venue");
    expect_error(run_cli({"stream", "record", "--symbol", "BTC/USDT", "--channels", "candles",
                          "--out", out}),
                 2, "--channels");
    expect_error(run_cli({"stream", "record", "--symbol", "BTC/USDT", "--channels", "trade",
                          "--out", out, "--ws-url", "http://nope"}),
                 2, "ws url must start with ws://");
}

}  // namespace
}  // namespace aitp::exchange
