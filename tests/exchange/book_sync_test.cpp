// SPDX-License-Identifier: MIT
// BinanceBookSync without a network: the documented example, and scripted streams (sync_script)
// whose truth is an std::map book, with late snapshots, gaps, duplicates and reordering.
#include "exchange/book_sync.hpp"

#include <gtest/gtest.h>

#include "exchange/sync_script.hpp"
#include "support/result.hpp"

namespace aitp::exchange {
namespace {

using testing::DepthScript;

DepthUpdate decode_event(const testing::ScriptEvent& ev) {
    BinanceStreamDecoder d;
    auto kind = d.decode(ev.json());
    EXPECT_TRUE(kind && *kind == BinanceEvent::DepthUpdate);
    return d.depth();
}

DepthUpdate update(std::int64_t first, std::int64_t final_id, double bid_px, double bid_qty) {
    DepthUpdate u;
    u.first_update_id = first;
    u.final_update_id = final_id;
    u.bids.push_back({bid_px, bid_qty});
    return u;
}

// Binance's walk-through: snapshot lastUpdateId 160; the buffered event 157..160 is dropped,
// 161..165 is the first applied (U <= 161 <= u), then 166.. follows.
TEST(BookSyncTest, FollowsTheDocumentedProcedure) {
    int fetches = 0;
    BinanceBookSync sync([&]() -> Result<BookSnapshot> {
        ++fetches;
        BookSnapshot s;
        s.sequence = 160;
        s.bids = {{10.0, 1.0}};
        s.asks = {{11.0, 1.0}};
        return s;
    });
    ASSERT_OK_AND_ASSIGN(auto r, sync.on_depth(update(157, 160, 10.0, 5.0)));
    EXPECT_EQ(r, SyncOutcome::Stale);
    EXPECT_EQ(fetches, 1);
    EXPECT_EQ(sync.book().best_bid(), (book::Level{10.0, 1.0}));  // 157..160 not applied
    ASSERT_OK_AND_ASSIGN(r, sync.on_depth(update(159, 165, 10.0, 2.0)));
    EXPECT_EQ(r, SyncOutcome::Applied);
    ASSERT_OK_AND_ASSIGN(r, sync.on_depth(update(166, 166, 9.5, 3.0)));
    EXPECT_EQ(r, SyncOutcome::Applied);
    ASSERT_OK_AND_ASSIGN(r, sync.on_depth(update(166, 166, 9.5, 7.0)));  // a duplicate
    EXPECT_EQ(r, SyncOutcome::Stale);
    EXPECT_EQ(sync.book().level(book::Side::Bid, 0), (book::Level{10.0, 2.0}));
    EXPECT_EQ(sync.book().level(book::Side::Bid, 1), (book::Level{9.5, 3.0}));
    EXPECT_EQ(sync.last_update_id(), 166);
    EXPECT_EQ(fetches, 1);
}

TEST(BookSyncTest, RefetchesWhileTheSnapshotIsOlderThanTheStream) {
    std::vector<std::int64_t> ids{90, 120};
    std::size_t next = 0;
    BinanceBookSync sync([&]() -> Result<BookSnapshot> {
        BookSnapshot s;
        s.sequence = ids.at(std::min(next++, ids.size() - 1));
        return s;
    });
    ASSERT_OK_AND_ASSIGN(auto r, sync.on_depth(update(101, 110, 1.0, 1.0)));
    EXPECT_EQ(r, SyncOutcome::Buffered);  // snapshot 90 cannot reach 101
    EXPECT_FALSE(sync.is_synced());
    ASSERT_OK_AND_ASSIGN(r, sync.on_depth(update(111, 121, 1.0, 2.0)));
    EXPECT_EQ(r, SyncOutcome::Applied);  // snapshot 120: 101..110 dropped, 111..121 bridges
    EXPECT_EQ(sync.last_update_id(), 121);
    EXPECT_EQ(sync.book().best_bid(), (book::Level{1.0, 2.0}));
}

TEST(BookSyncTest, FetchErrorIsReturnedAndRetriedOnTheNextEvent) {
    bool fail_next = true;
    BinanceBookSync sync([&]() -> Result<BookSnapshot> {
        if (fail_next) {
            fail_next = false;
            return fail(Error::io_error("depth snapshot: 503"));
        }
        BookSnapshot s;
        s.sequence = 5;
        return s;
    });
    EXPECT_FALSE(sync.on_depth(update(5, 6, 1.0, 1.0)));
    ASSERT_OK_AND_ASSIGN(auto r, sync.on_depth(update(7, 7, 2.0, 1.0)));
    EXPECT_EQ(r, SyncOutcome::Applied);
    EXPECT_EQ(sync.book().level_count(book::Side::Bid), 2u);
}

// Feeds script events by index; the fetcher answers the truth at the newest event fed so far
// (what the venue would have by then).
struct Harness {
    explicit Harness(const DepthScript& s)
        : script(s),
          sync([this]() -> Result<BookSnapshot> { return script.state(newest).snapshot(); }) {}
    void feed(std::size_t i) {
        newest = std::max(newest, i + 1);
        auto r = sync.on_depth(decode_event(script.events()[i]));
        ASSERT_TRUE(r) << r.error().to_string();
    }
    const DepthScript& script;
    std::size_t newest = 0;
    BinanceBookSync sync;
};

TEST(BookSyncTest, ScriptedStreamMatchesTheModel) {
    const DepthScript script(7, 400);
    Harness h(script);
    for (std::size_t i = 20; i < script.events().size(); ++i) h.feed(i);  // joins late
    EXPECT_EQ(h.sync.book().top(), script.final_state().depth());
    EXPECT_EQ(h.sync.stats().snapshots, 1);
    EXPECT_EQ(h.sync.stats().resyncs, 0);
}

TEST(BookSyncTest, GapTriggersResyncAndTheBookIsRightAfterwards) {
    const DepthScript script(8, 300);
    Harness h(script);
    for (std::size_t i = 0; i < script.events().size(); ++i) {
        if (i == 150) continue;  // lost
        h.feed(i);
        if (i == 149) {
            EXPECT_EQ(h.sync.book().top(), script.state(150).depth());
        }
    }
    EXPECT_EQ(h.sync.stats().resyncs, 1);
    EXPECT_EQ(h.sync.stats().snapshots, 2);
    EXPECT_EQ(h.sync.book().top(), script.final_state().depth());
}

TEST(BookSyncTest, DuplicatesAndReorderedEventsEndInTheRightBook) {
    const DepthScript script(9, 300);
    Harness h(script);
    for (std::size_t i = 0; i < script.events().size(); ++i) {
        if (i == 100) {
            h.feed(101);  // 101 overtakes 100: a gap, then 100 is older than the new book
            h.feed(100);
            continue;
        }
        if (i == 101) continue;
        h.feed(i);
        if (i % 50 == 0) h.feed(i);  // duplicated
    }
    EXPECT_EQ(h.sync.book().top(), script.final_state().depth());
    EXPECT_EQ(h.sync.stats().resyncs, 1);
    EXPECT_GE(h.sync.stats().stale, 6);
}

}  // namespace
}  // namespace aitp::exchange
