// SPDX-License-Identifier: MIT
// Parameter and input validation: bad periods are errors naming the value, windows longer than
// the series give all-NaN output, NaN/infinite inputs are errors naming the row, empty input is
// an empty result; plus registry, flavour selection, VWAP anchoring and the many-series API.
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "indicators/average/hull_ma.hpp"
#include "indicators/average/sma.hpp"
#include "indicators/many_series.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/parity_support.hpp"
#include "indicators/talib/sma.hpp"
#include "indicators/volume/vwap.hpp"
#include "support/test_paths.hpp"

namespace aitp::indicators {
namespace {

TEST(IndicatorValidationTest, PeriodZeroIsAnErrorNamingTheValue) {
    std::vector<double> in{1, 2, 3};
    std::vector<double> out(3);
    const Status st = sma(in, {0}, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_TRUE(st.error().is_invalid_argument());
    EXPECT_EQ(st.error().message(), "period must be >= 1, was 0");
}

TEST(IndicatorValidationTest, NegativePeriodIsAnError) {
    std::vector<double> in{1, 2, 3};
    std::vector<double> out(3);
    const Status st = talib::sma(in, {-5}, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "period must be >= 1, was -5");
}

TEST(IndicatorValidationTest, HullMaNeedsPeriodTwo) {
    std::vector<double> in{1, 2, 3};
    std::vector<double> out(3);
    const Status st = hull_ma(in, {1}, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "period must be >= 2, was 1");
}

// A stream trusts its caller, but bad parameters abort with the rule and the value, before the
// constructor builds anything from them (a window of -5 values would be a huge allocation).
TEST(IndicatorValidationDeathTest, StreamWithBadParametersAbortsNamingTheRule) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH(Sma(SmaParams{-5}), "valid parameters: period must be >= 1, was -5");
    EXPECT_DEATH(talib::Sma(talib::SmaParams{0}), "valid parameters: period must be >= 1, was 0");
    EXPECT_DEATH(HullMa(HullMaParams{1}), "valid parameters: period must be >= 2, was 1");
}

TEST(IndicatorValidationTest, WindowLongerThanSeriesGivesAllNaN) {
    std::vector<double> in{1, 2, 3, 4};
    std::vector<double> out(4, 0.0);
    ASSERT_TRUE(sma(in, {10}, out).has_value());
    for (double v : out) {
        EXPECT_TRUE(std::isnan(v));
    }
}

TEST(IndicatorValidationTest, NaNInputIsAnErrorNamingTheRow) {
    std::vector<double> in{1, 2, 3, std::numeric_limits<double>::quiet_NaN()};
    std::vector<double> out(4);
    const Status st = sma(in, {2}, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "input[3] is NaN; inputs must be finite");
}

TEST(IndicatorValidationTest, InfiniteInputIsAnError) {
    std::vector<double> in{1, std::numeric_limits<double>::infinity(), 3};
    std::vector<double> out(3);
    MacdOutputs o{out, out, out};
    const Status st = macd(in, {}, o);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "close[1] is infinite; inputs must be finite");
}

TEST(IndicatorValidationTest, EmptyInputGivesEmptyOutput) {
    std::vector<double> in;
    std::vector<double> out;
    EXPECT_TRUE(sma(in, {20}, out).has_value());
    const IndicatorInfo* info = find_indicator("adx");
    ASSERT_NE(info, nullptr);
    auto table = compute_flavor(Flavor::Reference, SeriesInput{}, {});
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->names.size(), 60u);
    EXPECT_TRUE(table->column(0).empty());
}

TEST(IndicatorValidationTest, OutputSizeMismatchIsAnError) {
    std::vector<double> in{1, 2, 3};
    std::vector<double> out(2);
    const Status st = sma(in, {2}, out);
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().message(), "output 0 has 2 values but the input has 3");
}

TEST(IndicatorValidationTest, PeriodOneSmaReturnsTheInput) {
    std::vector<double> in{1.5, -2.25, 3.125};
    std::vector<double> out(3);
    ASSERT_TRUE(sma(in, {1}, out).has_value());
    EXPECT_EQ(out, in);
}

TEST(IndicatorRegistryTest, ValidatesParametersWithClearMessages) {
    const IndicatorInfo* info = find_indicator("rsi");
    ASSERT_NE(info, nullptr);
    const std::vector<double> zero{0};
    EXPECT_EQ(info->validate_params(zero).error().message(), "period must be >= 1, was 0");
    const std::vector<double> frac{2.5};
    EXPECT_EQ(info->validate_params(frac).error().message(), "period must be an integer, was 2.5");
    const std::vector<double> none;
    EXPECT_FALSE(info->validate_params(none).has_value());
    EXPECT_FALSE(make_stream(*info, zero).has_value());
}

