// SPDX-License-Identifier: MIT
// A terminal progress bar on stderr, drawn only when stderr is a terminal and at most ten times
// a second. Not thread-safe: report from one thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/progress.hpp"

namespace aitp::cli {

class ProgressBar {
  public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(double fraction, std::string_view stage);
    /// Returns a ProgressFn that forwards to this bar (valid while the bar lives).
    ProgressFn fn();

  private:
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace aitp::cli
