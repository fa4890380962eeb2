// SPDX-License-Identifier: MIT
// File helpers for the data module: whole-file reads, atomic replace (temp + fsync + rename +
// directory fsync) and an advisory exclusive lock on a sidecar file (flock, as the original's
// `<file>.lock`). FileLock is movable, not copyable; one owner thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp::data {

/// Reads a whole file. Errors: NotFound, IOError (naming the path).
Result<std::string> read_file(const std::filesystem::path& path);

/// Returns a temporary path next to `target`, hidden and unique to this process and call:
/// `.TARGET.tmp-PID-N`.
std::filesystem::path temp_path_for(const std::filesystem::path& target);

/// Returns TARGET when `file_name` is a name temp_path_for makes (`.TARGET.tmp-PID-N`).
std::optional<std::string> temp_target_name(std::string_view file_name);

/// fsyncs a file and renames it over target, then fsyncs the directory, so a crash leaves
/// either the old or the new file, never a torn one.
Status commit_file(const std::filesystem::path& temp, const std::filesystem::path& target);

/// Writes bytes to target atomically via temp_path_for + commit_file.
Status write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

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
