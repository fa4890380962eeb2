// SPDX-License-Identifier: MIT
// Distribution functions and tests the research gates need: the standard normal CDF and
// quantile, Student's t CDF, a one-sided one-sample t-test and sample skewness/kurtosis.
// Pure functions; thread-safe.
#pragma once

#include <span>

namespace aitp::metrics {

/// Returns P(Z <= x) for a standard normal Z.
double normal_cdf(double x);

/// Returns x with normal_cdf(x) = p (Acklam's rational approximation refined by one Halley
/// step, |error| < 1e-14); -inf at 0, +inf at 1, NaN outside [0, 1].
double normal_quantile(double p);

/// Returns P(T <= t) for Student's t with `dof` degrees of freedom (dof > 0), through the
/// regularised incomplete beta function (continued fraction, Numerical Recipes 3rd ed. 6.4).
double student_t_cdf(double t, double dof);

/// One-sided one-sample t-test of mean > 0 as the original's gate computed it with
/// scipy.stats.ttest_1samp: p = two-sided p / 2 when t > 0, else 1. NaN for fewer than 2 values;
/// 1 when the sample has zero variance and a mean <= 0, 0 when zero variance and mean > 0.
struct TTestResult {
    double t_statistic = 0.0;
    double p_value = 1.0;
};
TTestResult one_sided_t_test(std::span<const double> xs);

/// Sample moments of a series: mean, std (ddof 1), skewness and (non-excess) kurtosis, both
/// biased (population) estimators as used by the deflated Sharpe ratio.
struct Moments {
    double count = 0.0;
    double mean = 0.0;
    double std = 0.0;
    double skewness = 0.0;
    double kurtosis = 3.0;
};

/// Returns the moments from power sums n, sum x, sum x^2, sum x^3, sum x^4.
Moments moments_from_sums(double n, double s1, double s2, double s3, double s4);

}  // namespace aitp::metrics
