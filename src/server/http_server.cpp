// SPDX-License-Identifier: MIT
#include "server/http_server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

namespace aitp::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBodyLimit = 1 << 20;
constexpr auto kTimeout = std::chrono::seconds(30);
constexpr auto kSessionSweep = std::chrono::seconds(1);

class WsSession;

// The set of open WebSocket sessions; broadcast() queues a frame on each. Reports the number
// of open sessions to `on_count` (the websocket_clients gauge) whenever it changes.
class WsHub {
  public:
    explicit WsHub(std::function<void(std::size_t)> on_count) : on_count_(std::move(on_count)) {}
    void add(const std::shared_ptr<WsSession>& s);
    void remove(WsSession* s);
    void broadcast(const std::string& msg);
    void close_all();
    /// Closes the sessions whose login session `alive` no longer accepts (logout, expiry).
    void close_ended(const std::function<bool(const std::string& token_hash)>& alive);

  private:
    std::vector<std::shared_ptr<WsSession>> live();
    std::mutex mu_;
    std::map<WsSession*, std::weak_ptr<WsSession>> sessions_;
    std::function<void(std::size_t)> on_count_;
};

class WsSession : public std::enable_shared_from_this<WsSession> {
  public:
    WsSession(tcp::socket&& socket, WsHub& hub, std::string token_hash)
        : ws_(std::move(socket)), hub_(hub), token_hash_(std::move(token_hash)) {}
    ~WsSession() { hub_.remove(this); }

    /// The hash of the login session this socket was opened with.
    const std::string& token_hash() const { return token_hash_; }

    // NOLINTNEXTLINE(performance-unnecessary-value-param): kept by value across the async accept
    void start(http::request<http::string_body> req, std::string hello) {
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_.async_accept(
            req, [self = shared_from_this(), hello = std::move(hello)](beast::error_code ec) {
                if (ec) return;
                self->hub_.add(self);
                self->send(hello);
                self->read();
            });
    }

    void send(std::string msg) {
        net::post(ws_.get_executor(), [self = shared_from_this(), msg = std::move(msg)]() mutable {
            self->queue_.push_back(std::move(msg));
            if (self->queue_.size() > 256)
                self->queue_.pop_front();  // a slow client loses old events
            if (self->queue_.size() == 1) self->write();
        });
    }

    void close(websocket::close_code code = websocket::close_code::going_away) {
        net::post(ws_.get_executor(), [self = shared_from_this(), code] {
            if (self->closing_) return;
            self->closing_ = true;
            self->ws_.async_close(code, [self](beast::error_code) {});
        });
    }

  private:
    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;  // closed; clients only listen
            self->buffer_.consume(self->buffer_.size());
            self->read();
        });
    }

    void write() {
        ws_.text(true);
        ws_.async_write(net::buffer(queue_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) return;
                            self->queue_.pop_front();
                            if (!self->queue_.empty()) self->write();
                        });
    }

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    WsHub& hub_;
    std::string token_hash_;
    bool closing_ = false;  // touched only on the socket's strand
};

void WsHub::add(const std::shared_ptr<WsSession>& s) {
    std::size_t n = 0;
    {
        std::lock_guard lock(mu_);
        sessions_[s.get()] = s;
        n = sessions_.size();
    }
    if (on_count_) on_count_(n);
}
void WsHub::remove(WsSession* s) {
    std::size_t n = 0;
    bool removed = false;
    {
        std::lock_guard lock(mu_);
        removed = sessions_.erase(s) > 0;
        n = sessions_.size();
    }
    if (removed && on_count_) on_count_(n);
}
std::vector<std::shared_ptr<WsSession>> WsHub::live() {
    std::vector<std::shared_ptr<WsSession>> out;
    std::lock_guard lock(mu_);
    for (auto& [p, w] : sessions_) {
        if (auto s = w.lock()) out.push_back(std::move(s));
    }
    return out;
}
void WsHub::broadcast(const std::string& msg) {
    for (auto& s : live()) s->send(msg);
}
void WsHub::close_all() {
    for (auto& s : live()) s->close();
}
void WsHub::close_ended(const std::function<bool(const std::string&)>& alive) {
    std::vector<std::shared_ptr<WsSession>> ended;
    for (auto& s : live()) {
        if (!alive(s->token_hash())) ended.push_back(std::move(s));
    }
    if (ended.empty()) return;
    // Out of the hub at once: no more events, and the gauge drops now, not when the client
    // finishes the closing handshake.
    std::size_t n = 0;
    {
        std::lock_guard lock(mu_);
        for (const auto& s : ended) sessions_.erase(s.get());
        n = sessions_.size();
    }
    if (on_count_) on_count_(n);
    for (auto& s : ended) s->close(websocket::close_code::policy_error);
}

