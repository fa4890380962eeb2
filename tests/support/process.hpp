// SPDX-License-Identifier: MIT
// A child process for tests that need a long-running program beside them (`aitp venue-sim`,
// `aitp serve`): started with fork/exec, stdout and stderr into one log file, stopped with
// SIGTERM (then SIGKILL) when the object goes away. Not thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace aitp::testing {

class BackgroundProcess {
  public:
    /// Starts argv[0] with the arguments; `env` entries are set in the child only.
    BackgroundProcess(std::vector<std::string> argv, const std::filesystem::path& log,
                      const std::map<std::string, std::string>& env = {});
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    /// Everything the child printed so far.
    std::string output() const;
    /// Waits until a line starting with `prefix` appears and returns the rest of that line;
    /// nullopt when the child exits or `limit` passes first.
    std::optional<std::string> wait_for_line(const std::string& prefix,
                                             std::chrono::milliseconds limit);
    /// SIGTERM, then waits up to `limit` (SIGKILL after); returns the exit code, or 128 + the
    /// signal when it died by one.
    int stop(std::chrono::milliseconds limit = std::chrono::seconds(10));
    bool running();

  private:
    std::filesystem::path log_;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
};

}  // namespace aitp::testing
