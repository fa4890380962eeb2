// SPDX-License-Identifier: MIT
// BarSeries: columnar OHLCV bars (timestamps plus five contiguous double columns), the shape
// indicators, sweeps and engines read. Owns its columns; not thread-safe for writes, safe to
// share read-only.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::model {

/// One bar, for row-wise access and building.
struct Bar {
    UnixMillis ts = 0;  ///< bar open time
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;

    friend bool operator==(const Bar&, const Bar&) = default;
};

class BarSeries {
  public:
    BarSeries() = default;

    std::size_t size() const { return ts_.size(); }
    bool is_empty() const { return ts_.empty(); }

    void reserve(std::size_t n);
    void resize(std::size_t n);
    void clear();
    void push_back(const Bar& bar);
    Bar bar(std::size_t i) const;

    std::span<const UnixMillis> ts() const { return ts_; }
    std::span<const double> open() const { return open_; }
    std::span<const double> high() const { return high_; }
    std::span<const double> low() const { return low_; }
    std::span<const double> close() const { return close_; }
    std::span<const double> volume() const { return volume_; }

    std::span<UnixMillis> mutable_ts() { return ts_; }
    std::span<double> mutable_open() { return open_; }
    std::span<double> mutable_high() { return high_; }
    std::span<double> mutable_low() { return low_; }
    std::span<double> mutable_close() { return close_; }
    std::span<double> mutable_volume() { return volume_; }

    /// Returns the bars with from <= ts <= to (both inclusive), as the original's load_ohlcv.
    BarSeries slice_time(UnixMillis from, UnixMillis to) const;
    /// Returns rows [begin, end).
    BarSeries slice_rows(std::size_t begin, std::size_t end) const;

    /// Returns InvalidArgument naming the first row whose timestamp is not greater than the
    /// previous one.
    Status check_strictly_increasing() const;

    /// Sorts by timestamp and keeps the last of equal timestamps (stable: later rows win), as
    /// pandas concat + drop_duplicates(keep="last") + sort_index.
    void sort_dedupe_keep_last();

    /// Appends all rows of other.
    void append(const BarSeries& other);

    friend bool operator==(const BarSeries&, const BarSeries&) = default;

  private:
    std::vector<UnixMillis> ts_;
    std::vector<double> open_;
    std::vector<double> high_;
    std::vector<double> low_;
    std::vector<double> close_;
    std::vector<double> volume_;
};

}  // namespace aitp::model
