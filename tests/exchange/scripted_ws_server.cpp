// SPDX-License-Identifier: MIT
#include "exchange/scripted_ws_server.hpp"

#include <chrono>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <sys/socket.h>

namespace aitp::exchange::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct ScriptedWsServer::Impl {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::atomic<int> active_fd{-1};
};

ScriptedWsServer::ScriptedWsServer(std::vector<WsScript> connections)
    : impl_(std::make_unique<Impl>()), scripts_(std::move(connections)) {
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    port_ = impl_->acceptor.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
}

ScriptedWsServer::~ScriptedWsServer() {
    stopping_ = true;
    const int fd = impl_->active_fd.load();
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
    // Wake a blocking accept() with a connection of our own.
    try {
        asio::io_context ioc;
        tcp::socket s(ioc);
        s.connect(
            tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
    } catch (const std::exception&) {  // the server may already be gone
    }
    thread_.join();
}

std::string ScriptedWsServer::url() const { return fmt::format("ws://127.0.0.1:{}/ws", port_); }

std::vector<std::string> ScriptedWsServer::received() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
}

std::string ScriptedWsServer::last_sent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_sent_;
}

void ScriptedWsServer::serve() {
    for (std::size_t index = 0; !stopping_; ++index) {
        tcp::socket socket(impl_->ioc);
        boost::system::error_code ec;
        impl_->acceptor.accept(socket, ec);
        if (ec || stopping_) return;
        ++accepted_;
        impl_->active_fd = socket.native_handle();
        websocket::stream<tcp::socket> ws(std::move(socket));
        const WsScript script = index < scripts_.size() ? scripts_[index] : WsScript{};
        ws.accept(ec);
        bool open = !ec;
        for (const WsStep& step : script) {
            if (!open || stopping_) break;
            switch (step.kind) {
                case WsStep::Kind::Send: {
                    ws.text(true);
                    ws.write(asio::buffer(step.text), ec);
                    std::lock_guard<std::mutex> lock(mutex_);
                    last_sent_ = step.text;
                    break;
                }
                case WsStep::Kind::AwaitText: {
                    beast::flat_buffer buf;
                    ws.read(buf, ec);
                    if (!ec) {
                        std::lock_guard<std::mutex> lock(mutex_);
                        received_.push_back(beast::buffers_to_string(buf.data()));
                    }
                    break;
                }
                case WsStep::Kind::Stall: {
                    const auto until =
                        std::chrono::steady_clock::now() + std::chrono::milliseconds(step.ms);
                    while (!stopping_ && std::chrono::steady_clock::now() < until) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    }
                    break;
                }
                case WsStep::Kind::Drop:
                    ws.next_layer().shutdown(tcp::socket::shutdown_both, ec);
                    ws.next_layer().close(ec);
                    open = false;
                    break;
                case WsStep::Kind::Hold:
                    break;
            }
            if (ec) open = false;
        }
        // Hold: read (answering pings and the close handshake) until the client leaves.
        while (open && !stopping_) {
            beast::flat_buffer buf;
            ws.read(buf, ec);
            if (ec) break;
            std::lock_guard<std::mutex> lock(mutex_);
            received_.push_back(beast::buffers_to_string(buf.data()));
        }
        impl_->active_fd = -1;
    }
}

}  // namespace aitp::exchange::testing
