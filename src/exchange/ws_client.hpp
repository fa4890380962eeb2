// SPDX-License-Identifier: MIT
// WsClient: a WebSocket client for market streams (ws:// and wss://, TLS verified against the
// system's CA store or a given CA file). It connects, sends the subscription frames, hands
// every text frame to a callback with its receive time, pings when the line is quiet and
// treats silence past the idle timeout as a dead connection, and reconnects with exponential
// backoff and jitter until stop(). run() blocks the calling thread, and every callback runs on
// it; stop() and send() may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::exchange {

struct WsConfig {
    std::string url;  ///< ws://host[:port]/path or wss://host[:port]/path
    /// Text frames sent after every (re)connect, in order (e.g. SUBSCRIBE).
    std::vector<std::string> subscribe;
    int handshake_timeout_ms = 10000;  ///< TCP + TLS + WebSocket handshake, and the close
    /// Silence this long ends the connection as dead; a ping goes out at half of it.
    int idle_timeout_ms = 30000;
    int backoff_initial_ms = 500;
    int backoff_max_ms = 30000;
    /// Consecutive failed attempts (connections that ended or never opened) before run()
    /// gives up; 0 retries forever.
    int max_attempts = 0;
    std::uint64_t jitter_seed = 1;
    std::string ca_file;  ///< extra trusted CA (PEM) for wss://; empty: the system store
};

struct WsStats {
    std::int64_t connects = 0;     ///< handshakes completed
    std::int64_t frames = 0;       ///< frames received
    std::int64_t disconnects = 0;  ///< connections that ended or failed, other than by stop()
    std::int64_t timeouts = 0;     ///< of those, ended by the idle timeout
};

struct WsCallbacks {
    /// A connection is open and the subscription frames are sent; `connection` counts from 1.
    std::function<void(std::int64_t connection)> on_open;
    /// A text frame and the clock's time when it was read.
    std::function<void(std::string_view frame, UnixMillis recv_ts)> on_frame;
    /// A connection ended or could not be opened (not called for stop()).
    std::function<void(const Error& why)> on_close;
};

/// The delay before reconnect attempt `attempt` (1-based): min(max, initial * 2^(attempt-1))
/// scaled by (0.5 + 0.5 * u), u in [0, 1) drawn from the seeded jitter source.
std::int64_t ws_backoff_ms(int attempt, int initial_ms, int max_ms, double u);

class WsClient {
  public:
    WsClient(WsConfig config, WsCallbacks callbacks, const Clock& clock);
    ~WsClient();
    WsClient(const WsClient&) = delete;
    WsClient& operator=(const WsClient&) = delete;

    /// Connects and reads until stop() (OK) or until max_attempts consecutive attempts failed
    /// (the last error). InvalidArgument for a malformed URL.
    Status run();
    /// Closes the connection (a close frame) and makes run() return; safe from any thread.
    void stop();
    /// Queues a text frame; it goes out after the frame being handled (or the next one).
    void send(std::string text);
    WsStats stats() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aitp::exchange