TEST(IndicatorRegistryTest, EveryEntryIsComplete) {
    std::size_t index = 0;
    for (const IndicatorInfo& info : registry()) {
        EXPECT_EQ(static_cast<std::size_t>(info.id), index++) << info.name;  // ids in order
        EXPECT_EQ(find_indicator(info.name), &info) << info.name;            // names unique
        EXPECT_NE(info.kernel, nullptr) << info.name;
        EXPECT_NE(info.lookback, nullptr) << info.name;
        EXPECT_FALSE(info.inputs.empty()) << info.name;
        EXPECT_FALSE(info.outputs.empty()) << info.name;
        EXPECT_NE(info.batch, nullptr) << info.name;
        EXPECT_NE(info.make_stream, nullptr) << info.name;
        EXPECT_TRUE(info.validate_params(info.default_params()).has_value()) << info.name;
    }
    EXPECT_EQ(flavor_columns(Flavor::Reference).size(), 60u);
    EXPECT_EQ(flavor_columns(Flavor::Talib).size(), 17u);
    EXPECT_EQ(flavor_columns(Flavor::Extra).size(), 7u);
}

TEST(IndicatorRegistryTest, SelectsColumnsByNameOrPrefix) {
    const std::vector<std::string> only{"macd", "rsi"};
    auto cols = select_columns(Flavor::Reference, only);
    ASSERT_TRUE(cols.has_value());
    ASSERT_EQ(cols->size(), 4u);
    EXPECT_EQ((*cols)[0]->column, "rsi");
    EXPECT_EQ((*cols)[1]->column, "macd.macd");
    const std::vector<std::string> bad{"nope"};
    auto err = select_columns(Flavor::Talib, bad);
    ASSERT_FALSE(err.has_value());
    EXPECT_EQ(err.error().message(), "unknown indicator or column 'nope' for flavor talib");
    EXPECT_FALSE(parse_flavor("pandas").has_value());
    EXPECT_EQ(*parse_flavor("talib"), Flavor::Talib);
}

TEST(IndicatorVwapTest, UtcDayAnchorRestartsAtMidnight) {
    const std::int64_t day = 86'400'000;
    std::vector<std::int64_t> ts{day - 3'600'000, day, day + 3'600'000};
    std::vector<double> h{10, 20, 30}, l{10, 20, 30}, c{10, 20, 30}, v{1, 1, 1};
    std::vector<double> out(3);
    ASSERT_TRUE(vwap(ts, h, l, c, v, {VwapAnchor::UtcDay}, out).has_value());
    EXPECT_DOUBLE_EQ(out[0], 10.0);
    EXPECT_DOUBLE_EQ(out[1], 20.0);
    EXPECT_DOUBLE_EQ(out[2], 25.0);
    ASSERT_TRUE(vwap(ts, h, l, c, v, {VwapAnchor::None}, out).has_value());
    EXPECT_DOUBLE_EQ(out[2], 20.0);
}

TEST(IndicatorManySeriesTest, MatchesSingleSeriesResults) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    const testing::OhlcvData b = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_b.csv"));
    std::vector<SeriesInput> series{a.input(), b.input(), a.input(), b.input(), a.input()};
    for (Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
        auto many = compute_many(f, series, {}, 2);
        ASSERT_TRUE(many.has_value());
        ASSERT_EQ(many->size(), series.size());
        for (std::size_t i = 0; i < series.size(); ++i) {
            auto single = compute_flavor(f, series[i]);
            ASSERT_TRUE(single.has_value());
            ASSERT_EQ((*many)[i].names, single->names);
            for (std::size_t k = 0; k < single->names.size(); ++k) {
                EXPECT_EQ(testing::compare_exact((*many)[i].column(k), single->column(k)), "");
            }
        }
    }
}

// A whole set (which scans its inputs once, and the prices together with the true range)
// reports a non-finite input it reads by column and row, and ignores a column it does not read.
TEST(IndicatorSetTest, NonFiniteInputIsReportedByColumnAndRow) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    for (const char* column : {"high", "low", "close", "volume"}) {
        for (const double bad :
             {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
            std::vector<double> h = a.high, l = a.low, c = a.close, v = a.volume;
            std::vector<double>& col = std::string_view(column) == "high"    ? h
                                       : std::string_view(column) == "low"   ? l
                                       : std::string_view(column) == "close" ? c
                                                                             : v;
            col[5] = bad;
            const SeriesInput in{a.ts, a.open, h, l, c, v};
            for (const Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
                auto table = compute_flavor(f, in);
                if (f == Flavor::Extra && std::string_view(column) == "volume") {
                    EXPECT_TRUE(table.has_value());  // Ichimoku and Squeeze do not read volume
                    continue;
                }
                ASSERT_FALSE(table.has_value()) << column;
                EXPECT_EQ(table.error().message(), std::string(column) + "[5] is " +
                                                       (bad != bad ? "NaN" : "infinite") +
                                                       "; inputs must be finite");
            }
        }
    }
}

