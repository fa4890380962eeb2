// SPDX-License-Identifier: MIT
#include "data/quality.hpp"

#include <chrono>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "data/csv.hpp"
#include "data/synthetic.hpp"
#include "support/test_paths.hpp"

namespace aitp::data {
namespace {

// The planted edge cases of tests/data/reference/ohlcv_b.csv, from its README: a 32-bar flat
// run at rows 1040-1071, zero volume at rows 0, 1043, 1044, 1050, 1063, 1569, 1716, 2185, and an
// open gap of +35 % and one of -30 %.
TEST(QualityTest, FindsThePlantedEdgeCasesOfReferenceB) {
    const auto bars = read_csv(testing::reference_file("ohlcv_b.csv"));
    ASSERT_TRUE(bars);
    QualityOptions o;
    o.timeframe = model::Timeframe::M1;
    const ManualClock clock(bars->ts().back());
    const QualityReport r = check_quality(*bars, o, clock);
    ASSERT_EQ(r.identical_runs.size(), 1u);
    EXPECT_EQ(r.identical_runs[0].first_row, 1040u);
    EXPECT_EQ(r.identical_runs[0].length, 32u);
    std::vector<std::size_t> zero;
    for (const auto& z : r.zero_volume) zero.push_back(z.row);
    EXPECT_EQ(zero, (std::vector<std::size_t>{0, 1043, 1044, 1050, 1063, 1569, 1716, 2185}));
    ASSERT_EQ(r.open_gaps.size(), 2u);
    EXPECT_NEAR(r.open_gaps[0].change, 0.35, 0.001);
    EXPECT_NEAR(r.open_gaps[1].change, -0.30, 0.001);
    EXPECT_TRUE(r.gaps.empty());
    EXPECT_FALSE(r.is_stale);
    EXPECT_FALSE(r.passed);
    const auto j = nlohmann::json::parse(quality_report_json(r));
    EXPECT_EQ(j["zero_volume_count"], 8);
    EXPECT_EQ(j["identical_runs"][0]["length"], 32);
}

TEST(QualityTest, ReferenceAIsClean) {
    const auto bars = read_csv(testing::reference_file("ohlcv_a.csv"));
    ASSERT_TRUE(bars);
    const ManualClock clock(bars->ts().back() + kMillisPerHour);
    const QualityReport r = check_quality(*bars, QualityOptions{}, clock);
    EXPECT_TRUE(r.passed) << quality_report_json(r);
}

TEST(QualityTest, DailyEquityHasNoWeekendOrHolidayGaps) {
    SyntheticParams p;
    p.bars = 600;
    p.timeframe = model::Timeframe::D1;
    p.start = *parse_iso8601("2023-01-02");
    p.calendar = model::AssetClass::Equity;
    const auto bars = generate_bars(p);
    ASSERT_TRUE(bars);
    const ManualClock clock(bars->ts().back());
    QualityOptions o;
    o.timeframe = model::Timeframe::D1;
    o.asset_class = model::AssetClass::Equity;
    EXPECT_TRUE(check_quality(*bars, o, clock).gaps.empty());
    // The same bars judged as 24/7 crypto are full of weekend gaps, as the original reported.
    o.asset_class = model::AssetClass::Crypto;
    EXPECT_GT(check_quality(*bars, o, clock).gaps.size(), 100u);
    // Removing one trading day (row 100) is exactly one gap of one bar.
    model::BarSeries holed = bars->slice_rows(0, 100);
    holed.append(bars->slice_rows(101, bars->size()));
    o.asset_class = model::AssetClass::Equity;
    const auto r = check_quality(holed, o, clock);
    ASSERT_EQ(r.gaps.size(), 1u);
    EXPECT_EQ(r.gaps[0].missing_bars, 1);
    EXPECT_EQ(r.gaps[0].to, bars->ts()[101]);
}

TEST(QualityTest, YahooStyleMidnightNewYorkStampsAcrossJulyFourth) {
    // yfinance stamps daily bars at 00:00 New York (04:00Z in summer).
    model::BarSeries b;
    for (const char* d : {"2024-07-01T04:00:00Z", "2024-07-02T04:00:00Z", "2024-07-03T04:00:00Z",
                          "2024-07-05T04:00:00Z", "2024-07-08T04:00:00Z"}) {
        b.push_back({*parse_iso8601(d), 10, 11, 9, 10.5, 100});
    }
    QualityOptions o;
    o.timeframe = model::Timeframe::D1;
    o.asset_class = model::AssetClass::Equity;
    const ManualClock clock(b.ts().back());
    EXPECT_TRUE(check_quality(b, o, clock).gaps.empty());
}

TEST(QualityTest, ReportsOhlcViolationsNansDuplicatesAndStaleness) {
    model::BarSeries b;
    b.push_back({0, 10, 9, 8, 9.5, 1});                  // high < open
    b.push_back({3600000, 10, 11, 10.5, 10.2, 1});       // low > close
    b.push_back({3600000, 10, 11, 9, std::nan(""), 1});  // duplicate stamp, NaN close
    b.push_back({5 * 3600000, 10, 11, 9, 10, 1});        // 3 missing hours
    const ManualClock clock(5 * 3600000 + 5 * kMillisPerHour);
    const auto r = check_quality(b, QualityOptions{}, clock);
    EXPECT_EQ(r.ohlc_violations.size(), 2u);
    EXPECT_TRUE(r.spacing_mismatches.empty());
    ASSERT_EQ(r.nan_columns.size(), 1u);
    EXPECT_EQ(r.nan_columns[0].first, "close");
    EXPECT_EQ(r.duplicate_timestamps.size(), 1u);
    ASSERT_EQ(r.gaps.size(), 1u);
    EXPECT_EQ(r.gaps[0].missing_bars, 3);
    EXPECT_TRUE(r.is_stale);  // the 6:00 bar closed at 7:00, 3 h before 10:00 > crypto's 2 h
    EXPECT_DOUBLE_EQ(r.stale_hours, 3.0);
}

// Issue 16 item 5: a two-row file from year 1 to 2024 is reported at once, with the count of the
// weekdays in between for forex daily bars (527774, from Python's proleptic Gregorian date).
TEST(QualityTest, TwoRowsTwoThousandYearsApartAreReportedAtOnce) {
    model::BarSeries b;
    b.push_back({*parse_iso8601("0001-01-01"), 1.1, 1.2, 1.0, 1.1, 5});
    b.push_back({*parse_iso8601("2024-01-01"), 1.1, 1.2, 1.0, 1.1, 5});
    const ManualClock clock(b.ts().back());
    QualityOptions o;
    o.asset_class = model::AssetClass::Forex;
    o.timeframe = model::Timeframe::D1;
    const auto start = std::chrono::steady_clock::now();
    const auto daily = check_quality(b, o, clock);
    o.asset_class = model::AssetClass::Equity;
    o.timeframe = model::Timeframe::M1;
    const auto minutes = check_quality(b, o, clock);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 1.0);
    ASSERT_EQ(daily.gaps.size(), 1u);
    EXPECT_EQ(daily.missing_bars, 527774);
    EXPECT_GT(minutes.missing_bars, 100'000'000);  // ~2000 years x 252 days x 390 minutes
    EXPECT_LT(minutes.missing_bars, 2024LL * 262 * 390);
}

// Issue 16 item 10: hourly bars judged as a 4h series are reported as off its spacing.
TEST(QualityTest, ReportsBarsOffTheTimeframeSpacing) {
    model::BarSeries b;
    for (int i = 0; i < 6; ++i) b.push_back({i * kMillisPerHour, 10, 11, 9, 10 + 0.1 * i, 1});
    QualityOptions o;
    o.timeframe = model::Timeframe::H4;
    const ManualClock clock(b.ts().back());
    const auto r = check_quality(b, o, clock);
    EXPECT_EQ(r.spacing_mismatches.size(), 5u);
    EXPECT_FALSE(r.passed);
    const auto j = nlohmann::json::parse(quality_report_json(r));
    EXPECT_EQ(j["spacing_mismatch_count"], 5);
    EXPECT_EQ(j["spacing_mismatches"][0]["issue"],
              "bar 1970-01-01T01:00:00Z comes 1h after the bar 1970-01-01T00:00:00Z, not a whole "
              "number of 4h bars");
    EXPECT_EQ(j["issues_summary"][0], "5 bars off the 4h spacing");
    o.timeframe = model::Timeframe::H1;
    EXPECT_TRUE(check_quality(b, o, clock).passed);
}

// Issue 16 item 9: the report lists bars import refuses, in the words of the shared rule.
TEST(QualityTest, ReportsBarDefectsInTheWordsOfTheImportRule) {
    model::BarSeries b;
    b.push_back({0, 10, 9, 11, 10, 1});                    // high < low
    b.push_back({kMillisPerHour, 10, 11, -9, 10, 1});      // negative low
    b.push_back({2 * kMillisPerHour, 10, 11, 9, 10, -1});  // negative volume
    const ManualClock clock(b.ts().back());
    const auto r = check_quality(b, QualityOptions{}, clock);
    ASSERT_EQ(r.ohlc_violations.size(), 3u);
    EXPECT_EQ(r.ohlc_violations[0].what, "high 9 is below low 11");
    EXPECT_EQ(r.ohlc_violations[1].what, "low is -9 (prices must be > 0)");
    EXPECT_EQ(r.ohlc_violations[2].what, "volume is -1 (must be >= 0)");
}

// Issue 16 item 10: one unreadable file gets a report of its own.
TEST(QualityTest, UnreadableReportSaysWhyAndFails) {
    QualityOptions o;
    o.source = "kraken";
    o.symbol = "BTC/USDT";
    const auto r = unreadable_report(o, "kraken_BTC_USDT_1h.parquet cannot be read (Corruption)");
    EXPECT_FALSE(r.passed);
    const auto j = nlohmann::json::parse(quality_report_json(r));
    EXPECT_EQ(j["error"], "kraken_BTC_USDT_1h.parquet cannot be read (Corruption)");
    EXPECT_EQ(j["symbol"], "BTC/USDT");
    EXPECT_EQ(j["rows"], 0);
    EXPECT_FALSE(j["passed"].get<bool>());
}

}  // namespace
}  // namespace aitp::data
