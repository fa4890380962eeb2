// SPDX-License-Identifier: MIT
// Streaming objects equal their batch kernels: for every registered indicator and flavour, bars
// fed in chunks of 1, 2, 3, 7, 13, 100 and all give bit-identical values at every row (values that
// look forward, Ichimoku's chikou, are matched to the row they belong to).
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/average/hull_ma.hpp"
#include "indicators/average/wma.hpp"
#include "indicators/common.hpp"
#include "indicators/extras/squeeze.hpp"
#include "indicators/parity_support.hpp"
#include "support/test_paths.hpp"

namespace aitp::indicators {
namespace {

const testing::OhlcvData& edge_case_bars() {
    static const testing::OhlcvData d =
        testing::load_ohlcv(aitp::testing::reference_file("ohlcv_b.csv"));
    return d;
}

std::vector<std::vector<double>> run_batch_outputs(const IndicatorInfo& info,
                                                   const testing::OhlcvData& bars,
                                                   std::vector<double> params = {}) {
    std::vector<std::vector<double>> outs(info.outputs.size(), std::vector<double>(bars.size()));
    std::vector<std::span<double>> spans(outs.begin(), outs.end());
    if (params.empty()) {
        params = info.default_params();
    }
    const Status st = run_batch(info, bars.input(), params, spans);
    EXPECT_TRUE(st.has_value()) << st.error().to_string();
    return outs;
}

// Feeds bars through a stream in chunks of `chunk`, placing each output at its own row.
std::vector<std::vector<double>> run_stream_outputs(const IndicatorInfo& info,
                                                    StreamingIndicator& s,
                                                    const testing::OhlcvData& bars,
                                                    std::size_t chunk,
                                                    std::vector<double> params = {}) {
    const std::size_t n = bars.size();
    if (params.empty()) {
        params = info.default_params();
    }
    std::vector<std::vector<double>> outs(info.outputs.size(), std::vector<double>(n, kNaN));
    std::vector<double> row(info.outputs.size());
    for (std::size_t begin = 0; begin < n; begin += chunk) {
        const std::size_t end = std::min(n, begin + chunk);
        for (std::size_t i = begin; i < end; ++i) {
            s.update(bars.bar(i), row);
            for (std::size_t k = 0; k < row.size(); ++k) {
                const int off = info.row_offset ? info.row_offset(params, k) : 0;
                const long long target = static_cast<long long>(i) + off;
                if (target >= 0) {
                    outs[k][static_cast<std::size_t>(target)] = row[k];
                }
            }
        }
    }
    return outs;
}

class IndicatorStreamingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(IndicatorStreamingTest, EqualsBatchForEveryChunkSize) {
    const IndicatorInfo* info = find_indicator(GetParam());
    ASSERT_NE(info, nullptr);
    const testing::OhlcvData& bars = edge_case_bars();
    const auto batch = run_batch_outputs(*info, bars);
    const std::vector<double> params = info->default_params();
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7},
                                    std::size_t{13}, std::size_t{100}, bars.size()}) {
        auto stream = make_stream(*info, params);
        ASSERT_TRUE(stream.has_value());
        const auto streamed = run_stream_outputs(*info, **stream, bars, chunk);
        for (std::size_t k = 0; k < batch.size(); ++k) {
            EXPECT_EQ(testing::compare_exact(streamed[k], batch[k]), "")
                << info->column_name(k) << " chunk " << chunk;
        }
    }
}

TEST_P(IndicatorStreamingTest, ResetRestartsFromScratch) {
    const IndicatorInfo* info = find_indicator(GetParam());
    ASSERT_NE(info, nullptr);
    const testing::OhlcvData& bars = edge_case_bars();
    auto stream = make_stream(*info, info->default_params());
    ASSERT_TRUE(stream.has_value());
    const auto first = run_stream_outputs(*info, **stream, bars, 64);
    (*stream)->reset();
    const auto second = run_stream_outputs(*info, **stream, bars, 64);
    for (std::size_t k = 0; k < first.size(); ++k) {
        EXPECT_EQ(testing::compare_exact(second[k], first[k]), "") << info->column_name(k);
    }
}

