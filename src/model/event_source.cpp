// SPDX-License-Identifier: MIT
#include "model/event_source.hpp"

#include <utility>

#include <fmt/format.h>

namespace aitp::model {

bool VectorEventSource::next(MarketEvent& out) {
    if (pos_ >= events_.size()) {
        return false;
    }
    out = events_[pos_++];
    return true;
}

Status VectorEventSource::validate() const {
    for (std::size_t i = 1; i < events_.size(); ++i) {
        if (events_[i].ts_event < events_[i - 1].ts_event) {
            return fail(Error::invalid_argument(fmt::format(
                "event {}: ts_event {} is earlier than the previous event's {}", i,
                format_iso8601(events_[i].ts_event), format_iso8601(events_[i - 1].ts_event))));
        }
    }
    return ok_status();
}

namespace {
bool later(const auto& a, const auto& b) {
    return a.ts != b.ts ? a.ts > b.ts : a.instrument > b.instrument;
}
}  // namespace

BarSeriesEventSource::BarSeriesEventSource(std::vector<const BarSeries*> series)
    : series_(std::move(series)), pos_(series_.size(), 0) {
    heap_.reserve(series_.size());
    for (std::size_t k = 0; k < series_.size(); ++k) {
        remaining_ += series_[k]->size();
        if (!series_[k]->is_empty()) {
            push_heap({series_[k]->ts()[0], static_cast<InstrumentId>(k)});
        }
    }
}

Result<BarSeriesEventSource> BarSeriesEventSource::create(std::vector<const BarSeries*> series) {
    for (std::size_t k = 0; k < series.size(); ++k) {
        if (Status st = series[k]->check_strictly_increasing(); !st) {
            return fail(st.error().with_context(fmt::format("instrument {}", k)));
        }
    }
    return BarSeriesEventSource(std::move(series));
}

void BarSeriesEventSource::push_heap(Cursor c) {
    std::size_t i = heap_.size();
    heap_.push_back(c);
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!later(heap_[parent], heap_[i])) {
            break;
        }
        std::swap(heap_[parent], heap_[i]);
        i = parent;
    }
}

BarSeriesEventSource::Cursor BarSeriesEventSource::pop_heap() {
    const Cursor top = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    std::size_t i = 0;
    const std::size_t n = heap_.size();
    for (;;) {
        const std::size_t l = 2 * i + 1;
        const std::size_t r = l + 1;
        std::size_t best = i;
        if (l < n && later(heap_[best], heap_[l])) best = l;
        if (r < n && later(heap_[best], heap_[r])) best = r;
        if (best == i) break;
        std::swap(heap_[best], heap_[i]);
        i = best;
    }
    return top;
}

bool BarSeriesEventSource::next(MarketEvent& out) {
    if (heap_.empty()) {
        return false;
    }
    const InstrumentId k = heap_.size() == 1 ? heap_.front().instrument : pop_heap().instrument;
    const BarSeries& s = *series_[k];
    const std::size_t i = pos_[k]++;
    out = MarketEvent::make_bar(
        k, s.ts()[i], {s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]});
    --remaining_;
    if (heap_.size() == 1 && heap_.front().instrument == k) {
        // Single-series fast path: the cursor stays in place, only its time moves.
        if (pos_[k] < s.size()) {
            heap_.front().ts = s.ts()[pos_[k]];
        } else {
            heap_.clear();
        }
    } else if (pos_[k] < s.size()) {
        push_heap({s.ts()[pos_[k]], k});
    }
    return true;
}

}  // namespace aitp::model