std::string mime_type(const fs::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

std::string request_id() {
    static std::atomic<std::uint64_t> counter{
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
    return fmt::format("{:012x}", (counter.fetch_add(0x9e3779b97f4a7c15ULL)) & 0xffffffffffffULL);
}

}  // namespace

struct HttpServer::Impl {
    explicit Impl(App& a)
        : app(a),
          hub([&a](std::size_t n) { a.set_websocket_clients(n); }),
          ioc(std::max(1, a.config().io_threads)),
          acceptor(ioc),
          signals(ioc),
          session_sweep(ioc) {}

    App& app;
    // Declared before the io_context so it is destroyed after it: destroying the io_context
    // destroys pending handlers, whose WebSocket sessions unregister from the hub.
    WsHub hub;
    net::io_context ioc;
    tcp::acceptor acceptor;
    net::signal_set signals;
    // Every kSessionSweep, WebSockets whose login session ended (logout, expiry, password
    // change elsewhere) are closed, so they stop receiving events.
    net::steady_timer session_sweep;
    std::atomic<bool> stopping{false};

    void accept();
    void sweep_sessions();
    Response serve_static(const Request& req);
    void shutdown_now();
};

namespace {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket&& socket, HttpServer::Impl& server)
        : stream_(std::move(socket)), server_(server) {}

    void start() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(kBodyLimit);
        parser_->header_limit(16 * 1024);
        stream_.expires_after(kTimeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == net::error::operation_aborted) {
            return close();
        }
        if (ec == http::error::body_limit) {
            return send_error(413, "request body is larger than 1 MiB", false);
        }
        if (ec) return send_error(400, "malformed HTTP request", false);
        auto req = parser_->release();
        if (websocket::is_upgrade(req)) return upgrade(std::move(req));
        handle(req);
    }

    Request to_request(const http::request<http::string_body>& req) {
        Request r;
        r.method = std::string(req.method_string());
        const std::string target(req.target());
        const auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = parse_query(std::string_view(target).substr(q + 1));
        for (const auto& f : req) {
            std::string name(f.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[name] = std::string(f.value());
        }
        r.body = req.body();
        beast::error_code ec;
        const auto ep = stream_.socket().remote_endpoint(ec);
        r.client_ip = ec ? "unknown" : ep.address().to_string();
        r.request_id = request_id();
        return r;
    }

    void upgrade(http::request<http::string_body> req) {
        Request r = to_request(req);
        if (r.path != "/ws/system/")
            return send_error(404, "no WebSocket endpoint " + r.path, false);
        const WebSocketCheck check = server_.app.check_websocket(r);
        if (check.status != 0) return send_error(check.status, check.message, false);
        stream_.expires_never();
        auto ws =
            std::make_shared<WsSession>(stream_.release_socket(), server_.hub, check.token_hash);
        ws->start(std::move(req),
                  fmt::format(R"({{"type":"hello","server_time":{}}})",
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count()));
    }

    void handle(const http::request<http::string_body>& req) {
        Request r = to_request(req);
        const auto t0 = std::chrono::steady_clock::now();
        Response res;
        if (r.path.rfind("/api/", 0) == 0 || r.path == "/metrics" || r.path == "/metrics/") {
            if (r.path == "/metrics/") r.path = "/metrics";
            res = server_.app.handle(r);
        } else if (r.method != "GET" && r.method != "HEAD") {
            res = Response::error(405, "method " + r.method + " not allowed on static files");
        } else {
            res = server_.serve_static(r);
        }
        if (r.path.rfind("/api/", 0) == 0 && r.path != "/api/health/") {
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            std::fprintf(
                stderr,
                "{\"level\":\"info\",\"request_id\":\"%s\",\"method\":\"%s\",\"path\":\"%s\","
                "\"status\":%d,\"ms\":%.2f,\"user\":\"%s\"}\n",
                r.request_id.c_str(), r.method.c_str(), r.path.c_str(), res.status, ms,
                r.username.value_or("").c_str());
        }
        send(std::move(res), req.keep_alive(), req.version(), r.method == "HEAD");
    }

    void send_error(int status, const std::string& msg, bool keep_alive) {
        send(Response::error(status, msg), keep_alive, 11, false);
    }

    void send(Response res, bool keep_alive, unsigned version, bool head) {
        auto msg = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(res.status), version);
        msg->set(http::field::server, "aitp");
        msg->set(http::field::content_type, res.content_type);
        msg->set("X-Content-Type-Options", "nosniff");
        for (auto& [n, v] : res.headers) msg->insert(n, v);
        msg->keep_alive(keep_alive);
        if (!head) msg->body() = std::move(res.body);
        msg->prepare_payload();
        if (head) msg->content_length(res.body.size());
        http::async_write(
            stream_, *msg,
            [self = shared_from_this(), msg, keep_alive](beast::error_code ec, std::size_t) {
                if (ec || !keep_alive || self->server_.stopping) return self->close();
                self->read();
            });
    }

    // Lingering close: stop sending, then read and discard what the client still sends (e.g. the
    // rest of a body refused with 413) until it closes, 2 s pass or 4 MiB arrive. Closing with
    // unread data would send a reset, and the client could lose the response.
    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return;
        stream_.expires_after(std::chrono::seconds(2));
        drain(0);
    }
    void drain(std::size_t total) {
        if (total > (4u << 20)) return;
        stream_.async_read_some(net::buffer(discard_), [self = shared_from_this(), total](
                                                           beast::error_code ec, std::size_t n) {
            if (ec) return;
            self->drain(total + n);
        });
    }

    beast::tcp_stream stream_;
    std::array<char, 16 * 1024> discard_{};
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    HttpServer::Impl& server_;
};

}  // namespace

