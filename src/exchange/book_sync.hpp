// SPDX-License-Identifier: MIT
// Local order books kept in sync with a venue's depth stream, as each venue documents it:
// Binance (snapshot from REST + diffs with update ids; a gap means a new snapshot) and Kraken
// v2 (snapshot + updates on the socket, CRC32 over the top 10 levels; a mismatch means
// resubscribe). Each sync owns its book; not thread-safe (feed it from the reading thread).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "book/order_book.hpp"
#include "core/status.hpp"
#include "exchange/binance_stream.hpp"
#include "exchange/kraken_stream.hpp"
#include "exchange/venue.hpp"

namespace aitp::exchange {

/// What a sync did with one message.
enum class SyncOutcome : std::uint8_t {
    Applied,   ///< the book moved
    Stale,     ///< older than the book (u <= lastUpdateId, or a duplicate): ignored
    Buffered,  ///< kept until a usable snapshot arrives
    Resync,    ///< a gap or checksum mismatch: the book was dropped (Kraken: resubscribe)
    Ignored,   ///< no book: waiting for a snapshot (Kraken) or another symbol's message
};

struct SyncStats {
    std::int64_t applied = 0;
    std::int64_t stale = 0;      ///< dropped as older than the book or duplicated
    std::int64_t resyncs = 0;    ///< gaps (Binance) or checksum mismatches (Kraken)
    std::int64_t snapshots = 0;  ///< snapshots loaded
};

/// Fetches a depth snapshot (GET /api/v3/depth through a Venue's order_book, or a test's
/// function); `sequence` must hold lastUpdateId.
using SnapshotFetcher = std::function<Result<BookSnapshot>()>;

/// Binance spot, "How to manage a local order book correctly": buffer the diffs, fetch a
/// snapshot (again while its lastUpdateId is below the first buffered U), drop diffs with
/// u <= lastUpdateId, the first applied diff must have U <= lastUpdateId + 1 <= u, and each
/// later one U == previous u + 1; otherwise the book is dropped and the process restarts.
/// Diffs with u <= the book's id (duplicates, replays) are ignored.
class BinanceBookSync {
  public:
    /// `max_buffer`: diffs kept while waiting for a usable snapshot (the oldest go first).
    explicit BinanceBookSync(SnapshotFetcher fetch, std::size_t max_buffer = 4096);

    /// Feeds one diff. A fetch error is returned (the diff stays buffered; the next diff
    /// tries again).
    Result<SyncOutcome> on_depth(const DepthUpdate& update);

    /// Drops the book and the buffer (call after a reconnect: the stream restarts).
    void reset();

    bool is_synced() const { return synced_; }
    /// The u of the last applied diff (lastUpdateId right after a snapshot).
    std::int64_t last_update_id() const { return last_id_; }
    const book::OrderBook& book() const { return book_; }
    const SyncStats& stats() const { return stats_; }

  private:
    Result<SyncOutcome> apply_buffer();
    void apply(const DepthUpdate& update);

    SnapshotFetcher fetch_;
    std::size_t max_buffer_;
    std::vector<DepthUpdate> buffer_;
    book::OrderBook book_;
    bool synced_ = false;         ///< a snapshot is loaded
    bool first_applied_ = false;  ///< a diff was applied since the snapshot
    std::int64_t last_id_ = 0;
    SyncStats stats_;
};

/// Kraken v2 book channel: a snapshot replaces the book, updates apply in order and the book
/// is truncated to the subscribed depth; after each message the CRC32 of the top 10 levels
/// must equal the message's checksum, else the book is dropped and the caller resubscribes
/// (SyncOutcome::Resync). Updates before a snapshot are ignored.
class KrakenBookSync {
  public:
    KrakenBookSync(int depth, int price_decimals, int qty_decimals);

    SyncOutcome on_book(const KrakenBookMessage& message);
    void reset();

    bool is_synced() const { return synced_; }
    const book::OrderBook& book() const { return book_; }
    const SyncStats& stats() const { return stats_; }

  private:
    int depth_;
    int price_decimals_;
    int qty_decimals_;
    book::OrderBook book_;
    bool synced_ = false;
    SyncStats stats_;
};

}  // namespace aitp::exchange
