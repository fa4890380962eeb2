// SPDX-License-Identifier: MIT
// File helpers for the data module: whole-file reads and an advisory exclusive lock on a sidecar
// file (flock, as the original's `<file>.lock`). Writing and atomic replace live in
// core/output_file.hpp. FileLock is movable, not copyable; one owner thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/status.hpp"

namespace aitp::data {

/// Reads a whole file. Errors: NotFound, IOError (naming the path).
Result<std::string> read_file(const std::filesystem::path& path);

/// An exclusive advisory lock held on `<path>` (created if missing) until destruction.
class FileLock {
  public:
    static Result<FileLock> acquire(const std::filesystem::path& lock_path);
    /// Returns the lock, or nullopt without waiting when another process holds it.
    static Result<std::optional<FileLock>> try_acquire(const std::filesystem::path& lock_path);
    FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

  private:
    explicit FileLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace aitp::data
