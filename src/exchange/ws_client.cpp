// SPDX-License-Identifier: MIT
// Beast over Asio C++20 coroutines, one io_context on the thread that calls run(). Heartbeats
// and the dead-connection timeout are Beast's websocket timeout option: with keep-alive pings
// on, a ping goes out after idle/2 of silence and the read fails with a timeout after idle.
#include "exchange/ws_client.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <fmt/format.h>

#include "core/rng.hpp"

namespace aitp::exchange {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

struct WsUrl {
    bool tls = false;
    std::string host;
    std::string port;
    std::string target;
};

Result<WsUrl> parse_ws_url(std::string_view url) {
    WsUrl out;
    std::string_view rest;
    if (url.starts_with("wss://")) {
        out.tls = true;
        rest = url.substr(6);
    } else if (url.starts_with("ws://")) {
        rest = url.substr(5);
    } else {
        return fail(Error::invalid_argument(
            fmt::format("ws url must start with ws:// or wss://, was '{}'", url)));
    }
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
        std::string_view port = authority.substr(colon + 1);
        int value = 0;
        auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || p != port.data() + port.size() || value <= 0 || value > 65535) {
            return fail(Error::invalid_argument(fmt::format("ws url: bad port in '{}'", url)));
        }
        out.port = std::string(port);
        authority = authority.substr(0, colon);
    } else {
        out.port = out.tls ? "443" : "80";
    }
    if (authority.empty()) {
        return fail(Error::invalid_argument(fmt::format("ws url: no host in '{}'", url)));
    }
    out.host = std::string(authority);
    return out;
}

Error net_error(std::string_view what, const error_code& ec) {
    return Error::io_error(fmt::format("websocket {}: {}", what, ec.message()));
}

using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace

std::int64_t ws_backoff_ms(int attempt, int initial_ms, int max_ms, double u) {
    const int shift = std::clamp(attempt - 1, 0, 30);
    const double base = std::min(static_cast<double>(max_ms),
                                 static_cast<double>(initial_ms) * std::ldexp(1.0, shift));
    return static_cast<std::int64_t>(base * (0.5 + 0.5 * std::clamp(u, 0.0, 1.0)));
}

struct WsClient::Impl {
    Impl(WsConfig c, WsCallbacks cb, const Clock& clk)
        : config(std::move(c)), callbacks(std::move(cb)), clock(clk), rng(config.jitter_seed) {}

    WsConfig config;
    WsCallbacks callbacks;
    const Clock& clock;
    Rng rng;
    asio::io_context ioc;
    std::atomic<bool> stopping{false};
    std::function<void()> close_current;  ///< set while a connection is open (ioc thread)
    asio::steady_timer* backoff_timer = nullptr;
    std::mutex outbox_mutex;
    std::deque<std::string> outbox;
    std::atomic<std::int64_t> connects{0};
    std::atomic<std::int64_t> frames{0};
    std::atomic<std::int64_t> disconnects{0};
    std::atomic<std::int64_t> timeouts{0};

    std::optional<std::string> next_outgoing() {
        std::lock_guard<std::mutex> lock(outbox_mutex);
        if (outbox.empty()) return std::nullopt;
        std::string s = std::move(outbox.front());
        outbox.pop_front();
        return s;
    }

    template <typename Ws>
    asio::awaitable<Status> read_loop(Ws& ws) {
        error_code ec;
        for (const std::string& msg : config.subscribe) {
            co_await ws.async_write(asio::buffer(msg),
                                    asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return fail(net_error("subscribe", ec));
        }
        const std::int64_t n = ++connects;
        if (callbacks.on_open) callbacks.on_open(n);
        beast::flat_buffer buffer;
        for (;;) {
            while (auto out = next_outgoing()) {
                co_await ws.async_write(asio::buffer(*out),
                                        asio::redirect_error(asio::use_awaitable, ec));
                if (ec) co_return fail(net_error("write", ec));
            }
            co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (ec == beast::error::timeout) {
                    ++timeouts;
                    co_return fail(
                        Error::io_error("websocket read: no data within the idle timeout"));
                }
                co_return fail(net_error("read", ec));
            }
            ++frames;
            const auto data = buffer.data();
            if (callbacks.on_frame && !stopping) {
                callbacks.on_frame(
                    std::string_view(static_cast<const char*>(data.data()), data.size()),
                    clock.now_ms());
            }
            buffer.consume(buffer.size());
        }
    }

