// SPDX-License-Identifier: MIT
// Issue 16 items 13, 14 and 15 against a real server: login needs JSON and a same-origin Origin,
// delays are per account, address and origin and the audit log names the attempted user; a
// generated password must be changed before anything else, `aitp user passwd` resets one
// offline, an ignored AITP_ADMIN_PASSWORD is reported and a busy port creates nothing;
// WebSockets check Origin, close when their session ends and are counted in /metrics.
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "server/auth.hpp"
#include "server_fixture.hpp"
#include "store/auth_store.hpp"
#include "store/database.hpp"

namespace aitp::testing {
namespace {

using nlohmann::json;

constexpr std::int64_t kMinute = 60 * 1000;

json body_of(const HttpReply& r) { return json::parse(r.body); }

// The word after `marker` in `text` ("" when absent): the printed one-time password, a gauge.
std::string word_after(const std::string& text, const std::string& marker) {
    const auto at = text.find(marker);
    if (at == std::string::npos) return "";
    const auto begin = at + marker.size();
    return text.substr(begin, text.find_first_of(" \n", begin) - begin);
}

HttpReply login_from(HttpClient& c, const std::string& user, const std::string& password,
                     const std::map<std::string, std::string>& headers) {
    return c.request("POST", "/api/auth/login/",
                     json{{"username", user}, {"password", password}}.dump(), headers);
}

std::vector<store::AuditRecord> audit(const std::filesystem::path& dir) {
    auto db = AITP_UNWRAP(store::Database::open(dir / "aitp.db"));
    store::AuthStore users(*db);
    return AITP_UNWRAP(users.recent_audit(50));
}

// ---- item 13: login ----

TEST(LoginAccessTest, LoginNeedsAJsonContentType) {
    LiveServer s;
    HttpClient c(s.port());
    const std::string body = json{{"username", "admin"}, {"password", kAdminPassword}}.dump();
    for (const std::string type :
         {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
        const auto r = c.request("POST", "/api/auth/login/", body,
                                 {{"Origin", c.origin()}, {"Content-Type", type}});
        EXPECT_EQ(r.status, 415) << type;
    }
    EXPECT_EQ(
        c.request("POST", "/api/auth/login/", body,
                  {{"Origin", c.origin()}, {"Content-Type", "application/json; charset=utf-8"}})
            .status,
        200);
}

TEST(LoginAccessTest, LoginNeedsASameOriginOrigin) {
    LiveServer s;
    HttpClient c(s.port());
    EXPECT_EQ(login_from(c, "admin", kAdminPassword, {}).status, 403);  // no Origin
    const std::vector<std::string> foreign = {
        "null", "http://evil.example", "http://127.0.0.1:1", "file://",
        "http://127.0.0.1:" + std::to_string(s.port()) + ".evil.example"};
    for (const std::string& origin : foreign) {
        const auto r = login_from(c, "admin", kAdminPassword, {{"Origin", origin}});
        EXPECT_EQ(r.status, 403) << origin;
        EXPECT_NE(r.body.find("Origin"), std::string::npos) << r.body;
    }
    // Refused requests never reach the password check, so they lock nobody out.
    for (int i = 0; i < 20; ++i)
        login_from(c, "admin", "wrong-password-123", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
}

TEST(LoginAccessTest, RightPasswordGetsThroughALockCausedFromAnotherOrigin) {
    LiveServer s;
    HttpClient attacker(s.port());
    // The same server under another name is another origin (Host and Origin agree).
    const std::string other_host = "localhost:" + std::to_string(s.port());
    const std::map<std::string, std::string> other{{"Host", other_host},
                                                   {"Origin", "http://" + other_host}};
    // Twelve failures, waiting out each lock as a patient attacker would.
    for (int i = 0; i < 12; ++i) {
        HttpReply r = login_from(attacker, "admin", "wrong-password-123", other);
        if (r.status == 429) {
            s.clock().advance(std::stoll(r.header("retry-after")) * 1000);
            r = login_from(attacker, "admin", "wrong-password-123", other);
        }
        EXPECT_EQ(r.status, 401) << i;
    }
    const auto locked = login_from(attacker, "admin", kAdminPassword, other);
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(locked.header("retry-after"), "128");  // 12th failure: 2^(12-5) s
    HttpClient admin(s.port());
    EXPECT_EQ(admin.login("admin", kAdminPassword).status, 200);
}

TEST(LoginAccessTest, FailuresForOneAccountDoNotDelayAnother) {
    LiveServer s;
    HttpClient c(s.port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("nobody", "wrong-password-123").status, 401);
    EXPECT_EQ(c.login("nobody", "wrong-password-123").status, 429);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
}

TEST(LoginAccessTest, AuditLogNamesTheAttemptedUser) {
    LiveServer s;
    HttpClient c(s.port());
    EXPECT_EQ(c.login("mallory", "wrong-password-123").status, 401);
    EXPECT_EQ(c.login("admin", "wrong-password-123").status, 401);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
    const auto rows = audit(s.dir());  // newest first
    ASSERT_GE(rows.size(), 3u);
    EXPECT_EQ(rows[2].username, "mallory");
    EXPECT_EQ(rows[2].action, "POST /api/auth/login/");
    EXPECT_EQ(rows[2].status_code, 401);
    EXPECT_EQ(rows[1].username, "admin");
    EXPECT_EQ(rows[1].status_code, 401);
    EXPECT_EQ(rows[0].username, "admin");
    EXPECT_EQ(rows[0].status_code, 200);
}

TEST(LoginLimiterTest, DelayGrowsFromTheFifthFailureAndIsCapped) {
    using server::LoginLimiter;
    // 1 s after the fifth failure, doubling, never above 15 minutes.
    const std::vector<std::int64_t> expected = {0,      0,      0,      0,      0,     1000,
                                                2000,   4000,   8000,   16000,  32000, 64000,
                                                128000, 256000, 512000, 900000, 900000};
    for (std::size_t n = 0; n < expected.size(); ++n)
        EXPECT_EQ(LoginLimiter::delay_after(static_cast<int>(n)), expected[n]) << n;
    EXPECT_EQ(LoginLimiter::delay_after(1000), 15 * kMinute);
}

TEST(LoginLimiterTest, FailuresAreForgottenADayAfterTheLast) {
    server::LoginLimiter l;
    const server::LoginKey k{"admin", "10.0.0.1", "http://h"};
    for (int i = 0; i < 5; ++i) l.record_failure(k, 0);
    EXPECT_EQ(l.locked_for(k, 0), 1000);
    l.record_failure(k, 24 * 60 * kMinute + 1);  // a day later: counts as the first again
    EXPECT_EQ(l.locked_for(k, 24 * 60 * kMinute + 1), 0);
}

TEST(SameOriginTest, AuthorityMustEqualTheHostOrBeAllowed) {
    using server::is_same_origin;
    EXPECT_TRUE(is_same_origin("http://127.0.0.1:8000", "127.0.0.1:8000", {}));
    EXPECT_TRUE(is_same_origin("https://Aitp.Example", "aitp.example", {}));
    EXPECT_FALSE(is_same_origin("", "127.0.0.1:8000", {}));
    EXPECT_FALSE(is_same_origin("null", "127.0.0.1:8000", {}));
    EXPECT_FALSE(is_same_origin("ftp://127.0.0.1:8000", "127.0.0.1:8000", {}));
    EXPECT_FALSE(is_same_origin("http://127.0.0.1:8000", "", {}));
    EXPECT_FALSE(is_same_origin("http://127.0.0.1:80001", "127.0.0.1:8000", {}));
    EXPECT_TRUE(
        is_same_origin("https://proxy.example", "127.0.0.1:8000", {"https://proxy.example"}));
}

// ---- item 14: passwords ----

// A server started without AITP_ADMIN_PASSWORD: the admin gets a printed one-time password.
class GeneratedPasswordServer {
  public:
    GeneratedPasswordServer() : clock_(kServerStartMs) {
        ::unsetenv("AITP_ADMIN_PASSWORD");
        server::ServerConfig c;
        c.data_dir = dir_.path();
        c.port = 0;
        c.generate_demo_data = false;
        app_ = AITP_UNWRAP(server::App::create(c, clock_));
        password_ = word_after(app_->one_time_password_block(""), "password: ");
        http_ = std::make_unique<server::HttpServer>(*app_);
        EXPECT_OK(http_->bind());
        thread_ = std::thread([this] { http_->run(false); });
    }
    ~GeneratedPasswordServer() {
        http_->stop();
        thread_.join();
        http_.reset();
        app_.reset();
    }
    int port() const { return http_->port(); }
    const std::string& password() const { return password_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

  private:
    ManualClock clock_;
    TempDir dir_;
    std::unique_ptr<server::App> app_;
    std::unique_ptr<server::HttpServer> http_;
    std::thread thread_;
    std::string password_;
};

// The server's answer to a WebSocket handshake with c's cookie and `origin` (none when empty).
std::string ws_handshake(HttpClient& c, const std::string& origin) {
    std::string req = "GET /ws/system/ HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(c.port()) +
                      "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      "Cookie: " +
                      c.cookie() + "\r\n";
    if (!origin.empty()) req += "Origin: " + origin + "\r\n";
    return c.raw(req + "\r\n");
}

HttpReply change_password(HttpClient& c, const std::string& current, const std::string& next) {
    return c.post("/api/auth/password/",
                  json{{"current_password", current}, {"new_password", next}}.dump());
}

TEST(PasswordChangeTest, OneTimePasswordMustBeChangedBeforeAnythingElse) {
    GeneratedPasswordServer s;
    ASSERT_EQ(s.password().size(), 20u);
    HttpClient c(s.port());
    const auto login = c.login("admin", s.password());
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(body_of(login)["must_change_password"], true);
    EXPECT_EQ(body_of(c.get("/api/auth/status/"))["must_change_password"], true);
    const auto refused = c.get("/api/data/");
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("password change required"), std::string::npos);
    EXPECT_EQ(c.post("/api/backtest/run/", "{}").status, 403);
    WsClient ws(s.port(), c.cookie());
    EXPECT_FALSE(ws.connected());
    const std::string ws_answer = ws_handshake(c, c.origin());
    EXPECT_EQ(ws_answer.rfind("HTTP/1.1 403", 0), 0u) << ws_answer;

    EXPECT_EQ(change_password(c, "wrong-current-password", "a-new-long-password").status, 400);
    EXPECT_EQ(change_password(c, s.password(), "short").status, 400);
    EXPECT_EQ(change_password(c, s.password(), s.password()).status, 400);
    const auto changed = change_password(c, s.password(), "a-new-long-password");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(c.get("/api/data/").status, 200);
    EXPECT_EQ(body_of(c.get("/api/auth/status/"))["must_change_password"], false);

    HttpClient other(s.port());
    EXPECT_EQ(other.login("admin", s.password()).status, 401);
    const auto again = other.login("admin", "a-new-long-password");
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(body_of(again)["must_change_password"], false);
}

TEST(PasswordChangeTest, ChangeNeedsCsrfAndEndsTheUsersOtherSessions) {
    LiveServer s;
    HttpClient first = s.logged_in_client();
    HttpClient second = s.logged_in_client();
    const std::string body =
        json{{"current_password", kAdminPassword}, {"new_password", "another-long-password"}}
            .dump();
    EXPECT_EQ(second.request("POST", "/api/auth/password/", body).status, 403);  // no CSRF
    ASSERT_EQ(second.post("/api/auth/password/", body).status, 200);
    EXPECT_EQ(second.get("/api/data/").status, 200);
    EXPECT_EQ(first.get("/api/data/").status, 401);
}

TEST(PasswordChangeTest, IgnoredAdminPasswordVariableIsReported) {
    TempDir dir;
    ManualClock clock(kServerStartMs);
    server::ServerConfig c;
    c.data_dir = dir.path();
    c.generate_demo_data = false;
    ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
    {
        auto first = AITP_UNWRAP(server::App::create(c, clock));
        EXPECT_EQ(first->first_start_notice(), "");  // chosen password: nothing to print
        EXPECT_EQ(first->one_time_password_block("http://x/"), "");
    }
    ::setenv("AITP_ADMIN_PASSWORD", "a-different-long-password", 1);
    auto second = AITP_UNWRAP(server::App::create(c, clock));
    const std::string notice = second->first_start_notice();
    EXPECT_NE(notice.find("AITP_ADMIN_PASSWORD is set but ignored"), std::string::npos) << notice;
    EXPECT_NE(notice.find("aitp user passwd"), std::string::npos) << notice;
    ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
}

TEST(PasswordChangeTest, UserPasswdResetsOfflineToAOneTimePassword) {
    std::string password;
    TempDir keep;
    {
        LiveServer s;
        HttpClient c = s.logged_in_client();
        const auto r = run_cli({"user", "passwd", "--data-dir", s.dir().string(), "admin"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        password = word_after(r.out, "one-time password ");
        ASSERT_EQ(password.size(), 20u) << r.out;
        EXPECT_EQ(c.get("/api/data/").status, 401);  // the reset ended the session
        HttpClient fresh(s.port());
        EXPECT_EQ(fresh.login("admin", kAdminPassword).status, 401);
        const auto ok = fresh.login("admin", password);
        ASSERT_EQ(ok.status, 200);
        EXPECT_EQ(body_of(ok)["must_change_password"], true);
    }
    const auto missing = run_cli({"user", "passwd", "--data-dir", keep.path().string(), "admin"});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_NE(missing.err.find("no database"), std::string::npos) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(keep / "aitp.db"));
}

TEST(PasswordChangeTest, UserPasswdTakesAChosenPasswordFromStdin) {
    LiveServer s;
    const auto run = [&](const std::string& user, const std::string& input) {
        const std::string cmd = "printf '" + input + "' | " + cli_path().string() +
                                " user passwd --password-stdin --data-dir " + s.dir().string() +
                                " " + user + " 2>&1";
        FILE* p = ::popen(cmd.c_str(), "r");
        std::string out;
        char buf[512];
        while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
        const int status = ::pclose(p);
        return std::make_pair(WEXITSTATUS(status), out);
    };
    const auto short_one = run("admin", "short\\n");
    EXPECT_EQ(short_one.first, 2) << short_one.second;
    EXPECT_NE(short_one.second.find("12 characters"), std::string::npos) << short_one.second;
    const auto unknown = run("nobody", "a-chosen-long-password\\n");
    EXPECT_EQ(unknown.first, 3) << unknown.second;
    const auto ok = run("admin", "a-chosen-long-password\\n");
    ASSERT_EQ(ok.first, 0) << ok.second;
    HttpClient c(s.port());
    const auto login = c.login("admin", "a-chosen-long-password");
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(body_of(login)["must_change_password"], false);
}

TEST(ServeCommandTest, BusyPortCreatesNoDatabaseAndNoAdmin) {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor busy(
        ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const int port = busy.local_endpoint().port();
    TempDir tmp;
    const auto data = tmp / "fresh";
    const auto r = run_cli(
        {"serve", "--data-dir", data.string(), "--port", std::to_string(port), "--no-demo"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");  // no one-time password printed for an admin that was not made
    EXPECT_FALSE(std::filesystem::exists(data));
}

// ---- item 15: WebSockets ----

TEST(WebSocketAccessTest, ForeignNullAndMissingOriginsAreRefused) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    for (const char* origin : {"http://evil.example", "null", ""}) {
        WsClient ws(s.port(), c.cookie(), origin);
        EXPECT_FALSE(ws.connected()) << origin;
        const std::string answer = ws_handshake(c, origin);
        EXPECT_EQ(answer.rfind("HTTP/1.1 403", 0), 0u) << origin << ": " << answer;
    }
    const std::string ok = ws_handshake(c, c.origin());
    EXPECT_EQ(ok.rfind("HTTP/1.1 101", 0), 0u) << ok;
    WsClient ws(s.port(), c.cookie());
    ASSERT_TRUE(ws.connected());
    EXPECT_NE(ws.read(3000).find("hello"), std::string::npos);
}

int websocket_gauge(HttpClient& c) {
    const std::string n = word_after(c.get("/metrics").body, "\nwebsocket_clients ");
    return n.empty() ? -1 : std::stoi(n);
}

// Polls the gauge until it reads `want` (it changes on the server's I/O threads).
bool gauge_becomes(HttpClient& c, int want) {
    for (int i = 0; i < 100; ++i) {
        if (websocket_gauge(c) == want) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    return false;
}

// (A client read that times out closes the client's socket, so "still open" is checked
// through the gauge, never by waiting for a read to time out.)
TEST(WebSocketAccessTest, LogoutClosesTheSessionsSocketsAndTheGaugeFollows) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    HttpClient other = s.logged_in_client();
    EXPECT_EQ(websocket_gauge(c), 0);
    WsClient mine(s.port(), c.cookie());
    WsClient theirs(s.port(), other.cookie());
    ASSERT_TRUE(mine.connected());
    ASSERT_TRUE(theirs.connected());
    EXPECT_TRUE(gauge_becomes(c, 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a sweep or more passes
    EXPECT_EQ(websocket_gauge(c), 2);
    ASSERT_EQ(c.post("/api/auth/logout/").status, 200);
    EXPECT_TRUE(mine.wait_closed(5000));
    EXPECT_TRUE(gauge_becomes(other, 1)) << "gauge " << websocket_gauge(other);
    EXPECT_NE(theirs.read(3000).find("hello"), std::string::npos);  // still open and served
}

TEST(WebSocketAccessTest, ExpiredSessionsSocketIsClosed) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    HttpClient observer(s.port());
    WsClient ws(s.port(), c.cookie());
    ASSERT_TRUE(ws.connected());
    EXPECT_TRUE(gauge_becomes(observer, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(websocket_gauge(observer), 1);  // a live session's socket survives the sweeps
    s.clock().advance(60 * kMinute + 1);
    EXPECT_TRUE(ws.wait_closed(5000));
    EXPECT_TRUE(gauge_becomes(observer, 0));
}

}  // namespace
}  // namespace aitp::testing
