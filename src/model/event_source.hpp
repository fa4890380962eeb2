// SPDX-License-Identifier: MIT
// EventSource: how engines read market events, one at a time in time order, so engines never
// touch files (ARCHITECTURE.md rule 3). VectorEventSource replays events held in memory (tests);
// BarSeriesEventSource merges several instruments' BarSeries by time without copying them.
// Sources are single-consumer and not thread-safe; they do not own borrowed series.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "model/bar_series.hpp"
#include "model/market_event.hpp"

namespace aitp::model {

class EventSource {
  public:
    virtual ~EventSource() = default;
    /// Writes the next event and returns true, or returns false at the end of the data
    /// (a normal outcome, not an error). Events come in non-decreasing ts_event order.
    virtual bool next(MarketEvent& out) = 0;
    /// Returns the number of events still to come when known, else 0.
    virtual std::size_t remaining_hint() const { return 0; }
};

/// Replays a vector of events. Requires: events sorted by ts_event (check with validate()).
class VectorEventSource final : public EventSource {
  public:
    explicit VectorEventSource(std::vector<MarketEvent> events) : events_(std::move(events)) {}
    bool next(MarketEvent& out) override;
    std::size_t remaining_hint() const override { return events_.size() - pos_; }
    /// Returns InvalidArgument naming the first event earlier than its predecessor.
    Status validate() const;

  private:
    std::vector<MarketEvent> events_;
    std::size_t pos_ = 0;
};

/// Merges bar series (series k is instrument k) in time order; equal times come out in
/// instrument order, so the merge is deterministic. Borrows the series: they must outlive it.
/// O(log k) per event; no allocation after construction.
class BarSeriesEventSource final : public EventSource {
  public:
    /// Returns InvalidArgument when a series is not strictly increasing in time, naming the
    /// instrument and row.
    static Result<BarSeriesEventSource> create(std::vector<const BarSeries*> series);
    bool next(MarketEvent& out) override;
    std::size_t remaining_hint() const override { return remaining_; }

  private:
    struct Cursor {
        UnixMillis ts;
        InstrumentId instrument;
    };
    explicit BarSeriesEventSource(std::vector<const BarSeries*> series);
    void push_heap(Cursor c);
    Cursor pop_heap();

    std::vector<const BarSeries*> series_;
    std::vector<std::size_t> pos_;
    std::vector<Cursor> heap_;
    std::size_t remaining_ = 0;
};

}  // namespace aitp::model
