// SPDX-License-Identifier: MIT
#include "venuesim/venue_sim.hpp"

#include <chrono>
#include <csignal>
#include <deque>
#include <map>
#include <set>
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "venuesim/rest_endpoints.hpp"
#include "venuesim/sim_service.hpp"

namespace aitp::venuesim {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto kTick = std::chrono::milliseconds(100);
constexpr int kSlowTicks = 10;  // @depth and @kline_* publish every second
constexpr std::size_t kBodyLimit = 1 << 20;
constexpr std::size_t kMaxOutbox = 10'000;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// "BTCUSDT@bookTicker" -> "btcusdt@bookTicker": symbols are lower case, stream kinds as named.
std::string stream_name(const std::string& s) {
    const auto at = s.find('@');
    return lower(s.substr(0, at)) + (at == std::string::npos ? "" : s.substr(at));
}

/// The streams named by a WebSocket target: /ws/a/b (raw) or /stream?streams=a/b (combined).
std::vector<std::string> streams_of(std::string_view target, bool& combined, std::string& path) {
    const auto q = target.find('?');
    path = std::string(target.substr(0, q));
    combined = path == "/stream";
    std::string rest;
    if (combined) {
        detail::Params p;
        detail::parse_form(q == std::string_view::npos ? "" : target.substr(q + 1), p);
        rest = p["streams"];
    } else if (path.starts_with("/ws/")) {
        rest = path.substr(4);
    }
    std::vector<std::string> out;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        if (slash != 0) out.push_back(rest.substr(0, slash));
        rest = slash == std::string::npos ? "" : rest.substr(slash + 1);
    }
    return out;
}

}  // namespace

class WsSession;

struct VenueSim::Impl {
    Impl(SimConfig c, std::unique_ptr<SimExchange> exchange, const Clock& wall)
        : config(std::move(c)),
          service(std::move(exchange), config, wall),
          acceptor(ioc),
          timer(ioc),
          signals(ioc) {}

    void accept();
    void tick();
    void publish(const std::string& stream, const std::string& event);

    SimConfig config;
    SimService service;
    net::io_context ioc;
    tcp::acceptor acceptor;
    net::steady_timer timer;
    net::signal_set signals;
    std::int64_t ticks = 0;
    std::vector<std::weak_ptr<WsSession>> sessions;
    std::map<std::string, Kline> last_kline;
};

class WsSession : public std::enable_shared_from_this<WsSession> {
  public:
    WsSession(tcp::socket socket, VenueSim::Impl& sim) : ws_(std::move(socket)), sim_(sim) {}

    void start(http::request<http::string_body> req) {
        req_ = std::move(req);
        streams_ = streams_of(std::string(req_.target()), combined_, path_);
        for (std::string& s : streams_) s = stream_name(s);
        websocket::stream_base::timeout t{};
        t.handshake_timeout = std::chrono::seconds(30);
        t.idle_timeout = std::chrono::seconds(40);  // a ping after 20 s of silence
        t.keep_alive_pings = true;
        ws_.set_option(t);
        ws_.async_accept(req_, [self = shared_from_this()](beast::error_code ec) {
            if (ec) return;
            self->open_ = true;
            self->sim_.service.count_ws_connection();
            self->sim_.sessions.push_back(self);
            self->read();
        });
    }

    bool wants(const std::string& stream) const {
        return open_ && std::find(streams_.begin(), streams_.end(), stream) != streams_.end();
    }

    /// Sends one event of `stream`, after the fault script had its say.
    void send_event(const std::string& stream, const std::string& event) {
        const std::string text =
            combined_ ? fmt::format(R"({{"stream":"{}","data":{}}})", stream, event) : event;
        const WsFaultAction f = sim_.service.ws_message(path_);
        if (f.drop_connection) {
            close();
            return;
        }
        if (f.skip) return;
        if (f.reorder && held_.empty()) {
            held_ = text;
            return;
        }
        enqueue(text);
        if (f.duplicate) enqueue(text);
        if (!held_.empty()) enqueue(std::exchange(held_, {}));
    }

    void close() {
        if (!open_) return;
        open_ = false;
        ws_.async_close(websocket::close_code::going_away,
                        [self = shared_from_this()](beast::error_code) {});
    }

