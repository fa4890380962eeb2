// SPDX-License-Identifier: MIT
// The Binance decoder on the example payloads printed in the Binance spot API docs
// ("WebSocket Streams": Diff. Depth, Trade, Individual Symbol Book Ticker, Kline; "Market data
// endpoints": Order book), with the comments removed.
#include "exchange/binance_stream.hpp"

#include <gtest/gtest.h>

#include "support/result.hpp"

namespace aitp::exchange {
namespace {

TEST(BinanceStreamTest, DecodesTheDocumentedDepthUpdate) {
    BinanceStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(const auto kind, d.decode(R"({
      "e": "depthUpdate", "E": 1672515782136, "s": "BNBBTC", "U": 157, "u": 160,
      "b": [["0.0024", "10"]], "a": [["0.0026", "100"]]})"));
    ASSERT_EQ(kind, BinanceEvent::DepthUpdate);
    EXPECT_EQ(d.depth().symbol, "BNBBTC");
    EXPECT_EQ(d.depth().event_ts, 1672515782136);
    EXPECT_EQ(d.depth().first_update_id, 157);
    EXPECT_EQ(d.depth().final_update_id, 160);
    EXPECT_EQ(d.depth().bids, (std::vector<book::Level>{{0.0024, 10.0}}));
    EXPECT_EQ(d.depth().asks, (std::vector<book::Level>{{0.0026, 100.0}}));
}

TEST(BinanceStreamTest, DecodesTheCombinedStreamEnvelope) {
    BinanceStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(const auto kind,
                         d.decode(R"({"stream":"bnbbtc@depth","data":{"e":"depthUpdate",)"
                                  R"("E":1,"s":"BNBBTC","U":5,"u":5,"b":[],"a":[["1.5","0"]]}})"));
    ASSERT_EQ(kind, BinanceEvent::DepthUpdate);
    EXPECT_EQ(d.depth().asks, (std::vector<book::Level>{{1.5, 0.0}}));
}

TEST(BinanceStreamTest, DecodesTradeBookTickerAndKline) {
    BinanceStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(auto kind, d.decode(R"({"e": "trade", "E": 1672515782136,
      "s": "BNBBTC", "t": 12345, "p": "0.001", "q": "100", "T": 1672515782136, "m": true,
      "M": true})"));
    ASSERT_EQ(kind, BinanceEvent::Trade);
    EXPECT_EQ(d.trade().trade_id, 12345);
    EXPECT_EQ(d.trade().price, 0.001);
    EXPECT_EQ(d.trade().qty, 100.0);
    EXPECT_EQ(d.trade().taker_side, model::OrderSide::Sell);  // the buyer was the maker

    ASSERT_OK_AND_ASSIGN(kind, d.decode(R"({"u":400900217, "s":"BNBUSDT", "b":"25.35190000",
      "B":"31.21000000", "a":"25.36520000", "A":"40.66000000"})"));
    ASSERT_EQ(kind, BinanceEvent::BookTicker);
    EXPECT_EQ(d.book_ticker().update_id, 400900217);
    EXPECT_EQ(d.book_ticker().bid, 25.3519);
    EXPECT_EQ(d.book_ticker().ask_qty, 40.66);

    ASSERT_OK_AND_ASSIGN(kind, d.decode(R"({"e": "kline", "E": 1672515782136, "s": "BNBBTC",
      "k": {"t": 1672515780000, "T": 1672515839999, "s": "BNBBTC", "i": "1m", "f": 100,
      "L": 200, "o": "0.0010", "c": "0.0020", "h": "0.0025", "l": "0.0015", "v": "1000",
      "n": 100, "x": false, "q": "1.0000", "V": "500", "Q": "0.500", "B": "123456"}})"));
    ASSERT_EQ(kind, BinanceEvent::Kline);
    EXPECT_EQ(d.kline().interval, "1m");
    EXPECT_EQ(d.kline().open_ts, 1672515780000);
    EXPECT_EQ(d.kline().high, 0.0025);
    EXPECT_EQ(d.kline().close, 0.002);
    EXPECT_FALSE(d.kline().closed);
}

TEST(BinanceStreamTest, SubscriptionAnswerIsOtherAndBadInputNamesTheField) {
    BinanceStreamDecoder d;
    ASSERT_OK_AND_ASSIGN(const auto kind, d.decode(R"({"result":null,"id":1})"));
    EXPECT_EQ(kind, BinanceEvent::Other);
    auto bad = d.decode(R"({"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["x","1"]],"a":[]})");
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().is_corruption());
    EXPECT_NE(bad.error().message().find("'b'"), std::string::npos) << bad.error().message();
    auto missing = d.decode(R"({"e":"depthUpdate","E":1,"s":"X","u":2,"b":[],"a":[]})");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message().find("'U'"), std::string::npos);
    EXPECT_FALSE(d.decode("{not json"));
}

TEST(BinanceStreamTest, StreamNamesAndSubscribeMessage) {
    ASSERT_OK_AND_ASSIGN(const auto depth, binance_stream_name("BTC/USDT", "depth"));
    EXPECT_EQ(depth, "btcusdt@depth@100ms");
    ASSERT_OK_AND_ASSIGN(const auto kline, binance_stream_name("ETH/BTC", "kline_1m"));
    EXPECT_EQ(kline, "ethbtc@kline_1m");
    EXPECT_FALSE(binance_stream_name("BTC/USDT", "candles"));
    const std::vector<std::string> streams{"btcusdt@depth@100ms", "btcusdt@trade"};
    EXPECT_EQ(binance_subscribe_message(streams, 1),
              R"({"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","btcusdt@trade"],"id":1})");
}

TEST(BinanceStreamTest, DepthSnapshotParsesAndRoundTrips) {
    ASSERT_OK_AND_ASSIGN(const BookSnapshot snap, parse_binance_depth_snapshot(R"({
      "lastUpdateId": 1027024, "bids": [["4.00000000", "431.00000000"]],
      "asks": [["4.00000200", "12.00000000"]]})"));
    EXPECT_EQ(snap.sequence, 1027024);
    EXPECT_EQ(snap.bids, (std::vector<BookLevel>{{4.0, 431.0}}));
    EXPECT_EQ(snap.asks, (std::vector<BookLevel>{{4.000002, 12.0}}));
    ASSERT_OK_AND_ASSIGN(const BookSnapshot back,
                         parse_binance_depth_snapshot(format_binance_depth_snapshot(snap)));
    EXPECT_EQ(back.sequence, snap.sequence);
    EXPECT_EQ(back.bids, snap.bids);
    EXPECT_EQ(back.asks, snap.asks);
    EXPECT_FALSE(parse_binance_depth_snapshot(R"({"bids":[],"asks":[]})"));
}

}  // namespace
}  // namespace aitp::exchange