// Finite prices so large that derived values overflow (true range, typical price, price
// changes, the MACD line): a set gives the single kernels' values (its shared and vector-lane
// paths hand such series back to the single kernels), never an error or other numbers.
TEST(IndicatorSetTest, OverflowingDerivedValuesGiveTheSingleKernelsValues) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    testing::OhlcvData big = a;
    big.high[40] = 1.5e308;
    big.low[40] = -1.5e308;  // high - low overflows
    big.close[41] = 1.7e308;
    big.close[42] = -1.7e308;  // close changes and the EMAs' difference overflow
    big.high[41] = 1.7e308;
    big.low[42] = -1.7e308;
    for (const Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
        auto table = compute_flavor(f, big.input());
        ASSERT_TRUE(table.has_value()) << table.error().message();
        const std::vector<ColumnSpec>& cols = flavor_columns(f);
        for (std::size_t k = 0; k < cols.size(); ++k) {
            const IndicatorInfo* info = find_indicator(cols[k].indicator);
            ASSERT_NE(info, nullptr);
            std::vector<std::vector<double>> single(info->outputs.size(),
                                                    std::vector<double>(big.size()));
            std::vector<std::span<double>> spans(single.begin(), single.end());
            ASSERT_TRUE(run_batch(*info, big.input(), cols[k].params, spans).has_value());
            EXPECT_EQ(testing::compare_exact(table->column(k), single[cols[k].output]), "")
                << cols[k].column;
        }
    }
    // Period 1 Wilder averages (alpha 1): 0 * inf is NaN, after which pandas' ewm restarts and
    // a plain vector step would not.
    const std::vector<ColumnSpec> custom = {
        {"rsi1", "rsi", {1}, 0}, {"adx1", "adx", {1}, 0}, {"macd", "macd", {12, 26, 9}, 1}};
    std::vector<const ColumnSpec*> ptrs;
    for (const ColumnSpec& c : custom) {
        ptrs.push_back(&c);
    }
    ColumnTable got;
    ASSERT_TRUE(compute_columns(ptrs, big.input(), got).has_value());
    for (std::size_t k = 0; k < custom.size(); ++k) {
        const IndicatorInfo* info = find_indicator(custom[k].indicator);
        std::vector<std::vector<double>> single(info->outputs.size(),
                                                std::vector<double>(big.size()));
        std::vector<std::span<double>> spans(single.begin(), single.end());
        ASSERT_TRUE(run_batch(*info, big.input(), custom[k].params, spans).has_value());
        EXPECT_EQ(testing::compare_exact(got.column(k), single[custom[k].output]), "")
            << custom[k].column;
    }
}