  private:
    void enqueue(std::string text) {
        if (outbox_.size() >= kMaxOutbox) return close();  // a reader that stopped reading
        outbox_.push_back(std::move(text));
        if (outbox_.size() == 1) write();
    }

    void write() {
        ws_.text(true);
        ws_.async_write(net::buffer(outbox_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) {
                                self->open_ = false;
                                return;
                            }
                            self->outbox_.pop_front();
                            if (!self->outbox_.empty() && self->open_) self->write();
                        });
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                self->open_ = false;
                return;
            }
            self->on_message(beast::buffers_to_string(self->buffer_.data()));
            self->buffer_.consume(self->buffer_.size());
            self->read();
        });
    }

    /// Binance's live subscription methods: SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS.
    void on_message(const std::string& text) {
        const auto msg = nlohmann::json::parse(text, nullptr, false);
        if (!msg.is_object() || !msg.contains("method") || !msg["method"].is_string()) {
            enqueue(R"({"error":{"code":2,"msg":"Invalid request"}})");
            return;
        }
        const std::string method = msg["method"];
        const nlohmann::json id = msg.value("id", nlohmann::json());
        nlohmann::json result = nullptr;
        if (method == "LIST_SUBSCRIPTIONS") {
            result = streams_;
        } else if ((method == "SUBSCRIBE" || method == "UNSUBSCRIBE") && msg.contains("params") &&
                   msg["params"].is_array()) {
            for (const auto& p : msg["params"]) {
                if (!p.is_string()) continue;
                const std::string s = stream_name(p.get<std::string>());
                std::erase(streams_, s);
                if (method == "SUBSCRIBE") streams_.push_back(s);
            }
        } else {
            enqueue(nlohmann::json{{"error", {{"code", 2}, {"msg", "Invalid request"}}}, {"id", id}}
                        .dump());
            return;
        }
        enqueue(nlohmann::json{{"result", result}, {"id", id}}.dump());
    }

    websocket::stream<beast::tcp_stream> ws_;
    http::request<http::string_body> req_;  ///< the upgrade request, alive until accepted
    VenueSim::Impl& sim_;
    beast::flat_buffer buffer_;
    std::deque<std::string> outbox_;
    std::vector<std::string> streams_;
    std::string path_;
    std::string held_;
    bool combined_ = false;
    bool open_ = false;
};

namespace {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket socket, VenueSim::Impl& sim)
        : stream_(std::move(socket)), sim_(sim), delay_(stream_.get_executor()) {}

    void read() {
        parser_.emplace();
        parser_->body_limit(kBodyLimit);
        stream_.expires_after(std::chrono::seconds(60));
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return;
                             self->on_request(self->parser_->release());
                         });
    }

  private:
    void on_request(http::request<http::string_body> req) {
        if (websocket::is_upgrade(req)) {
            stream_.expires_never();
            std::make_shared<WsSession>(stream_.release_socket(), sim_)->start(std::move(req));
            return;
        }
        SimRequest r;
        r.method = std::string(req.method_string());
        const std::string target(req.target());
        const auto q = target.find('?');
        r.path = target.substr(0, q);
        r.query = q == std::string::npos ? "" : target.substr(q + 1);
        r.body = req.body();
        r.api_key = std::string(req["X-MBX-APIKEY"]);
        SimResponse answer = sim_.service.handle(r);
        auto res = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(answer.status), req.version());
        res->keep_alive(req.keep_alive());
        for (const auto& [k, v] : answer.headers) res->set(k, v);
        res->body() = std::move(answer.body);
        res->prepare_payload();
        if (answer.delay_ms <= 0) return write(res);
        delay_.expires_after(std::chrono::milliseconds(answer.delay_ms));
        delay_.async_wait(
            [self = shared_from_this(), res](beast::error_code) { self->write(res); });
    }

    void write(const std::shared_ptr<http::response<http::string_body>>& res) {
        http::async_write(
            stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                if (ec || !res->keep_alive()) {
                    beast::error_code ignored;
                    self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                    return;
                }
                self->read();
            });
    }

    beast::tcp_stream stream_;
    VenueSim::Impl& sim_;
    net::steady_timer delay_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void VenueSim::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
        if (ec == net::error::operation_aborted) return;
        if (!ec) std::make_shared<HttpSession>(std::move(s), *this)->read();
        accept();
    });
}

