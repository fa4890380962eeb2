// SPDX-License-Identifier: MIT
#include "exchange/book_sync.hpp"

#include <utility>

namespace aitp::exchange {

BinanceBookSync::BinanceBookSync(SnapshotFetcher fetch, std::size_t max_buffer)
    : fetch_(std::move(fetch)), max_buffer_(max_buffer == 0 ? 1 : max_buffer) {}

void BinanceBookSync::reset() {
    buffer_.clear();
    book_.clear();
    synced_ = false;
    first_applied_ = false;
    last_id_ = 0;
}

void BinanceBookSync::apply(const DepthUpdate& update) {
    for (const book::Level& l : update.bids) book_.apply(book::Side::Bid, l.price, l.qty);
    for (const book::Level& l : update.asks) book_.apply(book::Side::Ask, l.price, l.qty);
    last_id_ = update.final_update_id;
    first_applied_ = true;
    ++stats_.applied;
}

Result<SyncOutcome> BinanceBookSync::on_depth(const DepthUpdate& update) {
    if (synced_ && first_applied_) {
        if (update.final_update_id <= last_id_) {
            ++stats_.stale;  // a duplicate or an event older than the book
            return SyncOutcome::Stale;
        }
        if (update.first_update_id == last_id_ + 1) {
            apply(update);
            return SyncOutcome::Applied;
        }
        // A gap (or an event from the future that arrived early): start again.
        ++stats_.resyncs;
        reset();
        buffer_.push_back(update);
        AITP_TRY(apply_buffer());
        return SyncOutcome::Resync;
    }
    if (buffer_.size() >= max_buffer_) buffer_.erase(buffer_.begin());
    buffer_.push_back(update);
    return apply_buffer();
}

// Fetches a snapshot when none is loaded, then plays the buffered diffs against it.
Result<SyncOutcome> BinanceBookSync::apply_buffer() {
    if (!synced_) {
        AITP_TRY_ASSIGN(BookSnapshot snap, fetch_());
        // A snapshot older than the first buffered diff cannot be bridged: wait for the next
        // diff and fetch again then.
        if (snap.sequence < buffer_.front().first_update_id - 1) return SyncOutcome::Buffered;
        std::vector<book::Level> bids;
        std::vector<book::Level> asks;
        bids.reserve(snap.bids.size());
        asks.reserve(snap.asks.size());
        for (const BookLevel& l : snap.bids) bids.push_back({l.price, l.qty});
        for (const BookLevel& l : snap.asks) asks.push_back({l.price, l.qty});
        book_.replace(bids, asks);
        last_id_ = snap.sequence;
        synced_ = true;
        first_applied_ = false;
        ++stats_.snapshots;
    }
    SyncOutcome outcome = SyncOutcome::Buffered;
    std::vector<DepthUpdate> pending;
    pending.swap(buffer_);
    for (const DepthUpdate& u : pending) {
        if (u.final_update_id <= last_id_) {
            ++stats_.stale;
            outcome = outcome == SyncOutcome::Applied ? outcome : SyncOutcome::Stale;
            continue;
        }
        const bool bridges =
            first_applied_ ? u.first_update_id == last_id_ + 1 : u.first_update_id <= last_id_ + 1;
        if (!bridges) {
            // The snapshot does not reach this diff: drop the book and fetch again next time.
            ++stats_.resyncs;
            book_.clear();
            synced_ = false;
            first_applied_ = false;
            buffer_.push_back(u);
            outcome = SyncOutcome::Resync;
            continue;
        }
        if (!synced_) {
            buffer_.push_back(u);
            continue;
        }
        apply(u);
        outcome = SyncOutcome::Applied;
    }
    return outcome;
}

KrakenBookSync::KrakenBookSync(int depth, int price_decimals, int qty_decimals)
    : depth_(depth), price_decimals_(price_decimals), qty_decimals_(qty_decimals) {}

void KrakenBookSync::reset() {
    book_.clear();
    synced_ = false;
}

SyncOutcome KrakenBookSync::on_book(const KrakenBookMessage& message) {
    if (message.is_snapshot) {
        book_.replace(message.bids, message.asks);
        synced_ = true;
        ++stats_.snapshots;
    } else if (!synced_) {
        return SyncOutcome::Ignored;
    } else {
        // Kraken: levels within a message apply in the order sent (one price may repeat).
        for (const book::Level& l : message.bids) book_.apply(book::Side::Bid, l.price, l.qty);
        for (const book::Level& l : message.asks) book_.apply(book::Side::Ask, l.price, l.qty);
    }
    if (depth_ > 0) {
        book_.truncate(book::Side::Bid, static_cast<std::size_t>(depth_));
        book_.truncate(book::Side::Ask, static_cast<std::size_t>(depth_));
    }
    if (kraken_book_checksum(book_, price_decimals_, qty_decimals_) != message.checksum) {
        ++stats_.resyncs;
        reset();
        return SyncOutcome::Resync;
    }
    ++stats_.applied;
    return SyncOutcome::Applied;
}

}  // namespace aitp::exchange
