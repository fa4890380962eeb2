// SPDX-License-Identifier: MIT
// LoopbackServer: a tiny keep-alive HTTP/1.1 server on 127.0.0.1 for transport tests.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace aitp::exchange::testing {

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

}  // namespace aitp::exchange::testing
