// SPDX-License-Identifier: MIT
#include "data/file_util.hpp"

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