Response HttpServer::Impl::serve_static(const Request& req) {
    const fs::path root = app.config().web_dir;
    if (root.empty() || !fs::exists(root / "index.html")) {
        return Response::error(
            404, "the dashboard is not built (run `make build`); the API is under /api/");
    }
    auto decoded = percent_decode(req.path);
    if (!decoded || decoded->find("..") != std::string::npos ||
        decoded->find('\0') != std::string::npos) {
        return Response::error(400, "bad path");
    }
    fs::path file = root / fs::path(*decoded).relative_path();
    std::error_code ec;
    bool spa = false;
    if (decoded->back() == '/' || !fs::is_regular_file(file, ec)) {
        // SPA fallback: unknown paths without an extension get index.html.
        if (file.has_extension() && decoded->back() != '/')
            return Response::error(404, "no file " + *decoded);
        file = root / "index.html";
        spa = true;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return Response::error(404, "no file " + *decoded);
    std::ostringstream ss;
    ss << in.rdbuf();
    Response r;
    r.content_type = mime_type(file);
    r.body = ss.str();
    // Vite's hashed bundles live under /assets/ and never change; everything else revalidates.
    const bool hashed = !spa && decoded->rfind("/assets/", 0) == 0;
    r.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    r.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
                 "'self' data:; "
                 "connect-src 'self'");
    return r;
}

void HttpServer::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (stopping) return;
        if (!ec) std::make_shared<HttpSession>(std::move(socket), *this)->start();
        accept();
    });
}

void HttpServer::Impl::sweep_sessions() {
    session_sweep.expires_after(kSessionSweep);
    session_sweep.async_wait([this](beast::error_code ec) {
        if (ec || stopping) return;
        hub.close_ended([this](const std::string& th) { return app.session_alive(th); });
        sweep_sessions();
    });
}

void HttpServer::Impl::shutdown_now() {
    if (stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    session_sweep.cancel();
    hub.close_all();
    app.shutdown();
    ioc.stop();
}

HttpServer::HttpServer(App& app) : impl_(std::make_unique<Impl>(app)) {
    app.set_broadcast([this](const std::string& msg) { impl_->hub.broadcast(msg); });
}

HttpServer::~HttpServer() {
    impl_->app.set_broadcast({});
    stop();
}

Status HttpServer::bind() {
    beast::error_code ec;
    const auto addr = net::ip::make_address(impl_->app.config().host, ec);
    if (ec)
        return fail(Error::invalid_argument("host '" + impl_->app.config().host +
                                            "' is not an IP address"));
    const tcp::endpoint ep(addr, static_cast<unsigned short>(impl_->app.config().port));
    impl_->acceptor.open(ep.protocol(), ec);
    if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) impl_->acceptor.bind(ep, ec);
    if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(
            Error::io_error(fmt::format("cannot listen on {}:{}: {}", impl_->app.config().host,
                                        impl_->app.config().port, ec.message())));
    }
    return ok_status();
}

int HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::run(bool handle_signals) {
    if (handle_signals) {
        impl_->signals.add(SIGINT);
        impl_->signals.add(SIGTERM);
        impl_->signals.async_wait([this](beast::error_code ec, int) {
            if (!ec) impl_->shutdown_now();
        });
    }
    impl_->accept();
    impl_->sweep_sessions();
    std::vector<std::thread> threads;
    for (int i = 1; i < std::max(1, impl_->app.config().io_threads); ++i)
        threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : threads) t.join();
}

void HttpServer::stop() {
    net::post(impl_->ioc, [this] { impl_->shutdown_now(); });
}

}  // namespace aitp::server
