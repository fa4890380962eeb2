// SPDX-License-Identifier: MIT
#include "ws_client.hpp"

#include <chrono>
#include <deque>
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>

namespace aitp::testing {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct SimWsClient::Impl {
    net::io_context ioc;
    websocket::stream<tcp::socket> ws{ioc};
    beast::flat_buffer buffer;
    std::deque<std::string> received;
    bool closed = false;

    void read_next() {
        ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
            if (ec) {
                closed = true;
                return;
            }
            received.push_back(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            read_next();
        });
    }
};

SimWsClient::SimWsClient(int port, const std::string& target) : impl_(std::make_unique<Impl>()) {
    impl_->ws.next_layer().connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    impl_->ws.handshake("127.0.0.1:" + std::to_string(port), target);
    impl_->read_next();
}

SimWsClient::~SimWsClient() {
    beast::error_code ec;
    impl_->ws.next_layer().close(ec);
    impl_->ioc.restart();
    impl_->ioc.run_for(std::chrono::milliseconds(100));
}

std::string SimWsClient::read(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (impl_->received.empty() && !impl_->closed &&
           std::chrono::steady_clock::now() < deadline) {
        impl_->ioc.restart();
        impl_->ioc.run_one_until(deadline);
    }
    if (impl_->received.empty()) return "";
    std::string out = std::move(impl_->received.front());
    impl_->received.pop_front();
    return out;
}

void SimWsClient::send(const std::string& text) { impl_->ws.write(net::buffer(text)); }

bool SimWsClient::is_closed() const { return impl_->closed; }

}  // namespace aitp::testing
