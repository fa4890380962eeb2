// SPDX-License-Identifier: MIT
// Progress and cancellation of long operations, the one mechanism the library, the server's jobs
// and the CLI share: ProgressFn reports a fraction 0..1 and a short stage text without knowing
// who listens (a terminal bar, a job record, nothing); WorkControl adds a std::stop_token that
// the work polls. Long work checks it at least every ~100 ms of work and then returns
// Error::cancelled. A WorkControl is a cheap value; copies share the token and the callback.
#pragma once

#include <functional>
#include <stop_token>
#include <string_view>
#include <utility>

#include "core/status.hpp"

namespace aitp {

/// Called with a fraction in [0, 1]; may be empty. Must be cheap: callers report at most a few
/// hundred times per operation.
using ProgressFn = std::function<void(double fraction, std::string_view stage)>;

/// What a long operation is given: where to report progress and when to stop.
struct WorkControl {
    ProgressFn progress;   ///< may be empty
    std::stop_token stop;  ///< a default token never stops

    /// True once the owner of the stop_source asked the work to stop.
    bool stop_requested() const noexcept { return stop.stop_requested(); }
    /// Reports progress (nothing when no callback is set).
    void report(double fraction, std::string_view stage) const {
        if (progress) progress(fraction, stage);
    }
    /// Returns Error::cancelled("cancelled <where>") once a stop was requested, else OK.
    Status check(std::string_view where) const;
    /// Returns a control whose fraction f reports as base + span * f here (same token): the
    /// part of a bigger operation that one step is.
    WorkControl part(double base, double span) const;
};

}  // namespace aitp
