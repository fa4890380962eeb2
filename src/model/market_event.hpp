// SPDX-License-Identifier: MIT
// MarketEvent: the one 64-byte, trivially copyable record engines consume. Bars now; trades,
// quotes and order-book deltas have their payloads reserved so sources and engines can add them
// without changing the record. Times are UTC epoch milliseconds, like BarSeries.
#pragma once

#include <cstdint>
#include <type_traits>

#include "core/time.hpp"
#include "model/instrument.hpp"

namespace aitp::model {

enum class EventKind : std::uint8_t { Bar, Trade, Quote, BookDelta };

struct BarPayload {
    double open, high, low, close, volume;
};
struct TradePayload {
    double price, size;
    std::int64_t aggressor;  ///< +1 buyer, -1 seller, 0 unknown
};
struct QuotePayload {
    double bid, ask, bid_size, ask_size;
};
struct BookDeltaPayload {
    double price, size;
    std::int64_t side_action;  ///< bit 0: 0 bid / 1 ask; bits 1..: 0 add, 1 update, 2 delete
};

union EventPayload {
    BarPayload bar;
    TradePayload trade;
    QuotePayload quote;
    BookDeltaPayload delta;
};

struct MarketEvent {
    UnixMillis ts_event = 0;  ///< when it happened (bars: the bar's open time as stored)
    UnixMillis ts_recv = 0;   ///< when it was received; equals ts_event for bars
    InstrumentId instrument = 0;
    EventKind kind = EventKind::Bar;
    std::uint8_t reserved[3] = {0, 0, 0};
    EventPayload data{};

    static MarketEvent make_bar(InstrumentId id, UnixMillis ts, const BarPayload& bar) {
        MarketEvent e;
        e.ts_event = ts;
        e.ts_recv = ts;
        e.instrument = id;
        e.kind = EventKind::Bar;
        e.data.bar = bar;
        return e;
    }
};

static_assert(sizeof(MarketEvent) == 64, "MarketEvent is one cache line");
static_assert(std::is_trivially_copyable_v<MarketEvent>);

}  // namespace aitp::model
