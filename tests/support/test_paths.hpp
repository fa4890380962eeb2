// SPDX-License-Identifier: MIT
// Paths tests need: the reference data folder (tests/data/reference), the source tree, the built
// CLI, and a fresh temporary directory per test (removed when the TempDir goes out of scope).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace aitp::testing {

/// Returns tests/data/reference in the source tree: the copies of the reference files the
/// tests read (tests/data/reference/README.md says where they come from).
std::filesystem::path reference_dir();
/// Returns reference_dir()/<name>.
std::filesystem::path reference_file(const std::string& name);
/// Returns the source tree root.
std::filesystem::path source_dir();
/// Returns the built CLI binary (build dir/bin/aitp).
std::filesystem::path cli_path();
/// Reads a whole file; fails the test (returns "") when it cannot.
std::string read_text(const std::filesystem::path& p);
/// Writes a whole file.
void write_text(const std::filesystem::path& p, const std::string& text);

/// A unique empty directory under the system temp dir, removed on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

/// Result of running a command.
struct CommandResult {
    int exit_code = -1;      ///< the exit status, or 128 + the signal's number
    bool signalled = false;  ///< killed by a signal it did not expect (a crash)
    bool timed_out = false;  ///< killed after RunOptions::limit (a hang)
    std::string out;
    std::string err;
};

struct RunOptions {
    std::chrono::milliseconds limit{std::chrono::minutes(5)};  ///< SIGKILL after this long
    bool discard_stdout = false;                               ///< stdout to /dev/null
};

/// Runs the CLI with arguments (no shell, stdin from /dev/null), capturing stdout and stderr,
/// and kills it when it runs longer than options.limit.
CommandResult run_cli(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace aitp::testing
