// SPDX-License-Identifier: MIT
// Ring: the last `capacity` doubles of a stream, in fixed slots (value number r lives in slot
// r mod capacity, which TA-Lib's circular-buffer sums rely on). Not thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace aitp::indicators::detail {

class Ring {
  public:
    explicit Ring(std::size_t capacity = 1) : buf_(std::max<std::size_t>(capacity, 1), 0.0) {}

    void clear() {
        head_ = 0;
        size_ = 0;
    }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return buf_.size(); }
    bool is_full() const { return size_ == buf_.size(); }

    /// Appends x; returns the value it overwrote (meaningful only when is_full() was true).
    double push(double x) {
        const double old = buf_[head_];
        buf_[head_] = x;
        if (++head_ == buf_.size()) {
            head_ = 0;
        }
        if (size_ < buf_.size()) {
            ++size_;
        }
        return old;
    }

    /// Returns the k-th oldest value (0 = oldest). Requires: k < size().
    double at(std::size_t k) const {
        std::size_t idx = (is_full() ? head_ : 0) + k;
        if (idx >= buf_.size()) {
            idx -= buf_.size();
        }
        return buf_[idx];
    }
    /// Returns the oldest value. Requires: size() > 0.
    double oldest() const { return at(0); }

    /// Returns the slots in slot order (value r in slot r mod capacity).
    const std::vector<double>& slots() const { return buf_; }

  private:
    std::vector<double> buf_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

}  // namespace aitp::indicators::detail
