// SPDX-License-Identifier: MIT
#include "data/file_util.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aitp::data {

namespace fs = std::filesystem;

namespace {

Error errno_error(std::string_view what, const fs::path& path) {
    const int e = errno;
    std::string msg = fmt::format("{}: {}: {}", path.string(), what, std::strerror(e));
    return e == ENOENT ? Error::not_found(std::move(msg)) : Error::io_error(std::move(msg));
}

Status fsync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return fail(errno_error("cannot open for fsync", path));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return fail(errno_error("fsync failed", path));
    return ok_status();
}

}  // namespace

Result<std::string> read_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return fail(Error::not_found(fmt::format("{}: no such file", path.string())));
        return fail(errno_error("cannot open", path));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        ::close(fd);
        return fail(Error::io_error(fmt::format("{}: not a regular file", path.string())));
    }
    std::string data;
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return fail(errno_error("read failed", path));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    data.resize(got);
    return data;
}

fs::path temp_path_for(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return target.parent_path() /
           fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(), counter++);
}

std::optional<std::string> temp_target_name(std::string_view name) {
    constexpr std::string_view kMark = ".tmp-";
    const auto mark = name.rfind(kMark);
    if (name.size() < 2 || name.front() != '.' || mark == std::string_view::npos || mark < 2)
        return std::nullopt;
    // PID-N: digits, one '-', digits.
    const std::string_view tail = name.substr(mark + kMark.size());
    const auto dash = tail.find('-');
    const auto all_digits = [](std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (dash == std::string_view::npos || !all_digits(tail.substr(0, dash)) ||
        !all_digits(tail.substr(dash + 1))) {
        return std::nullopt;
    }
    return std::string(name.substr(1, mark - 1));
}

Status commit_file(const fs::path& temp, const fs::path& target) {
    AITP_TRY(fsync_path(temp, O_RDONLY));
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        Error e = errno_error("cannot rename temporary file into place", target);
        ::unlink(temp.c_str());
        return fail(std::move(e));
    }
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    return fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

Status write_file_atomic(const fs::path& target, std::string_view bytes) {
    const fs::path temp = temp_path_for(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errno_error("cannot create", temp));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            Error e = errno_error("write failed", temp);
            ::close(fd);
            ::unlink(temp.c_str());
            return fail(std::move(e));
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return commit_file(temp, target);
}

Result<FileLock> FileLock::acquire(const fs::path& lock_path) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errno_error("cannot open lock file", lock_path));
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        Error e = errno_error("cannot lock", lock_path);
        ::close(fd);
        return fail(std::move(e));
    }
    return FileLock(fd);
}

Result<std::optional<FileLock>> FileLock::try_acquire(const fs::path& lock_path) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errno_error("cannot open lock file", lock_path));
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        const int e = errno;
        if (e == EWOULDBLOCK) {
            ::close(fd);
            return std::optional<FileLock>{};
        }
        Error err = errno_error("cannot lock", lock_path);
        ::close(fd);
        return fail(std::move(err));
    }
    return std::optional<FileLock>{FileLock(fd)};
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace aitp::data
