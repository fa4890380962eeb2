// SPDX-License-Identifier: MIT
#include "http_client.hpp"

#include <chrono>
#include <future>
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace aitp::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

HttpReply HttpClient::request(const std::string& method, const std::string& target,
                              const std::string& body,
                              const std::map<std::string, std::string>& headers) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    if (!body.empty() && !headers.contains("Content-Type"))
        req.set(http::field::content_type, "application/json");
    req.prepare_payload();
    // A server may answer before the whole body is sent (413) and stop reading: the response
    // still arrives, so a failed write is not an error here.
    beast::error_code write_ec;
    http::write(stream, req, write_ec);
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == "HEAD") parser.skip(true);  // a HEAD response announces a body it does not send
    beast::error_code ec;
    http::read(stream, buf, parser, ec);
    HttpReply r;
    if (ec) return r;
    auto res = parser.release();
    r.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
        std::string n(f.name_string());
        for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[n] = std::string(f.value());
    }
    r.body = res.body();
    const std::string set_cookie = r.header("set-cookie");
    if (!set_cookie.empty()) {
        const std::string pair = set_cookie.substr(0, set_cookie.find(';'));
        cookie_ = pair.substr(pair.find('=') + 1).empty() ? "" : pair;
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return r;
}

HttpReply HttpClient::post(const std::string& target, const std::string& body) {
    std::map<std::string, std::string> h;
    if (!csrf_.empty()) h["X-CSRFToken"] = csrf_;
    return request("POST", target, body, h);
}

std::string HttpClient::origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

HttpReply HttpClient::login(const std::string& user, const std::string& password) {
    auto r = request("POST", "/api/auth/login/",
                     nlohmann::json{{"username", user}, {"password", password}}.dump(),
                     {{"Origin", origin()}});
    if (r.status == 200) csrf_ = nlohmann::json::parse(r.body)["csrf_token"];
    return r;
}

std::string HttpClient::raw(const std::string& bytes) {
    net::io_context ioc;
    tcp::socket s(ioc);
    s.connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
    beast::error_code ec;
    net::write(s, net::buffer(bytes), ec);
    s.shutdown(tcp::socket::shutdown_send, ec);
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    s.non_blocking(true);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        const std::size_t n = s.read_some(net::buffer(buf), ec);
        if (ec == net::error::would_block) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        if (ec) break;
        out.append(buf, n);
    }
    return out;
}

struct WsClient::Impl {
    net::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
};

WsClient::WsClient(int port, const std::string& cookie, const char* origin, const std::string& path)
    : impl_(std::make_unique<Impl>()) {
    const std::string host = "127.0.0.1:" + std::to_string(port);
    const std::string origin_value = origin == nullptr ? "http://" + host : std::string(origin);
    beast::error_code ec;
    beast::get_lowest_layer(impl_->ws).connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)), ec);
    if (ec) return;
    websocket::response_type res;
    impl_->ws.set_option(
        websocket::stream_base::decorator([cookie, origin_value](websocket::request_type& req) {
            if (!cookie.empty()) req.set(http::field::cookie, cookie);
            if (!origin_value.empty()) req.set(http::field::origin, origin_value);
        }));
    impl_->ws.handshake(res, host, path, ec);
    handshake_status_ = static_cast<int>(res.result_int());
    connected_ = !ec;
}

WsClient::~WsClient() {
    beast::error_code ec;
    if (connected_) impl_->ws.close(websocket::close_code::normal, ec);
}

std::string WsClient::read(int timeout_ms) {
    if (!connected_) return {};
    beast::flat_buffer buf;
    beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::milliseconds(timeout_ms));
    std::string out;
    bool done = false;
    impl_->ws.async_read(buf, [&](beast::error_code ec, std::size_t) {
        if (!ec) out = beast::buffers_to_string(buf.data());
        done = true;
    });
    impl_->ioc.restart();
    while (!done && impl_->ioc.run_one() > 0) {
    }
    return out;
}

}  // namespace aitp::testing

namespace aitp::testing {

bool WsClient::wait_closed(int timeout_ms) {
    if (!connected_) return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        beast::flat_buffer buf;
        beast::get_lowest_layer(impl_->ws).expires_after(left);
        beast::error_code result;
        bool done = false;
        impl_->ws.async_read(buf, [&](beast::error_code ec, std::size_t) {
            result = ec;
            done = true;
        });
        impl_->ioc.restart();
        while (!done && impl_->ioc.run_one() > 0) {
        }
        if (!result) continue;  // a frame: keep reading
        if (result == beast::error::timeout) return false;
        connected_ = false;
        return true;
    }
}

}  // namespace aitp::testing
