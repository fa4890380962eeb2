// SPDX-License-Identifier: MIT
// A small WebSocket client for the venue simulator's tests (Beast, plain ws://127.0.0.1:port),
// with a read timeout. Not thread-safe.
#pragma once

#include <memory>
#include <string>

namespace aitp::testing {

class SimWsClient {
  public:
    /// Connects to ws://127.0.0.1:<port><target> (e.g. "/ws/btcusdt@depth@100ms").
    SimWsClient(int port, const std::string& target);
    ~SimWsClient();
    SimWsClient(const SimWsClient&) = delete;
    SimWsClient& operator=(const SimWsClient&) = delete;

    /// Returns the next text message, or "" after timeout_ms without one or once closed.
    std::string read(int timeout_ms);
    /// Sends a text message.
    void send(const std::string& text);
    /// True once the server closed the connection.
    bool is_closed() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aitp::testing
