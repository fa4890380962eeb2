// SPDX-License-Identifier: MIT
#include "data/resample.hpp"

#include <gtest/gtest.h>

#include "data/csv.hpp"
#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

TEST(ResampleTest, HourlyToFourHourFirstMaxMinLastSum) {
    model::BarSeries h;
    // 2024-01-01T02:00Z .. 09:00Z: buckets [00:00, 04:00), [04:00, 08:00), [08:00, 12:00).
    const UnixMillis t0 = 1704067200000 + 2 * kMillisPerHour;
    for (int i = 0; i < 8; ++i) {
        h.push_back({t0 + i * kMillisPerHour, 10.0 + i, 20.0 + i, 5.0 - i, 11.0 + i, 1.0 + i});
    }
    const auto r = resample(h, model::Timeframe::H4);
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ(r->bar(0), (model::Bar{1704067200000, 10, 21, 4, 12, 3}));  // rows 0-1
    EXPECT_EQ(r->bar(1),
              (model::Bar{1704067200000 + 4 * kMillisPerHour, 12, 25, 0, 16, 18}));  // 2-5
    EXPECT_EQ(r->bar(2),
              (model::Bar{1704067200000 + 8 * kMillisPerHour, 16, 27, -2, 18, 15}));  // 6-7
}

TEST(ResampleTest, ReferenceHourlyToDailyAgreesWithLoop) {
    const auto bars = read_csv(testing::reference_file("ohlcv_a.csv"));
    ASSERT_TRUE(bars);
    const auto d = resample(*bars, model::Timeframe::D1);
    ASSERT_TRUE(d);
    // Independent check: each daily bar against a direct scan of its 24 hours.
    for (std::size_t k = 0; k < d->size(); ++k) {
        const UnixMillis day = d->ts()[k];
        double hi = -1e300, lo = 1e300, vol = 0, open = 0, close = 0;
        bool first = true;
        for (std::size_t i = 0; i < bars->size(); ++i) {
            if (bars->ts()[i] < day || bars->ts()[i] >= day + kMillisPerDay) continue;
            if (first) open = bars->open()[i];
            first = false;
            hi = std::max(hi, bars->high()[i]);
            lo = std::min(lo, bars->low()[i]);
            vol += bars->volume()[i];
            close = bars->close()[i];
        }
        ASSERT_EQ(d->bar(k), (model::Bar{day, open, hi, lo, close, vol})) << k;
    }
    EXPECT_EQ(d->size(), 209u);  // 5000 hours from 2024-01-01T00Z end on day 209 (0-based 208)
}

TEST(ResampleTest, RejectsFinerTargetAndUnsortedInput) {
    model::BarSeries d;
    d.push_back({0, 1, 1, 1, 1, 1});
    d.push_back({kMillisPerDay, 1, 1, 1, 1, 1});
    EXPECT_FALSE(resample(d, model::Timeframe::H1));
    model::BarSeries u;
    u.push_back({kMillisPerHour, 1, 1, 1, 1, 1});
    u.push_back({0, 1, 1, 1, 1, 1});
    EXPECT_FALSE(resample(u, model::Timeframe::D1));
}

}  // namespace
}  // namespace aitp::data
