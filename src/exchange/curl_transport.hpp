// SPDX-License-Identifier: MIT
// CurlTransport: HttpTransport over libcurl. Keeps a small pool of easy handles so that
// connections (and TLS sessions) are reused across requests; TLS peer and host verification
// stay on (plain http:// is allowed, for the simulator). Thread-safe: each send borrows a
// handle from the pool.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "exchange/http.hpp"

namespace aitp::exchange {

struct CurlTransportConfig {
    std::string venue;  ///< names the transport in errors and health
    std::int64_t connect_timeout_ms = 5000;
    std::int64_t total_timeout_ms = 30000;  ///< whole request, connect included
    std::string user_agent = "aitp/1";
};

class CurlTransport final : public HttpTransport {
  public:
    explicit CurlTransport(CurlTransportConfig config);
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    /// Sends the request; a transport failure is an IOError naming the venue, the endpoint
    /// (HttpRequest::endpoint, or method + path: never the query string, which holds
    /// signatures) and curl's reason.
    Result<HttpResponse> send(const HttpRequest& request) override;
    VenueHealth health() const override;

  private:
    struct Pool;
    CurlTransportConfig config_;
    std::unique_ptr<Pool> pool_;
};

/// Returns "METHOD /path" of a request for logs and errors: the endpoint when set, else the
/// URL's path without scheme, host or query.
std::string endpoint_label(const HttpRequest& request);

}  // namespace aitp::exchange
