// SPDX-License-Identifier: MIT
// The simulator's WebSocket streams: a client following Binance's documented depth sync
// procedure (buffer diffs, take a snapshot, drop u <= lastUpdateId, check U == previous u + 1)
// rebuilds exactly the REST book; the combined-stream wrapper; and each WebSocket fault.
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sim_fixture.hpp"
#include "ws_client.hpp"

namespace aitp::venuesim {
namespace {

using nlohmann::json;
using testing::SimFixture;
using testing::SimWsClient;

using Side = std::map<std::string, std::string>;  // price text -> quantity text

void apply(Side& side, const json& levels) {
    for (const json& l : levels) {
        const std::string px = l.at(0);
        const std::string qty = l.at(1);
        if (std::stod(qty) == 0) {
            side.erase(px);
        } else {
            side[px] = qty;
        }
    }
}

Side side_of(const json& levels) {
    Side out;
    apply(out, levels);
    return out;
}

TEST(VenueSimWsTest, DepthDiffsContinueTheSnapshotExactly) {
    SimFixture sim;
    SimWsClient ws(sim.port(), "/ws/btcusdt@depth@100ms");
    std::vector<json> events;
    sim.advance(3000);  // 30 flow steps
    for (std::string m; !(m = ws.read(1500)).empty();) events.push_back(json::parse(m));
    ASSERT_FALSE(events.empty());
    const json snap = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5000"));
    Side bids = side_of(snap.at("bids"));
    Side asks = side_of(snap.at("asks"));
    const std::uint64_t last_id = snap.at("lastUpdateId");
    sim.advance(5000);
    const json final_snap = SimFixture::json(sim.get("/api/v3/depth?symbol=BTCUSDT&limit=5000"));
    const std::uint64_t final_id = final_snap.at("lastUpdateId");
    ASSERT_GT(final_id, last_id);
    while (events.empty() || events.back().at("u").get<std::uint64_t>() < final_id) {
        const std::string m = ws.read(3000);
        ASSERT_FALSE(m.empty()) << "no diff reached update id " << final_id;
        events.push_back(json::parse(m));
    }
    std::uint64_t prev_u = 0;
    int applied = 0;
    for (const json& e : events) {
        EXPECT_EQ(e.at("e"), "depthUpdate");
        EXPECT_EQ(e.at("s"), "BTCUSDT");
        const std::uint64_t U = e.at("U");
        const std::uint64_t u = e.at("u");
        if (prev_u != 0) {
            EXPECT_EQ(U, prev_u + 1) << "sequence gap";
        }
        prev_u = u;
        if (u <= last_id) continue;
        if (applied == 0) {
            EXPECT_LE(U, last_id + 1);
            EXPECT_GE(u, last_id + 1);
        }
        apply(bids, e.at("b"));
        apply(asks, e.at("a"));
        ++applied;
    }
    EXPECT_GT(applied, 0);
    EXPECT_EQ(bids, side_of(final_snap.at("bids")));
    EXPECT_EQ(asks, side_of(final_snap.at("asks")));
}

TEST(VenueSimWsTest, CombinedStreamWrapsTradesAndBookTicker) {
    SimFixture sim;
    SimWsClient ws(sim.port(), "/stream?streams=btcusdt@trade/btcusdt@bookTicker");
    sim.advance(5000);
    bool trade = false;
    bool ticker = false;
    for (int i = 0; i < 200 && !(trade && ticker); ++i) {
        const std::string m = ws.read(2000);
        ASSERT_FALSE(m.empty());
        const json w = json::parse(m);
        const json& d = w.at("data");
        if (w.at("stream") == "btcusdt@trade") {
            trade = true;
            for (const char* k : {"e", "E", "s", "t", "p", "q", "T", "m", "M"}) {
                EXPECT_TRUE(d.contains(k)) << k;
            }
        } else {
            EXPECT_EQ(w.at("stream"), "btcusdt@bookTicker");
            ticker = true;
            for (const char* k : {"u", "s", "b", "B", "a", "A"}) EXPECT_TRUE(d.contains(k)) << k;
        }
    }
    EXPECT_TRUE(trade);
    EXPECT_TRUE(ticker);
}

/// Advances the simulated clock n times, each time reading what arrives (a tick sends the
/// book changes of each advance as one depth event unless a fault intervenes).
std::vector<json> depth_events(SimFixture& sim, SimWsClient& ws, int n) {
    std::vector<json> out;
    for (int i = 0; i < n; ++i) {
        sim.advance(1000);
        const std::string m = ws.read(1500);
        if (!m.empty()) out.push_back(json::parse(m));
    }
    return out;
}

void set_faults(SimFixture& sim, const std::string& rule) {
    ASSERT_EQ(sim.post_json("/sim/v1/faults", "[" + rule + "]").status, 200);
}

TEST(VenueSimWsTest, GapFaultSkipsOneSequenceRange) {
    SimFixture sim;
    set_faults(sim, R"({"kind":"ws_gap","path":"/ws/btcusdt@depth@100ms","from":3,"to":3})");
    SimWsClient ws(sim.port(), "/ws/btcusdt@depth@100ms");
    const auto e = depth_events(sim, ws, 4);
    ASSERT_GE(e.size(), 3u);
    EXPECT_EQ(e[1].at("U").get<std::uint64_t>(), e[0].at("u").get<std::uint64_t>() + 1);
    EXPECT_GT(e[2].at("U").get<std::uint64_t>(), e[1].at("u").get<std::uint64_t>() + 1);
}

TEST(VenueSimWsTest, DuplicateFaultSendsAMessageTwice) {
    SimFixture sim;
    set_faults(sim, R"({"kind":"ws_duplicate","path":"*","from":2,"to":2})");
    SimWsClient ws(sim.port(), "/ws/btcusdt@depth@100ms");
    const auto e = depth_events(sim, ws, 3);
    ASSERT_EQ(e.size(), 3u);
    EXPECT_EQ(e[1], e[2]);
    EXPECT_NE(e[0], e[1]);
}

TEST(VenueSimWsTest, ReorderFaultSendsAMessageAfterTheNext) {
    SimFixture sim;
    set_faults(sim, R"({"kind":"ws_reorder","path":"*","from":2,"to":2})");
    SimWsClient ws(sim.port(), "/ws/btcusdt@depth@100ms");
    const auto first = depth_events(sim, ws, 1);
    ASSERT_EQ(first.size(), 1u);
    sim.advance(1000);  // the 2nd message is held back ...
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    sim.advance(1000);  // ... and sent after the 3rd
    const std::string third = ws.read(2000);
    const std::string second = ws.read(2000);
    ASSERT_FALSE(third.empty());
    ASSERT_FALSE(second.empty());
    const std::uint64_t u1 = first[0].at("u");
    EXPECT_EQ(json::parse(second).at("U").get<std::uint64_t>(), u1 + 1);
    EXPECT_EQ(json::parse(third).at("U").get<std::uint64_t>(),
              json::parse(second).at("u").get<std::uint64_t>() + 1);
}

TEST(VenueSimWsTest, DropFaultClosesTheSocketAfterNMessages) {
    SimFixture sim;
    set_faults(sim, R"({"kind":"ws_drop","path":"/ws/btcusdt@depth@100ms","after":2})");
    SimWsClient ws(sim.port(), "/ws/btcusdt@depth@100ms");
    const auto e = depth_events(sim, ws, 4);
    EXPECT_EQ(e.size(), 2u);
    EXPECT_TRUE(ws.is_closed());
    // A new connection is outside the window and streams again.
    SimWsClient again(sim.port(), "/ws/btcusdt@depth@100ms");
    EXPECT_EQ(depth_events(sim, again, 2).size(), 2u);
}

TEST(VenueSimWsTest, SubscribeMethodAddsAStream) {
    SimFixture sim;
    SimWsClient ws(sim.port(), "/ws/btcusdt@trade");
    ws.send(R"({"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":7})");
    EXPECT_EQ(json::parse(ws.read(2000)), json::parse(R"({"result":null,"id":7})"));
    sim.advance(1000);
    bool depth = false;
    for (int i = 0; i < 50 && !depth; ++i) {
        const std::string m = ws.read(2000);
        ASSERT_FALSE(m.empty());
        depth = json::parse(m).value("e", "") == "depthUpdate";
    }
    EXPECT_TRUE(depth);
}

TEST(VenueSimWsTest, KlineStreamSendsTheCurrentBarAndItsClose) {
    // Inside bar 50: the forming bar (x false); an hour later bar 50 is sent closed, then 51.
    SimFixture sim([](SimConfig& c) { c.now = testing::kFirstBar + 50 * testing::kHour + 10; });
    SimWsClient ws(sim.port(), "/ws/btcusdt@kline_1h");
    const json first = json::parse(ws.read(3000));
    EXPECT_EQ(first.at("e"), "kline");
    const json& k = first.at("k");
    EXPECT_EQ(k.at("t"), testing::kFirstBar + 50 * testing::kHour);
    EXPECT_EQ(k.at("T"), testing::kFirstBar + 51 * testing::kHour - 1);
    EXPECT_EQ(k.at("i"), "1h");
    EXPECT_EQ(std::stod(k.at("c").get<std::string>()), testing::bar_close(50));
    EXPECT_FALSE(k.at("x").get<bool>());
    sim.advance(testing::kHour);
    bool closed = false;
    for (int i = 0; i < 10 && !closed; ++i) {
        const std::string m = ws.read(3000);
        ASSERT_FALSE(m.empty());
        const json e = json::parse(m).at("k");
        closed = e.at("x").get<bool>();
        if (closed) {
            EXPECT_EQ(e.at("t"), testing::kFirstBar + 50 * testing::kHour);
        }
    }
    EXPECT_TRUE(closed);
    const json next = json::parse(ws.read(3000)).at("k");
    EXPECT_EQ(next.at("t"), testing::kFirstBar + 51 * testing::kHour);
    EXPECT_FALSE(next.at("x").get<bool>());
}

}  // namespace
}  // namespace aitp::venuesim
