// SPDX-License-Identifier: MIT
#include "model/event_source.hpp"

#include <gtest/gtest.h>

#include "model/instrument.hpp"

namespace aitp::model {
namespace {

BarSeries series(std::initializer_list<UnixMillis> ts, double base) {
    BarSeries s;
    for (const UnixMillis t : ts) s.push_back({t, base, base, base, base, 1.0});
    return s;
}

TEST(BarSeriesEventSourceTest, MergesInTimeThenInstrumentOrder) {
    const BarSeries a = series({1, 3, 5}, 10.0);
    const BarSeries b = series({1, 2, 5, 6}, 20.0);
    auto src = BarSeriesEventSource::create({&a, &b});
    ASSERT_TRUE(src.has_value());
    EXPECT_EQ(src->remaining_hint(), 7u);
    std::vector<std::pair<UnixMillis, InstrumentId>> got;
    MarketEvent e;
    while (src->next(e)) {
        got.emplace_back(e.ts_event, e.instrument);
        EXPECT_EQ(e.data.bar.close, e.instrument == 0 ? 10.0 : 20.0);
    }
    const std::vector<std::pair<UnixMillis, InstrumentId>> want = {{1, 0}, {1, 1}, {2, 1}, {3, 0},
                                                                   {5, 0}, {5, 1}, {6, 1}};
    EXPECT_EQ(got, want);
    EXPECT_FALSE(src->next(e));
}

TEST(BarSeriesEventSourceTest, RejectsUnsortedSeries) {
    const BarSeries a = series({1, 3, 2}, 10.0);
    auto src = BarSeriesEventSource::create({&a});
    ASSERT_FALSE(src.has_value());
    EXPECT_NE(src.error().message().find("instrument 0: row 2"), std::string::npos);
}

TEST(VectorEventSourceTest, ReplaysAndValidatesOrder) {
    VectorEventSource ok({MarketEvent::make_bar(0, 1, {1, 1, 1, 1, 1}),
                          MarketEvent::make_bar(0, 2, {2, 2, 2, 2, 2})});
    EXPECT_TRUE(ok.validate().has_value());
    MarketEvent e;
    ASSERT_TRUE(ok.next(e));
    EXPECT_EQ(e.ts_event, 1);
    VectorEventSource bad({MarketEvent::make_bar(0, 2, {}), MarketEvent::make_bar(0, 1, {})});
    EXPECT_FALSE(bad.validate().has_value());
}

TEST(InstrumentTest, RoundsPricesAndFloorsQuantitiesToLots) {
    Instrument i = Instrument::crypto_spot("BTC/USDT");
    EXPECT_EQ(i.make_price(100.126).raw(), 100'130'000'000);
    EXPECT_EQ(i.make_qty(1.2345679).raw(), 1'234'567'000);
    i.lot_size = 0.1;
    EXPECT_EQ(i.make_qty(0.3).raw(), 300'000'000);
    EXPECT_EQ(i.make_qty(0.29).raw(), 200'000'000);
    EXPECT_EQ(i.make_qty(-1).raw(), 0);
    const Instrument fx = Instrument::forex("USD/JPY");
    EXPECT_EQ(fx.pip_size, 0.01);
    EXPECT_EQ(Instrument::forex("EUR/USD").price_precision, 5);
}

}  // namespace
}  // namespace aitp::model
