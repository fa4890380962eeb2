// SPDX-License-Identifier: MIT
// research::summarize, the one summary every screen output renders: ranking, top results and
// heat-map cells on a hand-made screen whose expected values are worked out in the comments.
#include "research/screen_summary.hpp"

#include <cmath>
#include <utility>

#include <gtest/gtest.h>

#include "research/report.hpp"

namespace aitp::research {
namespace {

ScreenRow row(double x, double y, double z, double sharpe, std::int64_t trades, double ret) {
    ScreenRow r;
    r.params = {x, y, z};
    r.metrics.sharpe_ratio = sharpe;
    r.metrics.num_trades = trades;
    r.metrics.total_return = ret;
    return r;
}

// Grid order (index: x, y, z, Sharpe, trades):
//   0: 5 20 1 +inf 0 (never traded)   1: 5 20 2 0.8 3    2: 5 20 3 1.2 4   3: 10 20 1 0.5 2
//   4: 10 20 2 NaN 1                  5: 10 30 1 1.2 5   6: 5 30 1 +inf 0  7: 10 30 2 -0.3 6
// Ranking: 2 and 5 tie at 1.2 (lower index first), 1, 3, 7, then 0, 4, 6 in grid order.
// Heat-map cells (x by y): (5,20) = max(0.8, 1.2) = 1.2; (10,20) = 0.5; (5,30) none traded;
// (10,30) = max(1.2, -0.3) = 1.2. The rows are given shuffled, as a top-K screen returns them.
ScreenResult hand_made() {
    const std::vector<ScreenRow> grid = {
        row(5, 20, 1, INFINITY, 0, 0.0), row(5, 20, 2, 0.8, 3, 0.1),   row(5, 20, 3, 1.2, 4, 0.2),
        row(10, 20, 1, 0.5, 2, 0.05),    row(10, 20, 2, NAN, 1, 0.7),  row(10, 30, 1, 1.2, 5, 0.3),
        row(5, 30, 1, INFINITY, 0, 0.0), row(10, 30, 2, -0.3, 6, -0.1)};
    ScreenResult r;
    r.table.strategy = "hand";
    r.table.param_names = {"x", "y", "z"};
    r.total_combos = grid.size();
    for (const std::size_t i : {6u, 3u, 0u, 7u, 5u, 1u, 4u, 2u}) {
        r.table.rows.push_back(grid[i]);
        r.grid_index.push_back(i);
    }
    return r;
}

TEST(ScreenSummaryTest, RanksTradedCombinationsFirstAndTiesByGridOrder) {
    const ScreenSummary s = summarize(hand_made(), {"x", "y", "z"}, 6);
    EXPECT_EQ(s.top_sharpe, 1.2);
    EXPECT_EQ(s.top_params, (ParamVector{5, 20, 3}));
    EXPECT_EQ(s.top_return, 0.7);
    const std::vector<ParamVector> want = {{5, 20, 3},  {10, 30, 1}, {5, 20, 2},
                                           {10, 20, 1}, {10, 30, 2}, {5, 20, 1}};
    ASSERT_EQ(s.top_results.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(s.top_results[i].params, want[i]) << i;
    EXPECT_TRUE(std::isnan(s.pbo));  // no block sums kept
}

TEST(ScreenSummaryTest, HeatMapCellIsTheBestTradedCombinationOfItsPair) {
    const ScreenSummary s = summarize(hand_made(), {"x", "y", "z"});
    const SharpeHeatMap& h = s.heat_map;
    EXPECT_EQ(h.x_label, "x");
    EXPECT_EQ(h.y_label, "y");
    ASSERT_EQ(h.x, (std::vector<double>{5, 10}));
    ASSERT_EQ(h.y, (std::vector<double>{20, 30}));
    EXPECT_EQ(h.at(0, 0), 1.2);
    EXPECT_EQ(h.at(1, 0), 0.5);
    EXPECT_TRUE(std::isnan(h.at(0, 1)));
    EXPECT_EQ(h.at(1, 1), 1.2);
    // The SVG renders these cells: three rectangles, the blank cell left out.
    const std::string svg = sharpe_heatmap_svg(s);
    std::size_t rects = 0;
    for (std::size_t p = svg.find("<rect"); p != std::string::npos; p = svg.find("<rect", p + 1))
        ++rects;
    EXPECT_EQ(rects, 3u);
    EXPECT_NE(svg.find("x=5, y=20: Sharpe 1.2<"), std::string::npos);
}

TEST(ScreenSummaryTest, NothingTradedLeavesTopSharpeEmpty) {
    ScreenResult r;
    r.table.param_names = {"a"};
    r.total_combos = 2;
    r.table.rows = {row(1, 0, 0, INFINITY, 0, 0.0), row(2, 0, 0, INFINITY, 0, 0.0)};
    r.grid_index = {0, 1};
    const ScreenSummary s = summarize(r, {"a"});
    EXPECT_TRUE(std::isnan(s.top_sharpe));
    EXPECT_TRUE(s.top_params.empty());
    EXPECT_TRUE(s.heat_map.is_empty());
    ASSERT_EQ(s.top_results.size(), 2u);
}

}  // namespace
}  // namespace aitp::research
