// SPDX-License-Identifier: MIT
// Kraken v2 book channel: the checksum example of Kraken's "Book checksum (WebSocket v2)" guide
// (BTC/USD, price precision 1, qty precision 8, checksum 3310070434), the book message
// examples of the "Book" channel page, and the sync's resubscribe on a mismatch.
#include "exchange/kraken_stream.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "exchange/book_sync.hpp"
#include "support/result.hpp"

namespace aitp::exchange {
namespace {

// The guide's snapshot, as Kraken sends it (numbers).
constexpr const char* kDocSnapshot = R"({"channel":"book","type":"snapshot","data":[{
  "symbol":"BTC/USD",
  "bids":[{"price":45283.5,"qty":0.10000000},{"price":45283.4,"qty":1.54582015},
          {"price":45282.1,"qty":0.10000000},{"price":45281.0,"qty":0.10000000},
          {"price":45280.3,"qty":1.54592586},{"price":45279.0,"qty":0.07990000},
          {"price":45277.6,"qty":0.03310103},{"price":45277.5,"qty":0.30000000},
          {"price":45277.3,"qty":1.54602737},{"price":45276.6,"qty":0.15445238}],
  "asks":[{"price":45285.2,"qty":0.00100000},{"price":45286.4,"qty":1.54571953},
          {"price":45286.6,"qty":1.54571109},{"price":45289.6,"qty":1.54560911},
          {"price":45290.2,"qty":0.15890660},{"price":45291.8,"qty":1.54553491},
          {"price":45294.7,"qty":0.04454749},{"price":45296.1,"qty":0.35380000},
          {"price":45297.5,"qty":0.09945542},{"price":45299.5,"qty":0.18772827}],
  "checksum":3310070434}]})";

TEST(KrakenStreamTest, Crc32MatchesTheStandardCheckValue) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);  // the CRC-32/ISO-HDLC check value
    EXPECT_EQ(crc32(""), 0u);
}

TEST(KrakenStreamTest, ChecksumMatchesTheDocumentedExample) {
    KrakenStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(const auto kind, d.decode(kDocSnapshot));
    ASSERT_EQ(kind, KrakenEvent::Book);
    EXPECT_TRUE(d.book().is_snapshot);
    EXPECT_EQ(d.book().symbol, "BTC/USD");
    EXPECT_EQ(d.book().checksum, 3310070434u);
    book::OrderBook b;
    b.replace(d.book().bids, d.book().asks);
    EXPECT_EQ(kraken_book_checksum(b, 1, 8), 3310070434u);
    b.apply(book::Side::Bid, 45283.5, 0.2);
    EXPECT_NE(kraken_book_checksum(b, 1, 8), 3310070434u);
}

TEST(KrakenStreamTest, SyncAppliesUpdatesAndResubscribesOnMismatch) {
    KrakenStreamDecoder d;
    KrakenBookSync sync(10, 1, 8);
    ASSERT_OK(d.decode(R"({"channel":"book","type":"update","data":[{"symbol":"BTC/USD",
      "bids":[],"asks":[],"checksum":1,"timestamp":"2023-10-06T17:35:55.440295Z"}]})"));
    EXPECT_EQ(sync.on_book(d.book()), SyncOutcome::Ignored);  // no snapshot yet
    ASSERT_OK(d.decode(kDocSnapshot));
    EXPECT_EQ(sync.on_book(d.book()), SyncOutcome::Applied);

    // An update: remove the best bid and add a new worst-in-range ask; the expected checksum
    // comes from a book built independently of the sync.
    book::OrderBook expected;
    expected.replace(d.book().bids, d.book().asks);
    expected.apply(book::Side::Bid, 45283.5, 0.0);
    expected.apply(book::Side::Ask, 45285.3, 2.5);
    expected.truncate(book::Side::Ask, 10);
    const std::uint32_t good = kraken_book_checksum(expected, 1, 8);
    const std::string update = fmt::format(
        R"({{"channel":"book","type":"update","data":[{{"symbol":"BTC/USD",)"
        R"("bids":[{{"price":45283.5,"qty":0}}],"asks":[{{"price":45285.3,"qty":2.5}}],)"
        R"("checksum":{},"timestamp":"2023-10-06T17:35:55.440295Z"}}]}})",
        good);
    ASSERT_OK(d.decode(update));
    EXPECT_EQ(sync.on_book(d.book()), SyncOutcome::Applied);
    EXPECT_EQ(sync.book(), expected);
    EXPECT_EQ(sync.book().level_count(book::Side::Ask), 10u);  // truncated to the depth

    ASSERT_OK(d.decode(R"({"channel":"book","type":"update","data":[{"symbol":"BTC/USD",
      "bids":[{"price":45200.0,"qty":1}],"asks":[],"checksum":12345,
      "timestamp":"2023-10-06T17:35:55.440295Z"}]})"));
    EXPECT_EQ(sync.on_book(d.book()), SyncOutcome::Resync);
    EXPECT_FALSE(sync.is_synced());
    EXPECT_EQ(sync.stats().resyncs, 1);
}

TEST(KrakenStreamTest, DecodesTradesHeartbeatsAndSubscriptions) {
    KrakenStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(auto kind, d.decode(R"({"channel":"trade","type":"update","data":[{
      "symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"ord_type":"market",
      "trade_id":4665906,"timestamp":"2023-09-25T07:49:37.708706Z"}]})"));
    ASSERT_EQ(kind, KrakenEvent::Trade);
    ASSERT_EQ(d.trades().size(), 1u);
    EXPECT_EQ(d.trades()[0].trade_id, 4665906);
    EXPECT_EQ(d.trades()[0].price, 0.5117);
    EXPECT_EQ(d.trades()[0].taker_side, model::OrderSide::Sell);
    ASSERT_OK_AND_ASSIGN(kind, d.decode(R"({"channel":"heartbeat"})"));
    EXPECT_EQ(kind, KrakenEvent::Heartbeat);
    auto bad = d.decode(R"({"channel":"book","type":"update","data":[{"symbol":"BTC/USD",
      "bids":[{"price":"x"}],"asks":[],"checksum":1}]})");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message().find("'bids'"), std::string::npos);
    const std::vector<std::string> syms{"BTC/USD"};
    EXPECT_EQ(
        kraken_subscribe_message("book", syms, 10),
        R"({"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10}})");
}

}  // namespace
}  // namespace aitp::exchange
