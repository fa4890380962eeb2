// SPDX-License-Identifier: MIT
// Scratch columns for the set computations (compute_columns and its planner), taken from and
// returned to a per-thread pool. An object is used by one thread; the pool is per thread.
#pragma once

#include <span>
#include <vector>

namespace aitp::indicators::detail {

/// Scratch columns for one set computation, taken from and returned to a per-thread pool, so
/// repeated computations reuse memory that is already mapped instead of faulting in fresh pages
/// (at 1M rows, one column is 8 MB). The pool keeps at most 64 MB per thread.
class ScratchColumns {
  public:
    ScratchColumns() = default;
    ScratchColumns(const ScratchColumns&) = delete;
    ScratchColumns& operator=(const ScratchColumns&) = delete;
    ~ScratchColumns();
    /// A column of n values (contents unspecified), valid until this object is destroyed.
    std::span<double> take(std::size_t n);

  private:
    std::vector<std::vector<double>> held_;
};

}  // namespace aitp::indicators::detail
