// SPDX-License-Identifier: MIT
#include "support/process.hpp"

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aitp::testing {

namespace {
int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}
}  // namespace

BackgroundProcess::BackgroundProcess(std::vector<std::string> argv,
                                     const std::filesystem::path& log,
                                     const std::map<std::string, std::string>& env)
    : log_(log) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int null_in = ::open("/dev/null", O_RDONLY);
        if (fd < 0 || null_in < 0) ::_exit(126);
        ::dup2(null_in, 0);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
}

BackgroundProcess::~BackgroundProcess() {
    if (pid_ > 0 && !exit_code_) (void)stop(std::chrono::seconds(5));
}

std::string BackgroundProcess::output() const {
    std::ifstream in(log_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool BackgroundProcess::running() {
    if (pid_ <= 0 || exit_code_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = decode_status(status);
        return false;
    }
    return true;
}

std::optional<std::string> BackgroundProcess::wait_for_line(const std::string& prefix,
                                                            std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        std::istringstream lines(output());
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
        }
        if (!running()) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
}

int BackgroundProcess::stop(std::chrono::milliseconds limit) {
    if (exit_code_) return *exit_code_;
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = decode_status(status);
            return *exit_code_;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    exit_code_ = decode_status(status);
    return *exit_code_;
}

}  // namespace aitp::testing