    template <typename Ws>
    asio::awaitable<Status> run_open(Ws& ws, const WsUrl& url) {
        error_code ec;
        websocket::stream_base::timeout opt{std::chrono::milliseconds(config.handshake_timeout_ms),
                                            std::chrono::milliseconds(config.idle_timeout_ms),
                                            true};
        ws.set_option(opt);
        co_await ws.async_handshake(url.host + ":" + url.port, url.target,
                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return fail(net_error("handshake", ec));
        close_current = [&ws] { ws.async_close(websocket::close_code::normal, [](error_code) {}); };
        if (stopping) std::exchange(close_current, nullptr)();  // stop() came during the handshake
        Status st = co_await read_loop(ws);
        close_current = nullptr;
        co_return st;
    }

    asio::awaitable<Status> connect_tcp(beast::tcp_stream& stream, const WsUrl& url) {
        error_code ec;
        tcp::resolver resolver(ioc);
        auto endpoints = co_await resolver.async_resolve(
            url.host, url.port, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return fail(net_error("resolve " + url.host, ec));
        stream.expires_after(std::chrono::milliseconds(config.handshake_timeout_ms));
        close_current = [&stream] { stream.cancel(); };
        co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
        close_current = nullptr;
        if (ec) co_return fail(net_error("connect " + url.host + ":" + url.port, ec));
        co_return ok_status();
    }

    asio::awaitable<Status> session(const WsUrl& url, ssl::context* tls) {
        if (tls == nullptr) {
            PlainWs ws(ioc);
            Status st = co_await connect_tcp(beast::get_lowest_layer(ws), url);
            if (!st) co_return st;
            beast::get_lowest_layer(ws).expires_never();
            co_return co_await run_open(ws, url);
        }
        TlsWs ws(ioc, *tls);
        Status st = co_await connect_tcp(beast::get_lowest_layer(ws), url);
        if (!st) co_return st;
        if (!SSL_set_tlsext_host_name(ws.next_layer().native_handle(), url.host.c_str())) {
            co_return fail(Error::io_error("websocket tls: cannot set the server name"));
        }
        ws.next_layer().set_verify_callback(ssl::host_name_verification(url.host));
        error_code ec;
        co_await ws.next_layer().async_handshake(ssl::stream_base::client,
                                                 asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return fail(net_error("tls handshake", ec));
        beast::get_lowest_layer(ws).expires_never();
        co_return co_await run_open(ws, url);
    }

    asio::awaitable<Status> main_loop(WsUrl url, ssl::context* tls) {
        int failures = 0;
        asio::steady_timer timer(ioc);
        while (!stopping) {
            const std::int64_t before = connects.load();
            Status st = co_await session(url, tls);
            if (stopping) break;
            if (connects.load() != before) failures = 0;  // it did open: start the backoff over
            ++disconnects;
            const Error why =
                st ? Error::io_error("websocket: connection closed by the peer") : st.error();
            if (callbacks.on_close) callbacks.on_close(why);
            ++failures;
            if (config.max_attempts > 0 && failures >= config.max_attempts) {
                co_return fail(why.with_context(
                    fmt::format("websocket {}: gave up after {} attempts", config.url, failures)));
            }
            timer.expires_after(std::chrono::milliseconds(ws_backoff_ms(
                failures, config.backoff_initial_ms, config.backoff_max_ms, rng.uniform())));
            backoff_timer = &timer;
            error_code ec;
            co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            backoff_timer = nullptr;
        }
        co_return ok_status();
    }
};

WsClient::WsClient(WsConfig config, WsCallbacks callbacks, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(callbacks), clock)) {}

WsClient::~WsClient() = default;

Status WsClient::run() {
    AITP_TRY_ASSIGN(const WsUrl url, parse_ws_url(impl_->config.url));
    try {
        std::optional<ssl::context> tls;
        if (url.tls) {
            tls.emplace(ssl::context::tls_client);
            tls->set_verify_mode(ssl::verify_peer);
            tls->set_default_verify_paths();
            if (!impl_->config.ca_file.empty()) tls->load_verify_file(impl_->config.ca_file);
        }
        Status result = ok_status();
        asio::co_spawn(impl_->ioc, impl_->main_loop(url, tls ? &*tls : nullptr),
                       [&result](const std::exception_ptr& e, Status st) {
                           if (e) std::rethrow_exception(e);
                           result = std::move(st);
                       });
        impl_->ioc.restart();
        impl_->ioc.run();
        return result;
    } catch (const std::exception& e) {
        return fail(Error::io_error(fmt::format("websocket {}: {}", impl_->config.url, e.what())));
    }
}

void WsClient::stop() {
    Impl* impl = impl_.get();
    impl->stopping = true;
    asio::post(impl->ioc, [impl] {
        // Once only: a second close on the same stream is not allowed.
        if (impl->close_current) std::exchange(impl->close_current, nullptr)();
        if (impl->backoff_timer != nullptr) impl->backoff_timer->cancel();
    });
}

void WsClient::send(std::string text) {
    std::lock_guard<std::mutex> lock(impl_->outbox_mutex);
    impl_->outbox.push_back(std::move(text));
}

WsStats WsClient::stats() const {
    return {impl_->connects.load(), impl_->frames.load(), impl_->disconnects.load(),
            impl_->timeouts.load()};
}

}  // namespace aitp::exchange
