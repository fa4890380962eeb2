// SPDX-License-Identifier: MIT
// VenueSim: the local exchange simulator behind `aitp venue-sim`. It serves a subset of
// Binance's spot REST and WebSocket API over plain HTTP/WS on one port (Boost.Beast, one I/O
// thread that owns all state), plus the /sim/v1 admin API (clock, stats, faults).
// bind() and port() are for the owner thread; run() blocks; stop() may be called from any thread.
#pragma once

#include <memory>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "venuesim/sim_config.hpp"

namespace aitp::venuesim {

class VenueSim {
  public:
    /// Loads the bars and builds the simulated venue. `wall` is the clock the simulated time
    /// runs with and the request-weight minutes are counted on (must outlive the VenueSim).
    static Result<std::unique_ptr<VenueSim>> create(const SimConfig& config, const Clock& wall);
    ~VenueSim();
    VenueSim(const VenueSim&) = delete;
    VenueSim& operator=(const VenueSim&) = delete;

    /// Binds config.host:config.port (port 0 picks a free one). Fails naming the address.
    Status bind();
    /// Returns the bound port (after bind()).
    int port() const;
    /// Serves until stop() (or, with handle_signals, SIGINT/SIGTERM); returns when the I/O loop
    /// has ended.
    void run(bool handle_signals = false);
    /// Stops the server (thread-safe; idempotent).
    void stop();

    /// The server state (opaque; defined in venue_sim.cpp).
    struct Impl;

  private:
    explicit VenueSim(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace aitp::venuesim
