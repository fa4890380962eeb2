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
#include <boost/asio/thread_pool.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <sys/resource.h>

#include "core/text.hpp"
#include "server/job_runner.hpp"

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
/// Default connection cap, lowered to the fd limit minus kReservedFds when that is smaller.
constexpr int kDefaultMaxConnections = 4096;
constexpr int kReservedFds = 256;  // database, WAL, Parquet files, DuckDB, logs
constexpr auto kMinAcceptBackoff = std::chrono::milliseconds(10);
constexpr auto kMaxAcceptBackoff = std::chrono::milliseconds(1000);

/// Counts one open connection for as long as it lives (moved from the HTTP session into the
/// WebSocket session on upgrade).
class ConnectionSlot {
  public:
    explicit ConnectionSlot(std::atomic<int>& count) : count_(&count) { count.fetch_add(1); }
    ConnectionSlot(ConnectionSlot&& other) noexcept
        : count_(std::exchange(other.count_, nullptr)) {}
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(ConnectionSlot&&) = delete;
    ~ConnectionSlot() {
        if (count_ != nullptr) count_->fetch_sub(1);
    }

  private:
    std::atomic<int>* count_;
};

void log_line(const std::string& json_fields) {
    std::fprintf(stderr, "{%s}\n", json_fields.c_str());
}

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
    bool empty();
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
    WsSession(tcp::socket&& socket, WsHub& hub, std::string token_hash, ConnectionSlot slot)
        : ws_(std::move(socket)),
          hub_(hub),
          token_hash_(std::move(token_hash)),
          slot_(std::move(slot)) {}
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
    ConnectionSlot slot_;
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
bool WsHub::empty() {
    std::lock_guard lock(mu_);
    return sessions_.empty();
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
          session_sweep(ioc),
          ticker_timer(ioc),
          accept_timer(ioc),
          workers(static_cast<std::size_t>(std::max(1, a.config().request_workers))),
          max_heavy(std::max(1, a.config().max_heavy_requests)) {}

    App& app;
    // Declared before the io_context so it is destroyed after it: destroying the io_context
    // destroys pending handlers, whose WebSocket sessions unregister from the hub.
    WsHub hub;
    // Sockets of /ws/market/tickers/: every ticker_interval the watchlist's tickers (fetched on
    // the worker pool, one fetch at a time) are pushed to them.
    WsHub market_hub{{}};
    net::io_context ioc;
    tcp::acceptor acceptor;
    net::signal_set signals;
    // Every kSessionSweep, WebSockets whose login session ended (logout, expiry, password
    // change elsewhere) are closed, so they stop receiving events.
    net::steady_timer session_sweep;
    net::steady_timer ticker_timer;
    std::atomic<bool> ticker_busy{false};
    net::steady_timer accept_timer;
    std::chrono::milliseconds accept_backoff{0};
    std::atomic<bool> stopping{false};
    std::atomic<int> connections{0};
    int max_connections = kDefaultMaxConnections;
    // Heavy requests (App::is_heavy) run here, never on an I/O thread; declared after the
    // io_context so that it is joined and destroyed first.
    net::thread_pool workers;
    std::atomic<int> heavy_in_flight{0};
    const int max_heavy;

    void accept();
    void sweep_sessions();
    void push_tickers();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void refuse(tcp::socket& socket);
    Response serve_static(const Request& req);
    void shutdown_now();
};

