// SPDX-License-Identifier: MIT
#include "core/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aitp {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> g_temp_counter{0};

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

Status write_all(int fd, std::string_view bytes, const fs::path& name) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(errno_error("write failed", name));
        done += static_cast<std::size_t>(n);
    }
    return ok_status();
}

/// Copies the file at `from` to `out` in large reads.
Status copy_into(const fs::path& from, OutputFile& out) {
    const int fd = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(errno_error("cannot open", from));
    std::vector<char> buf(std::size_t{1} << 20);
    Status st = ok_status();
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            st = fail(errno_error("read failed", from));
            break;
        }
        if (n == 0) break;
        st = out.write(std::string_view(buf.data(), static_cast<std::size_t>(n)));
        if (!st) break;
    }
    ::close(fd);
    return st;
}

}  // namespace

Result<OutputKind> output_kind(const fs::path& target) {
    if (target == "-") return OutputKind::Stdout;
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) {
        if (errno == ENOENT) return OutputKind::Replace;
        return fail(errno_error("cannot stat the output", target));
    }
    if (S_ISDIR(st.st_mode)) {
        return fail(Error::invalid_argument(fmt::format(
            "{}: is a directory (expected a file name or - for stdout)", target.string())));
    }
    return S_ISREG(st.st_mode) ? OutputKind::Replace : OutputKind::InPlace;
}

fs::path temp_path_for(const fs::path& target) {
    return target.parent_path() /
           fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(), g_temp_counter++);
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

OutputFile::OutputFile(int fd, OutputKind kind, fs::path target, fs::path temp)
    : fd_(fd), kind_(kind), target_(std::move(target)), temp_(std::move(temp)) {}

Result<OutputFile> OutputFile::open(const fs::path& target) {
    AITP_TRY_ASSIGN(const OutputKind kind, output_kind(target));
    switch (kind) {
        case OutputKind::Stdout:
            // Text printed through stdio before must come out first.
            std::fflush(stdout);
            return OutputFile(STDOUT_FILENO, kind, target, {});
        case OutputKind::InPlace: {
            const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd < 0) return fail(errno_error("cannot open for writing", target));
            return OutputFile(fd, kind, target, {});
        }
        case OutputKind::Replace:
            break;
    }
    fs::path temp = temp_path_for(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errno_error("cannot create", temp));
    return OutputFile(fd, kind, target, std::move(temp));
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      kind_(other.kind_),
      target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      committed_(std::exchange(other.committed_, true)) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
    if (this != &other) {
        discard();
        fd_ = std::exchange(other.fd_, -1);
        kind_ = other.kind_;
        target_ = std::move(other.target_);
        temp_ = std::move(other.temp_);
        committed_ = std::exchange(other.committed_, true);
    }
    return *this;
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() {
    close_fd();
    if (!committed_ && kind_ == OutputKind::Replace && !temp_.empty()) {
        ::unlink(temp_.c_str());
    }
    committed_ = true;
}

void OutputFile::close_fd() {
    if (fd_ >= 0 && fd_ != STDOUT_FILENO) ::close(fd_);
    fd_ = -1;
}

Status OutputFile::write(std::string_view bytes) {
    if (fd_ < 0) {
        return fail(Error::internal(fmt::format("{}: write after commit", target_.string())));
    }
    return write_all(fd_, bytes, kind_ == OutputKind::Replace ? temp_ : target_);
}

Status OutputFile::commit() {
    if (fd_ < 0) {
        return fail(Error::internal(fmt::format("{}: committed twice", target_.string())));
    }
    const int fd = fd_;
    const bool close_ok = fd == STDOUT_FILENO || ::close(fd) == 0;
    fd_ = -1;
    if (!close_ok) return fail(errno_error("close failed", target_));
    if (kind_ != OutputKind::Replace) {
        committed_ = true;
        return ok_status();
    }
    Status st = commit_file(temp_, target_);
    committed_ = true;  // commit_file removed the temporary file when it failed
    return st;
}

Status write_output(const fs::path& target, std::string_view bytes) {
    AITP_TRY_ASSIGN(OutputFile out, OutputFile::open(target));
    AITP_TRY(out.write(bytes));
    return out.commit();
}

Status write_output_via_file(const fs::path& target,
                             const std::function<Status(const fs::path&)>& write_to) {
    AITP_TRY_ASSIGN(const OutputKind kind, output_kind(target));
    if (kind == OutputKind::Replace) {
        const fs::path temp = temp_path_for(target);
        if (Status st = write_to(temp); !st) {
            ::unlink(temp.c_str());
            return st;
        }
        return commit_file(temp, target);
    }
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec);
    if (ec) return fail(Error::io_error(fmt::format("no temporary directory: {}", ec.message())));
    const fs::path temp = dir / fmt::format("aitp-output-{}-{}{}", ::getpid(), g_temp_counter++,
                                            target.extension().string());
    Status st = write_to(temp);
    if (st) {
        auto out = OutputFile::open(target);
        st = out ? copy_into(temp, *out) : Status(fail(out.error()));
        if (st) st = out->commit();
    }
    ::unlink(temp.c_str());
    return st;
}

}  // namespace aitp
