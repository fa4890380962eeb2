// SPDX-License-Identifier: MIT
#include "model/bar_series.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "core/check.hpp"

namespace aitp::model {

void BarSeries::reserve(std::size_t n) {
    ts_.reserve(n);
    open_.reserve(n);
    high_.reserve(n);
    low_.reserve(n);
    close_.reserve(n);
    volume_.reserve(n);
}

void BarSeries::resize(std::size_t n) {
    ts_.resize(n);
    open_.resize(n);
    high_.resize(n);
    low_.resize(n);
    close_.resize(n);
    volume_.resize(n);
}

void BarSeries::clear() { resize(0); }

void BarSeries::push_back(const Bar& bar) {
    ts_.push_back(bar.ts);
    open_.push_back(bar.open);
    high_.push_back(bar.high);
    low_.push_back(bar.low);
    close_.push_back(bar.close);
    volume_.push_back(bar.volume);
}

Bar BarSeries::bar(std::size_t i) const {
    AITP_ASSERT(i < size(), "Condition failed: row index in range");
    return {ts_[i], open_[i], high_[i], low_[i], close_[i], volume_[i]};
}

BarSeries BarSeries::slice_rows(std::size_t begin, std::size_t end) const {
    AITP_CHECK(begin <= end && end <= size(), "Condition failed: begin <= end <= size()");
    BarSeries out;
    const auto b = static_cast<std::ptrdiff_t>(begin);
    const auto e = static_cast<std::ptrdiff_t>(end);
    out.ts_.assign(ts_.begin() + b, ts_.begin() + e);
    out.open_.assign(open_.begin() + b, open_.begin() + e);
    out.high_.assign(high_.begin() + b, high_.begin() + e);
    out.low_.assign(low_.begin() + b, low_.begin() + e);
    out.close_.assign(close_.begin() + b, close_.begin() + e);
    out.volume_.assign(volume_.begin() + b, volume_.begin() + e);
    return out;
}

BarSeries BarSeries::slice_time(UnixMillis from, UnixMillis to) const {
    const auto lo = std::lower_bound(ts_.begin(), ts_.end(), from);
    const auto hi = std::upper_bound(lo, ts_.end(), to);
    return slice_rows(static_cast<std::size_t>(lo - ts_.begin()),
                      static_cast<std::size_t>(hi - ts_.begin()));
}

Status BarSeries::check_strictly_increasing() const {
    for (std::size_t i = 1; i < ts_.size(); ++i) {
        if (ts_[i] <= ts_[i - 1]) {
            return fail(Error::invalid_argument(fmt::format(
                "row {}: timestamp {} {} the previous row's {}", i, format_iso8601(ts_[i]),
                ts_[i] == ts_[i - 1] ? "duplicates" : "is earlier than",
                format_iso8601(ts_[i - 1]))));
        }
    }
    return ok_status();
}

void BarSeries::sort_dedupe_keep_last() {
    const std::size_t n = size();
    bool sorted_unique = true;
    for (std::size_t i = 1; i < n && sorted_unique; ++i) sorted_unique = ts_[i] > ts_[i - 1];
    if (sorted_unique) return;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ts_[a] < ts_[b]; });
    BarSeries out;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        // Within a run of equal timestamps the stable order puts the latest row last.
        if (k + 1 < n && ts_[order[k + 1]] == ts_[order[k]]) continue;
        out.push_back(bar(order[k]));
    }
    *this = std::move(out);
}

void BarSeries::append(const BarSeries& other) {
    ts_.insert(ts_.end(), other.ts_.begin(), other.ts_.end());
    open_.insert(open_.end(), other.open_.begin(), other.open_.end());
    high_.insert(high_.end(), other.high_.begin(), other.high_.end());
    low_.insert(low_.end(), other.low_.begin(), other.low_.end());
    close_.insert(close_.end(), other.close_.begin(), other.close_.end());
    volume_.insert(volume_.end(), other.volume_.begin(), other.volume_.end());
}

}  // namespace aitp::model
