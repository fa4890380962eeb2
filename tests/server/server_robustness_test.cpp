// SPDX-License-Identifier: MIT
// Robustness: 1,000 random and malformed requests (garbage, lying headers, deep JSON, non-UTF-8
// strings, huge numbers, oversized ranges) never take the server down, and a SIGKILL
// during a job loses no committed row while the next start marks the job failed.
#include <chrono>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/rng.hpp"
#include "server_fixture.hpp"
#include "store/database.hpp"
#include "store/job_store.hpp"

namespace aitp::testing {
namespace {

using nlohmann::json;

std::string random_bytes(Rng& rng, std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng.uniform_int(0, 255));
    return s;
}

// Bodies that attack the parser and the validators (issue 16): deep nesting, non-UTF-8 strings,
// huge or mistyped numbers, and ranges far beyond the caps.
std::string hostile_body(Rng& rng) {
    const auto depth = static_cast<std::size_t>(rng.uniform_int(60, 60000));
    switch (rng.uniform_int(0, 3)) {
        case 0:
            return rng.uniform_int(0, 1) == 0
                       ? std::string(depth, '[') + std::string(depth, ']')
                       : R"({"params":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
        case 1: {
            const char* fields[] = {"symbol", "exchange", "strategy", "timeframe", "username"};
            return std::string("{\"") + fields[rng.uniform_int(0, 4)] + "\":\"" +
                   random_bytes(rng, static_cast<std::size_t>(rng.uniform_int(1, 40))) + "\"}";
        }
        case 2: {
            const char* numbers[] = {"4294967297",
                                     "18446744073709551616",
                                     "-9223372036854775809",
                                     "1e308",
                                     "-1e308",
                                     "1e999",
                                     "NaN",
                                     "-0",
                                     "0.0000001",
                                     "\"abc\"",
                                     "[]",
                                     "{}"};
            const char* fields[] = {"days", "cash", "fees", "limit"};
            return std::string("{\"") + fields[rng.uniform_int(0, 3)] +
                   "\":" + numbers[rng.uniform_int(0, 11)] + "}";
        }
        default: {
            // Each over a cap: days, bars per series (1,000 days of 1m) or pairs.
            const std::int64_t days[] = {0, 3651, 100000, 1000};
            json many = {{"days", days[rng.uniform_int(0, 3)]},
                         {"timeframes", {"1m", "5m"}},
                         {"symbols", json::array()}};
            const auto n = rng.uniform_int(1, 600);
            for (std::int64_t i = 0; i < n; ++i) many["symbols"].push_back("F" + std::to_string(i));
            return many.dump();
        }
    }
}

TEST(ServerRobustnessTest, ThousandRandomAndMalformedRequests) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    Rng rng(20261124);  // fixed, logged seed
    const char* methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
    const char* paths[] = {"/api/data/",
                           "/api/jobs/",
                           "/api/jobs/x/cancel/",
                           "/api/auth/login/",
                           "/api/data/generate-sample/",
                           "/api/indicators/sample/BTC-USDT/1h/",
                           "/api/data/quality/%ZZ/1h/",
                           "/../../etc/passwd",
                           "/api/%00",
                           "/api/health/",
                           "/api/backtest/run/",
                           "/api/screening/run/",
                           "/api/data/sample/BTC-USDT/1h/?limit=99999999999",
                           "/api/indicators/sample/BTC-USDT/1h/?limit=100000&indicators=rsi_14",
                           "/api/backtest/results/1abc/",
                           "/api/jobs/?limit=4294967297",
                           "/api/\xff\xfe/"};
    int answered = 0;
    for (int i = 0; i < 1000; ++i) {
        const int kind = static_cast<int>(rng.uniform_int(0, 4));
        if (kind == 0) {
            // Garbage on the wire.
            (void)c.raw(random_bytes(rng, static_cast<std::size_t>(rng.uniform_int(1, 600))));
            continue;
        }
        if (kind == 1) {
            // A truncated or lying request line / headers.
            const std::string bad[] = {
                "GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
                "POST /api/auth/login/ HTTP/1.1\r\nContent-Length: 5\r\n\r\n{",
                "GET /api/health/ HTTP/9.9\r\n\r\n", "\r\n\r\n\r\n",
                "GET " + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n"};
            (void)c.raw(bad[rng.uniform_int(0, 4)]);
            continue;
        }
        std::string body;
        if (kind == 2) body = random_bytes(rng, static_cast<std::size_t>(rng.uniform_int(0, 200)));
        if (kind == 3) body = R"({"symbols": [1, 2], "days": "x", "username": null})";
        if (kind == 4) body = hostile_body(rng);
        const std::string method = kind == 4 ? "POST" : methods[rng.uniform_int(0, 6)];
        const std::string path = paths[rng.uniform_int(0, 16)];
        auto r = c.request(method, path, body, {{"X-CSRFToken", c.csrf()}});
        if (r.status != 0) ++answered;
        ASSERT_LT(r.status, 600);
        ASSERT_NE(r.status, 500) << method << " " << path << " -> " << r.body;
    }
    EXPECT_GT(answered, 200);
    HttpClient fresh(s.port());
    auto health = fresh.get("/api/health/");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(json::parse(health.body)["status"], "ok");
}

pid_t spawn_server(const std::string& dir, int port, const std::string& log) {
    const std::string exe = cli_path().string();
    const std::string port_s = std::to_string(port);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execl(exe.c_str(), exe.c_str(), "serve", "--data-dir", dir.c_str(), "--port",
                port_s.c_str(), "--no-demo", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

bool wait_healthy(int port) {
    for (int i = 0; i < 300; ++i) {
        try {
            HttpClient c(port);
            if (c.get("/api/health/").status == 200) return true;
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

TEST(ServerRobustnessTest, SigkillDuringJobKeepsCommittedRowsAndFailsTheJob) {
    if (!std::filesystem::exists(cli_path())) GTEST_SKIP() << "CLI not built";
    TempDir tmp;
    const int port = 20000 + static_cast<int>(::getpid() % 20000);
    pid_t pid = spawn_server(tmp.path().string(), port, (tmp / "server.log").string());
    ASSERT_TRUE(wait_healthy(port)) << read_text(tmp / "server.log");
    HttpClient c(port);
    ASSERT_EQ(c.login("admin", kAdminPassword).status, 200);
    // A job that completes (its rows are committed) and one that is running when we kill.
    auto done = c.post("/api/data/generate-sample/", R"({"symbols":["OK/USDT"],"days":5})");
    ASSERT_EQ(done.status, 202);
    const std::string done_id = json::parse(done.body)["job_id"];
    for (int i = 0;
         i < 200 && json::parse(c.get("/api/jobs/" + done_id + "/").body)["status"] != "completed";
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    json symbols = json::array();
    for (int i = 0; i < 400; ++i) {
        std::string symbol = "K";  // appended, not "K" + string: GCC 12's -Wrestrict false positive
        symbol += std::to_string(i);
        symbols.push_back(symbol + "/USDT");
    }
    auto big =
        c.post("/api/data/generate-sample/", json{{"symbols", symbols}, {"days", 365}}.dump());
    ASSERT_EQ(big.status, 202);
    const std::string big_id = json::parse(big.body)["job_id"];
    for (int i = 0;
         i < 200 && json::parse(c.get("/api/jobs/" + big_id + "/").body)["status"] != "running";
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);

    pid = spawn_server(tmp.path().string(), port, (tmp / "server.log").string());
    ASSERT_TRUE(wait_healthy(port)) << read_text(tmp / "server.log");
    HttpClient again(port);
    ASSERT_EQ(again.login("admin", kAdminPassword).status, 200);  // the user row survived
    const auto done_job = json::parse(again.get("/api/jobs/" + done_id + "/").body);
    EXPECT_EQ(done_job["status"], "completed");
    EXPECT_EQ(done_job["result"]["files"][0], "sample_OK_USDT_1h.parquet");
    const auto big_job = json::parse(again.get("/api/jobs/" + big_id + "/").body);
    EXPECT_EQ(big_job["status"], "failed");
    EXPECT_NE(big_job["error"].get<std::string>().find("interrupted"), std::string::npos);
    // Audit rows of the writes before the kill are there too.
    ::kill(pid, SIGTERM);
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status)) << "SIGTERM should stop the server gracefully";
    auto db = store::Database::open(tmp / "aitp.db");
    ASSERT_TRUE(db);
    std::int64_t audits = 0;
    ASSERT_TRUE((*db)->read([&](store::Connection& conn) -> Status {
        AITP_TRY_ASSIGN(const auto rows, conn.query("SELECT count(*) FROM audit_log WHERE action "
                                                    "LIKE 'POST /api/data/generate-sample/'"));
        audits = rows[0].integer(0);
        return ok_status();
    }));
    EXPECT_EQ(audits, 2);
}

}  // namespace
}  // namespace aitp::testing