// The duplicate columns of a set (the second bollinger_bands, macd, rsi, ... of the reference
// flavour) are aliases of the first: stored once, and equal to their single kernel, also when
// the vector lanes stop part-way (a close that overflows the MACD line at row 3001) and the
// single kernels compute those columns again. The whole flavour and two subsets, computed into
// one table in turn (its columns reused).
TEST(IndicatorSetTest, DuplicateColumnsAreAliasesThatEqualTheSingleKernels) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    testing::OhlcvData late = a;
    late.close[3001] = 1.7e308;
    late.high[3001] = 1.7e308;
    late.close[3002] = -1.7e308;
    late.low[3002] = -1.7e308;
    const std::vector<std::vector<std::string>> subsets = {
        {},  // every column
        {"bollinger_bands", "add_all_indicators.bb_upper", "add_all_indicators.bb_mid", "obv",
         "add_all_indicators.obv", "cci", "add_all_indicators.cci_20"},
        {"adx", "rsi", "add_all_indicators.rsi_14", "macd", "add_all_indicators.macd_hist", "mfi",
         "add_all_indicators.mfi_14"},
    };
    ColumnTable table;
    for (const std::vector<std::string>& only : subsets) {
        auto selected = select_columns(Flavor::Reference, only);
        ASSERT_TRUE(selected.has_value()) << selected.error().message();
        const std::vector<const ColumnSpec*>& ptrs = *selected;
        for (const testing::OhlcvData* bars : {&a, static_cast<const testing::OhlcvData*>(&late)}) {
            ASSERT_TRUE(compute_columns(ptrs, bars->input(), table).has_value());
            ASSERT_EQ(table.names.size(), ptrs.size());
            for (std::size_t k = 0; k < ptrs.size(); ++k) {
                const ColumnSpec& col = *ptrs[k];
                // An alias exactly when an earlier column names the same call and output.
                bool repeats = false;
                for (std::size_t e = 0; e < k; ++e) {
                    const bool same = ptrs[e]->indicator == col.indicator &&
                                      ptrs[e]->params == col.params &&
                                      ptrs[e]->output == col.output;
                    repeats = repeats || same;
                    if (same) {
                        EXPECT_EQ(table.source[k], table.source[e]) << col.column;
                    }
                }
                if (!repeats) {
                    for (std::size_t e = 0; e < k; ++e) {
                        EXPECT_NE(table.source[k], table.source[e]) << col.column;
                    }
                }
                const IndicatorInfo* info = find_indicator(col.indicator);
                ASSERT_NE(info, nullptr);
                std::vector<std::vector<double>> single(info->outputs.size(),
                                                        std::vector<double>(bars->size()));
                std::vector<std::span<double>> spans(single.begin(), single.end());
                ASSERT_TRUE(run_batch(*info, bars->input(), col.params, spans).has_value());
                EXPECT_EQ(testing::compare_exact(table.column(k), single[col.output]), "")
                    << col.column << " (subset of " << only.size() << ")";
            }
        }
    }
    // The reference set: 60 columns, 16 of them repeats (rsi_14, macd x3, stoch x2, cci_20,
    // williams_r_14, atr_14, bb x5, obv, mfi_14).
    auto full = compute_flavor(Flavor::Reference, a.input());
    ASSERT_TRUE(full.has_value());
    EXPECT_EQ(full->names.size(), 60u);
    EXPECT_EQ(full->distinct.size(), 44u);
}

// A set whose input columns differ in length is an error naming the column, for any column
// it reads (and no error for one it does not read).
TEST(IndicatorSetTest, MismatchedColumnLengthsAreAnError) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    std::vector<double> shorter(a.volume.begin(), a.volume.end() - 1);
    std::vector<double> longer = a.high;
    longer.push_back(1.0);
    auto r = compute_flavor(Flavor::Reference, {a.ts, a.open, a.high, a.low, a.close, shorter});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(),
              fmt::format("volume has {} values but close has {}", a.size() - 1, a.size()));
    r = compute_flavor(Flavor::Reference, {a.ts, a.open, longer, a.low, a.close, a.volume});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(),
              fmt::format("high has {} values but close has {}", a.size() + 1, a.size()));
    const std::vector<std::string> only{"sma"};  // reads the close only
    EXPECT_TRUE(
        compute_flavor(Flavor::Reference, {a.ts, a.open, longer, a.low, a.close, shorter}, only)
            .has_value());
}

// run_batch checks what an entry reads before its unchecked kernel runs: a NaN in any input
// column of any entry is an error naming that column and row.
TEST(IndicatorRegistryTest, RunBatchReportsANonFiniteInputOfEveryEntry) {
    const testing::OhlcvData a = testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    for (const IndicatorInfo& info : registry()) {
        for (const std::string_view column : info.inputs) {
            if (column == "timestamp") {
                continue;
            }
            testing::OhlcvData bad = a;
            std::vector<double>& col = column == "high"    ? bad.high
                                       : column == "low"   ? bad.low
                                       : column == "close" ? bad.close
                                                           : bad.volume;
            col[5] = std::numeric_limits<double>::quiet_NaN();
            std::vector<std::vector<double>> out(info.outputs.size(),
                                                 std::vector<double>(bad.size()));
            std::vector<std::span<double>> spans(out.begin(), out.end());
            const Status st = run_batch(info, bad.input(), info.default_params(), spans);
            ASSERT_FALSE(st.has_value()) << info.name << " " << column;
            EXPECT_EQ(st.error().message(),
                      std::string(column) + "[5] is NaN; inputs must be finite")
                << info.name;
        }
    }
}

TEST(IndicatorManySeriesTest, ReportsTheFailingSeries) {
    std::vector<double> ok{1, 2, 3}, bad{1, std::numeric_limits<double>::quiet_NaN(), 3};
    std::vector<SeriesInput> series{{{}, ok, ok, ok, ok, ok}, {{}, bad, bad, bad, bad, bad}};
    const std::vector<std::string> only{"sma"};
    auto r = compute_many(Flavor::Reference, series, only, 2);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message(), "series 1: close[1] is NaN; inputs must be finite");
}

}  // namespace
}  // namespace aitp::indicators
