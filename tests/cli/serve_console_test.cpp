// SPDX-License-Identifier: MIT
// What `aitp serve` prints on the console (issue 18 item 1): on a first start the framed
// one-time password block is the last output before the server serves, and request lines
// appear only with --log-requests or AITP_LOG_REQUESTS=1.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

using testing::cli_path;
using testing::read_text;
using testing::TempDir;

const std::string kRule(72, '=');

// `aitp serve` in a child process with stdout and stderr both going to one file (what a
// terminal shows), on a free port of its choosing.
class ServeProcess {
  public:
    ServeProcess(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env)
        : log_(tmp_ / "console.log") {
        std::vector<std::string> all = {cli_path().string(),     "serve",  "--data-dir",
                                        (tmp_ / "var").string(), "--port", "0"};
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : all) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::unsetenv("AITP_ADMIN_PASSWORD");
            ::unsetenv("AITP_LOG_REQUESTS");
            for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
            const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    ~ServeProcess() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    std::string output() const {
        return std::filesystem::exists(log_) ? read_text(log_) : std::string();
    }

    // Waits (up to 120 s, the ASan build generates demo data slowly) until the server printed
    // its serving line and, when `block` is set, the whole one-time password block; returns
    // the port it serves on (0 when it did not get there).
    int wait_serving(bool block) {
        for (int i = 0; i < 6000; ++i) {
            const std::string out = output();
            const bool framed = out.find(kRule) != out.rfind(kRule);
            const int port = serving_port(out);
            if (port != 0 && (!block || framed)) return port;
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) return 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return 0;
    }

    // The port of the "aitp: serving http://127.0.0.1:<port>/" line (0 when none yet).
    static int serving_port(const std::string& out) {
        const std::string marker = "aitp: serving http://127.0.0.1:";
        const auto at = out.find(marker);
        if (at == std::string::npos) return 0;
        const auto begin = at + marker.size();
        const auto end = out.find('/', begin);
        if (end == std::string::npos || end == begin) return 0;
        return std::stoi(out.substr(begin, end - begin));
    }

  private:
    TempDir tmp_;
    std::filesystem::path log_;
    pid_t pid_ = -1;
};

// Sends one HTTP/1.1 request and returns the status line ("" when it could not connect).
std::string http_get(int port, const std::string& path) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return "";
    }
    const std::string req =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(::write(fd, req.data(), req.size()), static_cast<ssize_t>(req.size()));
    std::string reply;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) reply.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return reply.substr(0, reply.find("\r\n"));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        out.push_back(text.substr(at, end - at));
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return out;
}

TEST(ServeConsoleTest, OneTimePasswordBlockIsTheLastOutputBeforeServing) {
    if (!std::filesystem::exists(cli_path())) GTEST_SKIP() << "CLI not built";
    ServeProcess server({}, {});  // demo data too, as `make run` does
    const int port = server.wait_serving(true);
    ASSERT_NE(port, 0) << server.output();
    const std::string out = server.output();
    const std::vector<std::string> lines = lines_of(out);
    // The serving line, then the block: rule, title, user, password, url, text, rule; nothing
    // after it.
    std::size_t serving = 0;
    while (serving < lines.size() && lines[serving].rfind("aitp: serving ", 0) != 0) ++serving;
    ASSERT_LT(serving, lines.size()) << out;
    ASSERT_GE(lines.size(), serving + 3) << out;
    EXPECT_EQ(lines[serving + 1], kRule) << out;
    EXPECT_EQ(lines.back(), kRule) << out;
    const std::vector<std::string> block(lines.begin() + static_cast<std::ptrdiff_t>(serving) + 1,
                                         lines.end());
    EXPECT_GE(block.size(), 6u) << out;
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
    EXPECT_NE(std::find(block.begin(), block.end(), "  user:     admin"), block.end()) << out;
    EXPECT_NE(std::find(block.begin(), block.end(), "  url:      " + url), block.end()) << out;
    // One password line: 20 characters of the generated alphabet (letters and 2-9).
    const auto is_password_line = [](const std::string& l) {
        const std::string prefix = "  password: ";
        if (l.rfind(prefix, 0) != 0 || l.size() != prefix.size() + 20) return false;
        return std::all_of(l.begin() + static_cast<std::ptrdiff_t>(prefix.size()), l.end(),
                           [](char c) { return std::isalpha(c) || (c >= '2' && c <= '9'); });
    };
    EXPECT_EQ(std::count_if(block.begin(), block.end(), is_password_line), 1) << out;
    EXPECT_NE(out.find("must be changed at the first login"), std::string::npos) << out;
    // The password is printed once, and nothing before the serving line mentions it.
    EXPECT_EQ(out.find("password: "), out.rfind("password: ")) << out;
    // No request line after requests (a 401 and a 404 are info, not errors).
    EXPECT_NE(http_get(port, "/api/data/").find("401"), std::string::npos);
    EXPECT_NE(http_get(port, "/api/no-such-route/").find("404"), std::string::npos);
    EXPECT_EQ(server.output(), out);
}

// Runs a server with `args`/`env`, sends a request, and returns the console output after it.
std::string console_after_a_request(const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& env) {
    ServeProcess server(args, env);
    const int port = server.wait_serving(true);
    EXPECT_NE(port, 0) << server.output();
    if (port == 0) return "";
    EXPECT_NE(http_get(port, "/api/data/").find("401"), std::string::npos);
    return server.output();
}

TEST(ServeConsoleTest, RequestLinesOnlyWithTheFlagOrTheVariable) {
    if (!std::filesystem::exists(cli_path())) GTEST_SKIP() << "CLI not built";
    const std::string request_line = R"("path":"/api/data/","status":401)";
    const std::string quiet = console_after_a_request({"--no-demo"}, {});
    EXPECT_EQ(quiet.find(request_line), std::string::npos) << quiet;
    EXPECT_NE(quiet.find("request log: off (--log-requests)"), std::string::npos) << quiet;
    const std::string off = console_after_a_request({"--no-demo"}, {{"AITP_LOG_REQUESTS", "0"}});
    EXPECT_EQ(off.find(request_line), std::string::npos) << off;
    const std::string flag = console_after_a_request({"--no-demo", "--log-requests"}, {});
    EXPECT_NE(flag.find(request_line), std::string::npos) << flag;
    const std::string env = console_after_a_request({"--no-demo"}, {{"AITP_LOG_REQUESTS", "1"}});
    EXPECT_NE(env.find(request_line), std::string::npos) << env;
    // With the log on, the request line comes after the password block.
    EXPECT_GT(env.find(request_line), env.rfind(kRule)) << env;
}

}  // namespace
}  // namespace aitp::cli
