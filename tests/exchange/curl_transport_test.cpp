// SPDX-License-Identifier: MIT
#include "exchange/curl_transport.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace aitp::exchange {
namespace {

// A tiny keep-alive HTTP/1.1 server on 127.0.0.1: records each request's head and body and
// answers with `reply` (or stays silent when `silent`). Counts accepted connections.
class LoopbackServer {
  public:
    explicit LoopbackServer(std::string reply, bool silent = false)
        : reply_(std::move(reply)), silent_(silent) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        EXPECT_EQ(::listen(fd_, 8), 0);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~LoopbackServer() {
        stop_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
        for (auto& t : conns_) t.join();
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    int accepted() const { return accepted_; }
    std::vector<std::string> requests() {
        std::lock_guard lock(mu_);
        return requests_;
    }

  private:
    void run() {
        while (!stop_) {
            const int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            ++accepted_;
            conns_.emplace_back([this, c] { serve(c); });
        }
    }
    void serve(int c) {
        std::string buf;
        char chunk[4096];
        for (;;) {
            const auto head_end = buf.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                std::size_t body_len = 0;
                const auto cl = buf.find("Content-Length: ");
                if (cl != std::string::npos && cl < head_end)
                    body_len = std::stoul(buf.substr(cl + 16));
                if (buf.size() >= head_end + 4 + body_len) {
                    {
                        std::lock_guard lock(mu_);
                        requests_.push_back(buf.substr(0, head_end + 4 + body_len));
                    }
                    buf.erase(0, head_end + 4 + body_len);
                    if (!silent_) {
                        if (::send(c, reply_.data(), reply_.size(), MSG_NOSIGNAL) < 0) break;
                    }
                    continue;
                }
            }
            const auto n = ::recv(c, chunk, sizeof chunk, 0);
            if (n <= 0) break;
            buf.append(chunk, static_cast<std::size_t>(n));
        }
        ::close(c);
    }

    std::string reply_;
    bool silent_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> accepted_{0};
    std::thread thread_;
    std::vector<std::thread> conns_;
    std::mutex mu_;
    std::vector<std::string> requests_;
};

const std::string kBody = "{\"serverTime\":1499827319559}";
const std::string kReply =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-MBX-USED-WEIGHT-1M: 12\r\n"
    "Content-Length: " +
    std::to_string(kBody.size()) + "\r\n\r\n" + kBody;

TEST(CurlTransportTest, GetReturnsStatusBodyAndLowerCasedHeaders) {
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance"});
    HttpRequest r;
    r.url = server.url("/api/v3/time");
    auto resp = t.send(r);
    ASSERT_TRUE(resp.has_value()) << resp.error().message();
    EXPECT_EQ(resp->status, 200);
    EXPECT_EQ(resp->body, kBody);
    EXPECT_EQ(resp->header("x-mbx-used-weight-1m"), "12");
    EXPECT_EQ(resp->header("content-type"), "application/json");
}

TEST(CurlTransportTest, RequestsReuseOneConnection) {
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance"});
    for (int i = 0; i < 5; ++i) {
        HttpRequest r;
        r.url = server.url("/api/v3/time");
        ASSERT_TRUE(t.send(r).has_value());
    }
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.requests().size(), 5U);
}

TEST(CurlTransportTest, MethodsHeadersAndBodyReachTheServer) {
    LoopbackServer server("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
    CurlTransport t({.venue = "binance"});
    HttpRequest post;
    post.method = "POST";
    post.url = server.url("/api/v3/order?symbol=BTCUSDT");
    post.headers = {{"X-MBX-APIKEY", "k"}};
    post.body = "a=1&b=2";
    auto r = t.send(post);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->status, 201);
    HttpRequest del;
    del.method = "DELETE";
    del.url = server.url("/api/v3/order?orderId=4");
    ASSERT_TRUE(t.send(del).has_value());
    const auto reqs = server.requests();
    ASSERT_EQ(reqs.size(), 2U);
    EXPECT_EQ(reqs[0].rfind("POST /api/v3/order?symbol=BTCUSDT HTTP/1.1\r\n", 0), 0U) << reqs[0];
    EXPECT_NE(reqs[0].find("X-MBX-APIKEY: k\r\n"), std::string::npos);
    EXPECT_EQ(reqs[0].substr(reqs[0].size() - 7), "a=1&b=2");
    EXPECT_EQ(reqs[1].rfind("DELETE /api/v3/order?orderId=4 HTTP/1.1\r\n", 0), 0U) << reqs[1];
}

TEST(CurlTransportTest, ConnectionRefusedNamesTheEndpointNotTheQuery) {
    int port = 0;
    {
        LoopbackServer probe("");
        port = std::stoi(probe.url("").substr(17));
    }
    CurlTransport t({.venue = "binance"});
    HttpRequest r;
    r.url =
        "http://127.0.0.1:" + std::to_string(port) + "/api/v3/account?timestamp=1&signature=abc";
    auto resp = t.send(r);
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
    EXPECT_EQ(resp.error().message().rfind("binance: GET /api/v3/account: ", 0), 0U)
        << resp.error().message();
    EXPECT_EQ(resp.error().message().find("signature"), std::string::npos);
}

TEST(CurlTransportTest, TotalTimeoutIsAnIOError) {
    LoopbackServer server("", /*silent=*/true);
    CurlTransport t({.venue = "binance", .connect_timeout_ms = 1000, .total_timeout_ms = 300});
    HttpRequest r;
    r.url = server.url("/api/v3/klines?symbol=X");
    r.endpoint = "GET /api/v3/klines";
    const auto t0 = std::chrono::steady_clock::now();
    auto resp = t.send(r);
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
    EXPECT_NE(resp.error().message().find("binance: GET /api/v3/klines: Timeout"),
              std::string::npos)
        << resp.error().message();
    EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(CurlTransportTest, TlsIsVerified) {
    // A plain HTTP server answering a TLS handshake: the handshake fails, nothing is sent in
    // the clear and no "insecure" fallback happens.
    LoopbackServer server(kReply);
    CurlTransport t({.venue = "binance", .total_timeout_ms = 2000});
    HttpRequest r;
    r.url = "https" + server.url("/api/v3/time").substr(4);
    auto resp = t.send(r);
    ASSERT_FALSE(resp.has_value());
    EXPECT_TRUE(resp.error().is_io_error());
}

TEST(CurlTransportTest, EndpointLabelDropsSchemeHostAndQuery) {
    HttpRequest r;
    r.method = "DELETE";
    r.url = "https://api.binance.com/api/v3/order?symbol=BTCUSDT&signature=ff";
    EXPECT_EQ(endpoint_label(r), "DELETE /api/v3/order");
    r.endpoint = "DELETE /api/v3/order (cancel)";
    EXPECT_EQ(endpoint_label(r), "DELETE /api/v3/order (cancel)");
}

}  // namespace
}  // namespace aitp::exchange
