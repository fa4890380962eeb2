// SPDX-License-Identifier: MIT
#include "research/sma_crossover.hpp"

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "metrics/return_metrics.hpp"
#include "model/timeframe.hpp"
#include "research/screen.hpp"
#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

using testing::CsvTable;
using testing::within_tolerance;

// Compares one metric column of a screen with a vbt_*.csv column under the README's rule.
void expect_column(const ScreenTable& table, const CsvTable& golden, const std::string& name,
                   double (*get)(const metrics::RunMetrics&), double sign = 1.0) {
    const auto& g = golden.column(name);
    ASSERT_EQ(g.size(), table.rows.size());
    int bad = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        const double v = get(table.rows[i].metrics);
        if (!within_tolerance(v, sign * g[i]) && ++bad <= 5) {
            ADD_FAILURE() << name << " row " << i << ": " << v << " vs golden " << sign * g[i];
        }
    }
    EXPECT_EQ(bad, 0) << name;
}

// Reads an OHLCV CSV and a vbt_sma_crossover CSV by name and checks every row of the 351-pair
// grid; freq ("1h", "15m", "1d") sets the annualisation, as --freq on the CLI.
void expect_sma_parity(const std::string& ohlcv_name, const std::string& vbt_name,
                       const std::string& freq) {
    const CsvTable bars = testing::read_csv(aitp::testing::reference_file(ohlcv_name));
    const CsvTable golden = testing::read_csv(aitp::testing::reference_file(vbt_name));
    const auto tf = model::parse_timeframe(freq);
    ASSERT_TRUE(tf.has_value()) << freq;
    SimConfig cfg;
    cfg.fees = 0.001;
    cfg.periods_per_year = metrics::periods_per_year(model::timeframe_millis(*tf));
    const auto grid = sma_original_grid();
    SweepOptions opt;
    opt.threads = 2;
    const ScreenTable table = screen_sma_crossover(bars.column("close"), grid, cfg, opt);
    ASSERT_EQ(table.rows.size(), golden.rows());
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        ASSERT_EQ(table.rows[i].params[0], golden.column("fast")[i]) << "row " << i;
        ASSERT_EQ(table.rows[i].params[1], golden.column("slow")[i]) << "row " << i;
        EXPECT_EQ(static_cast<double>(table.rows[i].metrics.num_trades),
                  golden.column("num_trades")[i])
            << "row " << i;
    }
    expect_column(table, golden, "total_return", [](const auto& m) { return m.total_return; });
    expect_column(table, golden, "sharpe_ratio", [](const auto& m) { return m.sharpe_ratio; });
    expect_column(
        table, golden, "max_drawdown", [](const auto& m) { return m.max_drawdown_pct; }, -1.0);
    expect_column(table, golden, "win_rate", [](const auto& m) { return m.win_rate; });
    expect_column(table, golden, "profit_factor", [](const auto& m) { return m.profit_factor; });
    expect_column(table, golden, "final_value", [](const auto& m) { return m.final_value; });
    expect_column(table, golden, "avg_trade_pnl", [](const auto& m) { return m.avg_trade_pnl; });
}

TEST(SmaCrossoverScreenTest, OriginalGridHas351PairsInCombinationsOrder) {
    const auto grid = sma_original_grid();
    ASSERT_EQ(grid.size(), 351u);
    EXPECT_EQ(grid[0], (SmaPair{5, 10}));
    EXPECT_EQ(grid[8], (SmaPair{5, 20}));  // (5,45) is row 7, then the slow list starts
    EXPECT_EQ(grid[80], (SmaPair{20, 20}));
    EXPECT_EQ(grid[124], (SmaPair{30, 30}));
    EXPECT_EQ(grid[164], (SmaPair{40, 40}));
    EXPECT_EQ(grid.back(), (SmaPair{180, 190}));
}

TEST(SmaCrossoverScreenTest, FastSlowGridKeepsFastBelowSlow) {
    const std::vector<int> fast = {5, 20, 30}, slow = {20, 25};
    EXPECT_EQ(sma_fast_slow_grid(fast, slow), (std::vector<SmaPair>{{5, 20}, {5, 25}, {20, 25}}));
}

TEST(SmaCrossoverScreenTest, MatchesVectorbtReferenceOnOhlcvA) {
    expect_sma_parity("ohlcv_a.csv", "vbt_sma_crossover_a.csv", "1h");
}

// Held-back data: AITP_VBT_SMA_CHECK="ohlcv_x.csv,vbt_sma_crossover_x.csv,15m" (files in the
// reference folder) runs the same comparison on another dataset.
TEST(SmaCrossoverScreenTest, MatchesVectorbtReferenceNamedByEnvironment) {
    const char* spec = std::getenv("AITP_VBT_SMA_CHECK");
    if (spec == nullptr || *spec == '\0') GTEST_SKIP() << "AITP_VBT_SMA_CHECK not set";
    const std::string s(spec);
    const auto c1 = s.find(',');
    const auto c2 = s.find(',', c1 + 1);
    ASSERT_NE(c2, std::string::npos) << "expected ohlcv,vbt,freq";
    expect_sma_parity(s.substr(0, c1), s.substr(c1 + 1, c2 - c1 - 1), s.substr(c2 + 1));
}

TEST(SmaCrossoverScreenTest, CsvHasReferenceColumnsAndRanksNeverTradedLast) {
    const CsvTable bars = testing::read_csv(aitp::testing::reference_file("ohlcv_a.csv"));
    const std::vector<SmaPair> grid = {{5, 10}, {20, 20}, {10, 50}};
    const ScreenTable table = screen_sma_crossover(bars.column("close"), grid, SimConfig{}, {});
    const CsvTable parsed = testing::parse_csv(to_csv(table));
    EXPECT_EQ(parsed.names,
              (std::vector<std::string>{"fast", "slow", "total_return", "sharpe_ratio",
                                        "max_drawdown_pct", "win_rate", "profit_factor",
                                        "num_trades", "final_value", "avg_trade_pnl"}));
    ASSERT_EQ(parsed.rows(), 3u);
    EXPECT_EQ(parsed.column("sharpe_ratio")[1], INFINITY);
    EXPECT_TRUE(std::isnan(parsed.column("win_rate")[1]));
    EXPECT_EQ(parsed.column("sharpe_ratio")[0], table.rows[0].metrics.sharpe_ratio);
    ScreenResult res;
    res.table = table;
    res.grid_index = {0, 1, 2};
    const auto r = ranked(res);
    EXPECT_EQ(r.table.rows[2].params[0], 20.0);  // Sharpe +inf, but it never traded
    EXPECT_EQ(r.grid_index[2], 1u);
    EXPECT_GE(r.table.rows[0].metrics.sharpe_ratio, r.table.rows[1].metrics.sharpe_ratio);
}

}  // namespace
}  // namespace aitp::research
