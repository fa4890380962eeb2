// SPDX-License-Identifier: MIT
#include "metrics/statistics.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

namespace aitp::metrics {
namespace {

// Reference values from Python's statistics.NormalDist().cdf / inv_cdf.
TEST(StatisticsTest, NormalCdfAndQuantileMatchReferenceValues) {
    EXPECT_NEAR(normal_cdf(1.2345), 0.8914916766373298, 1e-15);
    EXPECT_DOUBLE_EQ(normal_cdf(0.0), 0.5);
    EXPECT_NEAR(normal_quantile(0.01), -2.3263478740408408, 1e-13);
    EXPECT_NEAR(normal_quantile(0.975), 1.9599639845400536, 1e-13);
    EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-11);
    EXPECT_EQ(normal_quantile(0.0), -INFINITY);
    EXPECT_TRUE(std::isnan(normal_quantile(1.5)));
}

// Closed forms: Cauchy (1 dof) 0.5 + atan(t)/pi; 2 dof 0.5 + t / (2 sqrt(2 + t^2)).
TEST(StatisticsTest, StudentTCdfMatchesClosedForms) {
    for (double t : {-3.0, -0.7, 0.0, 0.4, 1.9, 12.0}) {
        EXPECT_NEAR(student_t_cdf(t, 1.0), 0.5 + std::atan(t) / std::numbers::pi, 1e-13) << t;
        EXPECT_NEAR(student_t_cdf(t, 2.0), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-13) << t;
    }
    // Table value: t = 2.228 is the two-sided 5 % point for 10 dof.
    EXPECT_NEAR(student_t_cdf(2.228, 10.0), 0.975, 1e-4);
}

TEST(StatisticsTest, OneSidedTTestHandlesSignAndDegenerateSamples) {
    const std::vector<double> neg = {-0.01, -0.03, -0.02};
    EXPECT_EQ(one_sided_t_test(neg).p_value, 1.0);
    EXPECT_TRUE(std::isnan(one_sided_t_test(std::vector<double>{0.1}).p_value));
    EXPECT_EQ(one_sided_t_test(std::vector<double>{0.1, 0.1}).p_value, 0.0);
}

// Hand check on {1, 2, 3, 10} (mean 4).
TEST(StatisticsTest, MomentsFromPowerSums) {
    const std::vector<double> x = {1.0, 2.0, 3.0, 10.0};
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (double v : x) {
        s1 += v;
        s2 += v * v;
        s3 += v * v * v;
        s4 += v * v * v * v;
    }
    const Moments m = moments_from_sums(4.0, s1, s2, s3, s4);
    // Deviations -3, -2, -1, 6: m2 = 50/4, m3 = (-27 - 8 - 1 + 216)/4 = 45, m4 = (81+16+1+1296)/4.
    const double m2 = 12.5, m3 = 45.0, m4 = 348.5;
    EXPECT_DOUBLE_EQ(m.mean, 4.0);
    EXPECT_NEAR(m.std, std::sqrt(50.0 / 3.0), 1e-12);
    EXPECT_NEAR(m.skewness, m3 / std::pow(m2, 1.5), 1e-12);
    EXPECT_NEAR(m.kurtosis, m4 / (m2 * m2), 1e-12);
}

}  // namespace
}  // namespace aitp::metrics