namespace {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket&& socket, HttpServer::Impl& server)
        : stream_(std::move(socket)), server_(server), slot_(server.connections) {}

    void start() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(kBodyLimit);
        parser_->header_limit(16 * 1024);
        // The first request gets the whole timeout; on a kept-alive connection the next one must
        // arrive within the (shorter) idle limit. The limit covers reading that request too,
        // which for requests of at most 1 MiB on a live connection is no constraint.
        if (served_ == 0) {
            stream_.expires_after(kTimeout);
        } else {
            stream_.expires_after(server_.app.config().keep_alive_idle);
        }
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
        const bool market = r.path == "/ws/market/tickers/";
        if (r.path != "/ws/system/" && !market)
            return send_error(404, "no WebSocket endpoint " + r.path, false);
        const WebSocketCheck check = server_.app.check_websocket(r);
        if (check.status != 0) return send_error(check.status, check.message, false);
        stream_.expires_never();
        auto ws = std::make_shared<WsSession>(stream_.release_socket(),
                                              market ? server_.market_hub : server_.hub,
                                              check.token_hash, std::move(*slot_));
        slot_.reset();
        ws->start(std::move(req),
                  fmt::format(R"({{"type":"hello","server_time":{}}})",
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count()));
    }

    struct Pending {
        Request request;
        bool keep_alive = false;
        unsigned version = 11;
        std::chrono::steady_clock::time_point start;
    };

    void handle(const http::request<http::string_body>& req) {
        Pending p{to_request(req), req.keep_alive(), req.version(),
                  std::chrono::steady_clock::now()};
        Request& r = p.request;
        const bool api = r.path.rfind("/api/", 0) == 0;
        if (api && server_.app.is_heavy(r)) return handle_heavy(std::move(p));
        Response res;
        if (api || r.path == "/metrics" || r.path == "/metrics/") {
            if (r.path == "/metrics/") r.path = "/metrics";
            res = server_.app.handle(r);
        } else if (r.method != "GET" && r.method != "HEAD") {
            res = Response::error(405, "method " + r.method + " not allowed on static files");
        } else {
            res = server_.serve_static(r);
        }
        finish(p, std::move(res));
    }

    // Runs the request on the worker pool and sends the answer from this session's strand; at
    // most max_heavy at once (queued or running), beyond that 503 at once.
    void handle_heavy(Pending p) {
        if (server_.heavy_in_flight.fetch_add(1) >= server_.max_heavy) {
            server_.heavy_in_flight.fetch_sub(1);
            Response busy = Response::error(503, "the server is busy with large requests; retry");
            busy.set_header("Retry-After", "1");
            return finish(p, std::move(busy));
        }
        net::post(server_.workers, [self = shared_from_this(), p = std::move(p)]() mutable {
            lower_current_thread_priority();  // one syscall; cheap next to the work
            Response res = self->server_.app.handle(p.request);
            self->server_.heavy_in_flight.fetch_sub(1);
            net::post(self->stream_.get_executor(),
                      [self, p = std::move(p), res = std::move(res)]() mutable {
                          self->finish(p, std::move(res));
                      });
        });
    }

    // Logs the request (values escaped: a path cannot start a new log line) and sends. Info
    // lines only when asked (ServerConfig::log_requests); a server error (5xx) always.
    void finish(const Pending& p, Response res) {
        const Request& r = p.request;
        const bool server_error = res.status >= 500;
        if (r.path.rfind("/api/", 0) == 0 && r.path != "/api/health/" &&
            (server_error || server_.app.config().log_requests)) {
            const double ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - p.start)
                                  .count();
            std::string fields = fmt::format(
                R"("level":"{}","request_id":"{}","method":"{}","path":"{}","status":{},)"
                R"("ms":{:.2f},"user":"{}")",
                server_error ? "error" : "info", escape_log_value(r.request_id),
                escape_log_value(r.method), escape_log_value(r.path), res.status, ms,
                escape_log_value(r.username.value_or("")));
            if (!res.detail.empty())
                fields += fmt::format(R"(,"detail":"{}")", escape_log_value(res.detail));
            log_line(fields);
        }
        send(std::move(res), p.keep_alive, p.version, r.method == "HEAD");
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
        stream_.expires_after(kTimeout);
        http::async_write(
            stream_, *msg,
            [self = shared_from_this(), msg, keep_alive](beast::error_code ec, std::size_t) {
                if (ec || !keep_alive || self->server_.stopping) return self->close();
                ++self->served_;
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
    std::optional<ConnectionSlot> slot_;
    std::size_t served_ = 0;  ///< responses written on this connection
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
    r.set_header("Content-Security-Policy", kContentSecurityPolicy);
    return r;
}

void HttpServer::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        on_accept(ec, std::move(socket));
    });
}