// The batch kernels that read windows from the input spans or compute several bars at once in
// vector lanes have period-dependent edge cases (lane tails, chunk boundaries, block starts):
// batch must still equal the stream bit for bit for periods around those edges.
TEST(IndicatorStreamingEdgeTest, WindowKernelsEqualStreamsForManyPeriods) {
    const testing::OhlcvData& bars = edge_case_bars();
    const struct {
        const char* name;
        std::vector<std::vector<double>> params;
    } cases[] = {
        {"talib.CCI", {{1}, {2}, {3}, {7}, {8}, {9}, {16}, {20}, {64}, {128}, {129}, {1100}}},
        {"cci", {{1}, {7}, {8}, {9}, {16}, {17}, {129}}},
        {"wma", {{1}, {2}, {8}, {9}, {16}, {17}, {50}, {64}, {65}, {130}}},
        {"hull_ma", {{2}, {3}, {9}, {16}, {17}, {64}, {65}, {130}}},
        {"williams_r", {{1}, {2}, {8}, {9}, {17}}},
        {"stochastic", {{1, 1}, {8, 3}, {9, 2}, {17, 5}}},
        {"talib.WILLR", {{1}, {8}, {9}, {17}}},
        {"talib.STOCH", {{1, 1, 1}, {8, 3, 3}, {9, 2, 4}}},
        {"sma", {{1}, {2}, {7}, {200}}},
        {"volume_ratio", {{1}, {3}, {20}}},
        {"bollinger_bands", {{1, 2.0, 0}, {2, 2.0, 1}, {20, 1.5, 0}}},
        {"squeeze", {{2, 2.0, 1.5}, {8, 2.0, 1.5}, {9, 2.0, 1.5}, {17, 2.0, 1.0}}},
    };
    for (const auto& c : cases) {
        const IndicatorInfo* info = find_indicator(c.name);
        ASSERT_NE(info, nullptr) << c.name;
        for (const std::vector<double>& params : c.params) {
            const auto batch = run_batch_outputs(*info, bars, params);
            for (const std::size_t chunk : {std::size_t{1}, std::size_t{13}, bars.size()}) {
                auto stream = make_stream(*info, params);
                ASSERT_TRUE(stream.has_value()) << c.name;
                const auto streamed = run_stream_outputs(*info, **stream, bars, chunk, params);
                for (std::size_t k = 0; k < batch.size(); ++k) {
                    EXPECT_EQ(testing::compare_exact(streamed[k], batch[k]), "")
                        << info->column_name(k) << " period " << params[0] << " chunk " << chunk;
                }
            }
        }
    }
}

// A NaN fed to a WMA stream makes its value NaN while the NaN is in the window (hand-checked
// values around it); WMA and Hull streams then go on exactly as streams started after the NaN.
TEST(IndicatorStreamingNanTest, WmaAndHullRecoverOnceTheNanLeavesTheirWindows) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Wma w3(WmaParams{3});
    const std::vector<double> in{1, 2, 3, nan, 5, 6, 7, 8};
    std::vector<double> got;
    for (const double x : in) {
        got.push_back(w3.update(x));
    }
    const std::vector<double> want{nan, nan, 14.0 / 6, nan, nan, nan, 38.0 / 6, 44.0 / 6};
    EXPECT_EQ(testing::compare_exact(got, want), "");

    const testing::OhlcvData& bars = edge_case_bars();
    for (const int period : {4, 20, 70}) {
        const std::size_t at = 100;  // the NaN's bar
        Wma wma(WmaParams{period});
        HullMa hull(HullMaParams{period});
        Wma wma_fresh(WmaParams{period});
        HullMa hull_fresh(HullMaParams{period});
        for (std::size_t i = 0; i < at + 3 * static_cast<std::size_t>(period) && i < bars.size();
             ++i) {
            const double x = i == at ? nan : bars.close[i];
            const double wv = wma.update(x);
            const double hv = hull.update(x);
            if (i < at) {
                continue;
            }
            if (i == at) {
                EXPECT_TRUE(std::isnan(wv) && std::isnan(hv)) << period;
                continue;
            }
            const double wf = wma_fresh.update(x);
            const double hf = hull_fresh.update(x);
            EXPECT_EQ(testing::compare_exact(std::vector{wv}, std::vector{wf}), "")
                << "wma " << period << " bar " << i;
            EXPECT_EQ(testing::compare_exact(std::vector{hv}, std::vector{hf}), "")
                << "hull " << period << " bar " << i;
        }
    }
}

