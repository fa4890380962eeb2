// SPDX-License-Identifier: MIT
// SimService: the simulator's HTTP semantics without sockets: Binance spot REST endpoints
// (weights, X-MBX-USED-WEIGHT-1M, -1003/429 over the limit, signed-request checks), the fault
// script, the /sim/v1 admin API, request statistics, and the JSON of the WebSocket events.
// Not thread-safe: the server calls it from its one I/O thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "venuesim/sim_config.hpp"
#include "venuesim/sim_exchange.hpp"

namespace aitp::venuesim {

struct SimRequest {
    std::string method;   ///< "GET", "POST", "DELETE", ...
    std::string path;     ///< without the query
    std::string query;    ///< raw, without '?'
    std::string body;     ///< raw (form-encoded for Binance POSTs, JSON for /sim/v1)
    std::string api_key;  ///< the X-MBX-APIKEY header
};

struct SimResponse {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::int64_t delay_ms = 0;  ///< latency_ms faults: answer this much later
};

/// Which WebSocket faults apply to one outgoing message.
struct WsFaultAction {
    bool drop_connection = false;
    bool duplicate = false;
    bool reorder = false;
    bool skip = false;
};

class SimService {
  public:
    SimService(std::unique_ptr<SimExchange> exchange, const SimConfig& config, const Clock& wall);

    /// Answers one HTTP request (Binance REST or /sim/v1 admin).
    SimResponse handle(const SimRequest& request);
    /// Counts one data message about to be sent on a WebSocket at `path` and returns the
    /// faults that apply to it.
    WsFaultAction ws_message(const std::string& path);
    void count_ws_connection() { ++ws_connections_; }

    SimExchange& exchange() { return *exchange_; }

    /// WebSocket event JSON (Binance's field names); empty when there is nothing to send.
    std::string depth_event(const std::string& symbol, const DepthDiff& diff) const;
    std::string trade_event(const std::string& symbol, const PublicTrade& t) const;
    std::string book_ticker_event(const std::string& symbol);
    std::string kline_event(const std::string& symbol, std::int64_t interval_ms, const Kline& k,
                            bool closed) const;

  private:
    struct Weights {
        std::int64_t minute = -1;
        std::int64_t used = 0;
        std::int64_t max_fixed = 0;
        std::deque<std::pair<UnixMillis, std::int64_t>> recent;
        std::int64_t rolling = 0;
        std::int64_t max_rolling = 0;
        std::int64_t rejected = 0;
    };

    SimResponse route(const SimRequest& request);
    SimResponse admin(const SimRequest& request);
    SimResponse stats() const;
    std::int64_t add_weight(std::int64_t weight);
    bool apply_rest_faults(const SimRequest& request, SimResponse& response);
    bool next_order_is_stuck();

    std::unique_ptr<SimExchange> exchange_;
    const Clock& wall_;
    std::int64_t weight_limit_;
    std::vector<FaultRule> faults_;
    std::vector<std::int64_t> fault_counts_;
    Weights weights_;
    std::map<std::string, std::int64_t> requests_by_path_;
    std::map<std::string, std::int64_t> requests_by_endpoint_;
    std::int64_t ws_connections_ = 0;
};

}  // namespace aitp::venuesim