void HttpServer::Impl::sweep_sessions() {
    session_sweep.expires_after(kSessionSweep);
    session_sweep.async_wait([this](beast::error_code ec) {
        if (ec || stopping) return;
        hub.close_ended([this](const std::string& th) { return app.session_alive(th); });
        market_hub.close_ended([this](const std::string& th) { return app.session_alive(th); });
        sweep_sessions();
    });
}

void HttpServer::Impl::push_tickers() {
    ticker_timer.expires_after(app.config().ticker_interval);
    ticker_timer.async_wait([this](beast::error_code ec) {
        if (ec || stopping) return;
        if (!market_hub.empty() && !ticker_busy.exchange(true)) {
            net::post(workers, [this] {
                market_hub.broadcast(app.market_tickers_message());
                ticker_busy = false;
            });
        }
        push_tickers();
    });
}

namespace {

bool is_resource_exhaustion(const beast::error_code& ec) {
    namespace errc = boost::system::errc;
    return ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system ||
           ec == errc::no_buffer_space || ec == errc::not_enough_memory;
}

}  // namespace

void HttpServer::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (is_resource_exhaustion(ec)) {
        // The pending connection stays queued, so accepting again at once fails again at once:
        // wait (10 ms doubling to 1 s) while the open connections finish and free descriptors.
        accept_backoff =
            std::clamp(accept_backoff * 2, std::chrono::milliseconds(kMinAcceptBackoff),
                       std::chrono::milliseconds(kMaxAcceptBackoff));
        log_line(fmt::format(R"("level":"warn","msg":"accept failed: {}; retrying in {} ms")",
                             escape_log_value(ec.message()), accept_backoff.count()));
        accept_timer.expires_after(accept_backoff);
        accept_timer.async_wait([this](beast::error_code) { accept(); });
        return;
    }
    accept_backoff = std::chrono::milliseconds(0);
    if (!ec) {
        if (connections.load() >= max_connections) {
            refuse(socket);
        } else {
            std::make_shared<HttpSession>(std::move(socket), *this)->start();
        }
    }
    accept();
}

// Over the connection cap: a short 503 and close, so the client learns why at once.
void HttpServer::Impl::refuse(tcp::socket& socket) {
    static const std::string kBusy =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: 43\r\n\r\n"
        "{\"error\":\"too many connections; retry later\"}";
    beast::error_code ec;
    socket.non_blocking(true, ec);
    net::write(socket, net::buffer(kBusy), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
}

void HttpServer::Impl::shutdown_now() {
    if (stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    session_sweep.cancel();
    accept_timer.cancel();
    hub.close_all();
    market_hub.close_all();
    ticker_timer.cancel();
    workers.stop();
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

namespace {

// Raises the soft descriptor limit to the hard one (each connection is one descriptor) and
// returns the connection cap: the configured one, else kDefaultMaxConnections or the limit
// minus kReservedFds when that is lower.
int connection_cap(int configured) {
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        (void)::setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (configured > 0) return configured;
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return kDefaultMaxConnections;
    const auto by_fds = static_cast<long long>(rl.rlim_cur) - kReservedFds;
    return static_cast<int>(std::clamp<long long>(by_fds, 16, kDefaultMaxConnections));
}

}  // namespace

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
    impl_->max_connections = connection_cap(impl_->app.config().max_connections);
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
    impl_->push_tickers();
    std::vector<std::thread> threads;
    for (int i = 1; i < std::max(1, impl_->app.config().io_threads); ++i)
        threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : threads) t.join();
    impl_->workers.join();
}

void HttpServer::stop() {
    net::post(impl_->ioc, [this] { impl_->shutdown_now(); });
}

}  // namespace aitp::server
