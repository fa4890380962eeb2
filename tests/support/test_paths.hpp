// SPDX-License-Identifier: MIT
// Paths tests need: the reference data folder (tests/data/reference), the source tree, the built
// CLI, and a fresh temporary directory per test (removed when the TempDir goes out of scope).
#pragma once

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
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the CLI with arguments (no shell), capturing stdout and stderr.
CommandResult run_cli(const std::vector<std::string>& args);

}  // namespace aitp::testing