void VenueSim::Impl::publish(const std::string& stream, const std::string& event) {
    if (event.empty()) return;
    for (const auto& weak : sessions) {
        if (auto s = weak.lock(); s && s->wants(stream)) s->send_event(stream, event);
    }
}

void VenueSim::Impl::tick() {
    ++ticks;
    SimExchange& ex = service.exchange();
    ex.catch_up();
    std::erase_if(sessions, [](const std::weak_ptr<WsSession>& w) { return w.expired(); });
    const bool slow = ticks % kSlowTicks == 0;
    for (const SymbolSpec& spec : ex.symbols()) {
        const std::string sym = lower(spec.symbol);
        LimitBook& book = ex.book(spec.symbol);
        publish(sym + "@depth@100ms", service.depth_event(spec.symbol, book.take_diff(0)));
        if (slow) publish(sym + "@depth", service.depth_event(spec.symbol, book.take_diff(1)));
        for (const PublicTrade& t : ex.take_new_trades(spec.symbol)) {
            publish(sym + "@trade", service.trade_event(spec.symbol, t));
        }
        publish(sym + "@bookTicker", service.book_ticker_event(spec.symbol));
        if (!slow) continue;
        for (const char* name : {"1m", "5m", "15m", "1h", "4h", "1d"}) {
            const std::string stream = fmt::format("{}@kline_{}", sym, name);
            const std::int64_t ms = detail::interval_millis(name);
            const auto k = ex.klines(spec.symbol, ms, std::nullopt, std::nullopt, 1);
            if (k.empty()) continue;
            auto last = last_kline.find(stream);
            if (last != last_kline.end() && last->second.bar.ts != k.back().bar.ts) {
                publish(stream, service.kline_event(spec.symbol, ms, last->second, true));
            }
            last_kline[stream] = k.back();
            const bool closed = k.back().close_time < ex.now();
            publish(stream, service.kline_event(spec.symbol, ms, k.back(), closed));
        }
    }
    timer.expires_after(kTick);
    timer.async_wait([this](beast::error_code ec) {
        if (!ec) tick();
    });
}

VenueSim::VenueSim(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VenueSim::~VenueSim() = default;

Result<std::unique_ptr<VenueSim>> VenueSim::create(const SimConfig& config, const Clock& wall) {
    AITP_TRY_ASSIGN(auto exchange, SimExchange::create(config, wall));
    return std::unique_ptr<VenueSim>(
        new VenueSim(std::make_unique<Impl>(config, std::move(exchange), wall)));
}

Status VenueSim::bind() {
    beast::error_code ec;
    tcp::resolver resolver(impl_->ioc);
    const auto results =
        resolver.resolve(impl_->config.host, std::to_string(impl_->config.port), ec);
    const std::string where = fmt::format("{}:{}", impl_->config.host, impl_->config.port);
    if (ec || results.empty()) {
        return fail(Error::invalid_argument(
            fmt::format("--host: cannot resolve '{}': {}", impl_->config.host, ec.message())));
    }
    const tcp::endpoint endpoint = results.begin()->endpoint();
    tcp::acceptor& a = impl_->acceptor;
    if (a.open(endpoint.protocol(), ec); !ec)
        a.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return fail(Error::io_error(fmt::format("cannot listen on {}: {}", where, ec.message())));
    return ok_status();
}

int VenueSim::port() const { return impl_->acceptor.local_endpoint().port(); }

void VenueSim::run(bool handle_signals) {
    if (handle_signals) {
        impl_->signals.add(SIGINT);
        impl_->signals.add(SIGTERM);
        impl_->signals.async_wait([this](beast::error_code ec, int) {
            if (!ec) stop();
        });
    }
    impl_->accept();
    impl_->tick();
    impl_->ioc.run();
}

void VenueSim::stop() { impl_->ioc.stop(); }

}  // namespace aitp::venuesim