// A Squeeze stream restarts on a bar it cannot use (a NaN or infinite high, low or close, or a
// true range that overflows): NaN at that bar, then exactly a stream started at the next bar,
// whether the bar comes while its windows fill or after (its steady path keeps the refresh
// schedule by the ring's position, which the restart must reset).
TEST(IndicatorStreamingNanTest, SqueezeRestartsAsAFreshStreamAfterABarItCannotUse) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    // A volatile walk (3 % per bar): its windows' sums round, so a restart that kept the old
    // refresh schedule would change bits (on the reference files' 2-3 decimal prices near 100
    // the shifted sums are exact whatever the schedule).
    testing::OhlcvData bars;
    std::mt19937_64 rng(7);
    std::normal_distribution<double> step(0.0, 0.03);
    double price = 100.0;
    for (int i = 0; i < 300; ++i) {
        const double open = price;
        price *= std::exp(step(rng));
        bars.high.push_back(std::max(open, price) * (1.0 + 0.01 * std::abs(step(rng))));
        bars.low.push_back(std::min(open, price) * (1.0 - 0.01 * std::abs(step(rng))));
        bars.close.push_back(price);
    }
    struct Bad {
        double high, low, close;
    };
    for (const int period : {2, 5, 20}) {
        const auto n = static_cast<std::size_t>(period);
        for (const Bad bad : {Bad{nan, 1.0, 1.0}, Bad{2.0, nan, 1.0}, Bad{2.0, 1.0, nan},
                              Bad{2.0, 1.0, inf}, Bad{1e308, -1e308, 1.0}}) {
            for (const std::size_t at : {n, 2 * n + 3, 7 * n + 1}) {
                Squeeze s({period, 2.0, 1.5});
                Squeeze fresh({period, 2.0, 1.5});
                for (std::size_t i = 0; i < at + 4 * n + 3; ++i) {
                    const bool is_bad = i == at;
                    const SqueezeValue v = is_bad
                                               ? s.update(bad.high, bad.low, bad.close)
                                               : s.update(bars.high[i], bars.low[i], bars.close[i]);
                    if (i < at) {
                        continue;
                    }
                    if (is_bad) {
                        EXPECT_TRUE(std::isnan(v.momentum) && std::isnan(v.state))
                            << period << " " << at;
                        continue;
                    }
                    const SqueezeValue f = fresh.update(bars.high[i], bars.low[i], bars.close[i]);
                    EXPECT_EQ(testing::compare_exact(std::vector{v.momentum, v.state},
                                                     std::vector{f.momentum, f.state}),
                              "")
                        << "period " << period << ", bad bar " << at << ", bar " << i;
                }
            }
        }
    }
}

// compute_columns() shares calls between columns, makes duplicates aliases, and validates
// inputs once for all kernels: every column of every flavour must still
// equal its indicator's own batch kernel bit for bit.
TEST(IndicatorFusedTest, FlavorColumnsEqualSingleKernels) {
    // The edge cases (flat bars: zero ranges make %K NaN mid-series) and an ordinary series
    // (every %K finite after its warm-up, so %D runs in the moving-average lanes).
    const testing::OhlcvData ordinary =
        testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    for (const testing::OhlcvData* bars : {&edge_case_bars(), &ordinary}) {
        for (const Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
            auto table = compute_flavor(f, bars->input());
            ASSERT_TRUE(table.has_value());
            const std::vector<ColumnSpec>& cols = flavor_columns(f);
            ASSERT_EQ(table->names.size(), cols.size());
            for (std::size_t k = 0; k < cols.size(); ++k) {
                const IndicatorInfo* info = find_indicator(cols[k].indicator);
                ASSERT_NE(info, nullptr);
                const auto single = run_batch_outputs(*info, *bars, cols[k].params);
                EXPECT_EQ(testing::compare_exact(table->column(k), single[cols[k].output]), "")
                    << cols[k].column;
            }
        }
    }
}

// Each indicator alone as a set (compute_flavor with --only), where the shared paths run with
// nothing to share (e.g. Bollinger bands as the only job of the chunk lanes kernel), on both
// series: the single kernel's bits.
TEST(IndicatorFusedTest, EachIndicatorAloneAsASetEqualsItsSingleKernel) {
    const testing::OhlcvData ordinary =
        testing::load_ohlcv(aitp::testing::reference_file("ohlcv_a.csv"));
    for (const testing::OhlcvData* bars : {&edge_case_bars(), &ordinary}) {
        for (const Flavor f : {Flavor::Reference, Flavor::Talib, Flavor::Extra}) {
            const std::vector<ColumnSpec>& cols = flavor_columns(f);
            std::vector<std::string> names;
            for (const ColumnSpec& c : cols) {
                if (std::find(names.begin(), names.end(), c.indicator) == names.end()) {
                    names.emplace_back(c.indicator);
                }
            }
            for (const std::string& name : names) {
                std::vector<std::string> only;  // that indicator's columns
                for (const ColumnSpec& c : cols) {
                    if (c.indicator == name) {
                        only.emplace_back(c.column);
                    }
                }
                auto table = compute_flavor(f, bars->input(), only);
                ASSERT_TRUE(table.has_value()) << name << ": " << table.error().message();
                for (std::size_t k = 0; k < table->names.size(); ++k) {
                    const auto it = std::find_if(
                        cols.begin(), cols.end(),
                        [&](const ColumnSpec& c) { return c.column == table->names[k]; });
                    ASSERT_NE(it, cols.end());
                    const IndicatorInfo* info = find_indicator(it->indicator);
                    const auto single = run_batch_outputs(*info, *bars, it->params);
                    EXPECT_EQ(testing::compare_exact(table->column(k), single[it->output]), "")
                        << it->column;
                }
            }
        }
    }
}

std::vector<std::string> all_names() {
    std::vector<std::string> names;
    for (const IndicatorInfo& info : registry()) {
        names.emplace_back(info.name);
    }
    return names;
}

INSTANTIATE_TEST_SUITE_P(Registry, IndicatorStreamingTest, ::testing::ValuesIn(all_names()),
                         [](const auto& param_info) {
                             std::string s = param_info.param;
                             std::replace(s.begin(), s.end(), '.', '_');
                             return s;
                         });

}  // namespace
}  // namespace aitp::indicators
