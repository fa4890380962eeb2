// SPDX-License-Identifier: MIT
#include "metrics/return_metrics.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace aitp::metrics {
namespace {

TEST(ReturnMetricsTest, PeriodsPerYearUsesA365DayYear) {
    EXPECT_DOUBLE_EQ(periods_per_year(3'600'000), 8760.0);
    EXPECT_DOUBLE_EQ(periods_per_year(900'000), 35040.0);
    EXPECT_DOUBLE_EQ(periods_per_year(86'400'000), 365.0);
    EXPECT_DOUBLE_EQ(periods_per_year(60'000), 525600.0);
}

// Hand check: mean 0.005, squared deviations sum to 5e-4, std = sqrt(5e-4 / 3).
TEST(ReturnMetricsTest, SharpeUsesSampleStdAndAllBars) {
    const std::vector<double> r = {0.01, -0.01, 0.02, 0.0};
    EXPECT_NEAR(sample_std(r), std::sqrt(5e-4 / 3.0), 1e-15);
    const double expected = 0.005 / std::sqrt(5e-4 / 3.0) * std::sqrt(8760.0);
    EXPECT_NEAR(sharpe_ratio(r, 8760.0), expected, 1e-12);
    EXPECT_NEAR(expected, 36.2491, 1e-4);
}

TEST(ReturnMetricsTest, SharpeIsPositiveInfinityWhenAllReturnsAreZero) {
    const std::vector<double> r(50, 0.0);
    EXPECT_EQ(sharpe_ratio(r, 8760.0), std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(sharpe_ratio(std::vector<double>{0.1}, 8760.0)));
}

// Hand check: mean -0.005; downside squares 0, 1e-4, 0, 9e-4 average to 2.5e-4.
TEST(ReturnMetricsTest, SortinoUsesDownsideDeviationOverAllBars) {
    const std::vector<double> r = {0.02, -0.01, 0.0, -0.03};
    EXPECT_NEAR(sortino_ratio(r, 365.0), -0.005 / std::sqrt(2.5e-4) * std::sqrt(365.0), 1e-12);
    const std::vector<double> up = {0.01, 0.0, 0.02};
    EXPECT_EQ(sortino_ratio(up, 365.0), std::numeric_limits<double>::infinity());
}

// Hand check: peaks 120 then 130; troughs 90 (-25 %) and 104 (-20 %).
TEST(ReturnMetricsTest, MaxDrawdownIsPositiveFractionOfWorstFall) {
    const std::vector<double> v = {100, 120, 90, 130, 104};
    EXPECT_DOUBLE_EQ(max_drawdown(v), 0.25);
    const std::vector<double> rising = {100, 100, 101, 150};
    EXPECT_EQ(max_drawdown(rising), 0.0);
    EXPECT_FALSE(std::signbit(max_drawdown(rising)));
}

TEST(ReturnMetricsTest, SimpleReturnsStartFromInitialValue) {
    const std::vector<double> v = {10000, 11000, 9900};
    std::vector<double> r(3);
    simple_returns(v, 10000.0, r);
    EXPECT_EQ(r[0], 0.0);
    EXPECT_DOUBLE_EQ(r[1], 0.1);
    EXPECT_DOUBLE_EQ(r[2], -0.1);
}

// Hand check: +21 % over 2 years of 365 bars is 10 % a year; drawdown 5 % gives Calmar 2.
TEST(ReturnMetricsTest, CalmarDividesAnnualisedReturnByDrawdown) {
    const double ann = annualized_return(0.21, 730, 365.0);
    EXPECT_NEAR(ann, 0.1, 1e-12);
    EXPECT_NEAR(calmar_ratio(ann, 0.05), 2.0, 1e-10);
    EXPECT_TRUE(std::isnan(calmar_ratio(ann, 0.0)));
}

}  // namespace
}  // namespace aitp::metrics
