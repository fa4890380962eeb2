// SPDX-License-Identifier: MIT
// A WebSocket server for tests (Beast, real loopback sockets) that plays a script per
// accepted connection: send these frames, wait for a client frame, go silent (no reads, so
// pings go unanswered), drop the TCP connection without a close frame. Connections beyond the
// scripts are held open until the client leaves. One server thread; the accessors are
// thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace aitp::exchange::testing {

struct WsStep {
    enum class Kind { Send, AwaitText, Stall, Drop, Hold };
    Kind kind = Kind::Send;
    std::string text;  ///< Send
    int ms = 0;        ///< Stall

    static WsStep send(std::string t) { return {Kind::Send, std::move(t), 0}; }
    static WsStep await_text() { return {Kind::AwaitText, {}, 0}; }
    static WsStep stall(int ms) { return {Kind::Stall, {}, ms}; }
    static WsStep drop() { return {Kind::Drop, {}, 0}; }
    static WsStep hold() { return {Kind::Hold, {}, 0}; }
};

using WsScript = std::vector<WsStep>;

class ScriptedWsServer {
  public:
    explicit ScriptedWsServer(std::vector<WsScript> connections);
    ~ScriptedWsServer();
    ScriptedWsServer(const ScriptedWsServer&) = delete;
    ScriptedWsServer& operator=(const ScriptedWsServer&) = delete;

    /// ws://127.0.0.1:<port>/ws
    std::string url() const;
    int port() const { return port_; }
    /// Text frames the clients sent, in order.
    std::vector<std::string> received() const;
    /// The last frame sent (empty before the first).
    std::string last_sent() const;
    int accepted() const { return accepted_.load(); }

  private:
    struct Impl;
    void serve();

    std::unique_ptr<Impl> impl_;
    std::vector<WsScript> scripts_;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> received_;
    std::string last_sent_;
    std::thread thread_;
};

}  // namespace aitp::exchange::testing
