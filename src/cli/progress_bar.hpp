// SPDX-License-Identifier: MIT
// The CLI's progress reporter on stderr, the one home of how long commands show progress: on a
// terminal a bar redrawn at most ten times a second; otherwise (a pipe, a log file) one plain
// line every few seconds ("screen sma_crossover: 24 %, 9 s elapsed, about 28 s left") and a
// summary line from finish() ("screen sma_crossover: 5,000 combinations in 37.2 s, 134/s").
// The interval is 5 s, or AITP_PROGRESS_INTERVAL_MS. Not thread-safe: report from one thread.
#pragma once

#include <chrono>
#include <cstdint>
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
    /// Reports that the work is done: `count` `unit`s (e.g. 5000, "combinations") since the
    /// bar was made. Off a terminal it writes the summary line (count, elapsed, rate).
    void finish(std::int64_t count, std::string_view unit);

  private:
    using Clock = std::chrono::steady_clock;
    void draw_bar(double fraction, std::string_view stage);
    void write_line(double fraction, std::string_view stage);

    std::string label_;
    bool terminal_;
    bool drawn_ = false;
    Clock::time_point start_;
    Clock::time_point last_{};
    Clock::duration interval_;
};

}  // namespace aitp::cli
