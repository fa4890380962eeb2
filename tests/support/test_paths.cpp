// SPDX-License-Identifier: MIT
#include "support/test_paths.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aitp::testing {

namespace fs = std::filesystem;

fs::path reference_dir() { return fs::path(AITP_SOURCE_DIR) / "tests" / "data" / "reference"; }

fs::path reference_file(const std::string& name) { return reference_dir() / name; }

fs::path source_dir() { return fs::path(AITP_SOURCE_DIR); }

fs::path cli_path() { return fs::path(AITP_BINARY_DIR) / "bin" / "aitp"; }

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    EXPECT_TRUE(in.good()) << "cannot open " << p;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good()) << "cannot write " << p;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("aitp-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

namespace {

std::string slurp_fd(int fd) {
    std::string s;
    char buf[65536];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
    return s;
}

}  // namespace

CommandResult run_cli(const std::vector<std::string>& args, const RunOptions& options) {
    TempDir tmp;
    const fs::path out_path = options.discard_stdout ? fs::path("/dev/null") : tmp / "stdout";
    const fs::path err_path = tmp / "stderr";
    const std::string exe = cli_path().string();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int in = ::open("/dev/null", O_RDONLY);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::dup2(in, 0);
        ::execv(exe.c_str(), argv.data());
        ::_exit(127);
    }
    CommandResult r;
    const auto deadline = std::chrono::steady_clock::now() + options.limit;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            r.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    r.signalled = !r.timed_out && WIFSIGNALED(status);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (!options.discard_stdout) {
        const int out_fd = ::open(out_path.c_str(), O_RDONLY);
        r.out = slurp_fd(out_fd);
        ::close(out_fd);
    }
    const int err_fd = ::open(err_path.c_str(), O_RDONLY);
    r.err = slurp_fd(err_fd);
    ::close(err_fd);
    return r;
}

}  // namespace aitp::testing
