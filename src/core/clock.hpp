// SPDX-License-Identifier: MIT
// Clock: the only way code reads the wall clock, so tests and backtests can inject time.
// Both clocks are thread-safe (a test may move a ManualClock while a server thread reads it).
#pragma once

#include <atomic>
#include <cstdint>

#include "core/time.hpp"

namespace aitp {

class Clock {
  public:
    virtual ~Clock() = default;
    /// Returns the current time in UTC epoch milliseconds.
    virtual UnixMillis now_ms() const = 0;
};

/// The real wall clock (std::chrono::system_clock).
class SystemClock final : public Clock {
  public:
    UnixMillis now_ms() const override;
    /// Returns a process-wide instance.
    static const SystemClock& instance();
};

/// A clock that only moves when told to.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(UnixMillis start = 0) : now_(start) {}
    UnixMillis now_ms() const override { return now_.load(std::memory_order_relaxed); }
    void set(UnixMillis t) { now_.store(t, std::memory_order_relaxed); }
    void advance(std::int64_t ms) { now_.fetch_add(ms, std::memory_order_relaxed); }

  private:
    std::atomic<UnixMillis> now_;
};

}  // namespace aitp
