// SPDX-License-Identifier: MIT
// Where an output goes: the one home of the rule every writer of a file follows. `-` is stdout;
// a regular file or a new path is replaced atomically (temporary file beside it, fsync, rename,
// directory fsync); anything else that exists and is not a directory (/dev/null, a FIFO, a
// terminal) is written in place and never replaced; a directory is refused. OutputFile is
// movable, not copyable; one owner thread.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace aitp {

/// How an output target is written.
enum class OutputKind {
    Stdout,   ///< the target `-`
    Replace,  ///< a regular file or a new path: temporary file, then rename over it
    InPlace,  ///< an existing device, FIFO or socket: opened and written, never renamed over
};

/// Returns how target is written. Errors: InvalidArgument "PATH: is a directory" for a
/// directory, IOError when its status cannot be read.
Result<OutputKind> output_kind(const std::filesystem::path& target);

/// Returns a temporary path next to `target`, hidden and unique to this process and call:
/// `.TARGET.tmp-PID-N`.
std::filesystem::path temp_path_for(const std::filesystem::path& target);

/// Returns TARGET when `file_name` is a name temp_path_for makes (`.TARGET.tmp-PID-N`).
std::optional<std::string> temp_target_name(std::string_view file_name);

/// fsyncs a file and renames it over target, then fsyncs the directory, so a crash leaves
/// either the old or the new file, never a torn one.
Status commit_file(const std::filesystem::path& temp, const std::filesystem::path& target);

/// One output being written. Nothing is visible at a Replace target before commit(); an
/// OutputFile destroyed without commit() removes its temporary file.
class OutputFile {
  public:
    /// Opens target as output_kind() says. Opening a FIFO blocks until it has a reader.
    static Result<OutputFile> open(const std::filesystem::path& target);

    OutputFile(OutputFile&& other) noexcept;
    OutputFile& operator=(OutputFile&& other) noexcept;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    ~OutputFile();

    /// Writes all of bytes (one write(2) per call unless the kernel takes less).
    Status write(std::string_view bytes);
    /// Finishes the output: a Replace target gets the temporary file (fsync + rename).
    Status commit();

    OutputKind kind() const { return kind_; }
    const std::filesystem::path& target() const { return target_; }

  private:
    OutputFile(int fd, OutputKind kind, std::filesystem::path target, std::filesystem::path temp);
    void close_fd();
    /// Closes and removes an uncommitted temporary file.
    void discard();

    int fd_ = -1;
    OutputKind kind_ = OutputKind::Stdout;
    std::filesystem::path target_;
    std::filesystem::path temp_;  ///< Replace only
    bool committed_ = false;
};

/// Writes bytes to target (open, write, commit).
Status write_output(const std::filesystem::path& target, std::string_view bytes);

/// For writers that need a file name (DuckDB's COPY): calls write_to(path) with the temporary
/// file of a Replace target and commits it; for stdout or an in-place target, with a temporary
/// file in the system's temporary directory whose bytes are then copied to the target.
Status write_output_via_file(const std::filesystem::path& target,
                             const std::function<Status(const std::filesystem::path&)>& write_to);

}  // namespace aitp
