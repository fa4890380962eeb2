// SPDX-License-Identifier: MIT
#include "metrics/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "metrics/return_metrics.hpp"

namespace aitp::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Continued fraction of the incomplete beta function (modified Lentz), Numerical Recipes
// 3rd ed. section 6.4 (betacf).
double beta_continued_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10'000; ++m) {
        const double md = m;
        const double m2 = 2.0 * md;
        double aa = md * (b - md) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1.0) < 1e-16) break;
    }
    return h;
}

// Regularised incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double ln_front =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(ln_front);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) {
    if (!(p >= 0.0 && p <= 1.0)) return kNaN;
    if (p == 0.0) return -kInf;
    if (p == 1.0) return kInf;
    // Peter Acklam's algorithm (2003), coefficients as published.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double kLow = 0.02425;
    double x = 0.0;
    if (p < kLow) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - kLow) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    // One step of Halley's method brings the relative error to machine precision.
    const double e = normal_cdf(x) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
    return x - u / (1.0 + x * u / 2.0);
}

double student_t_cdf(double t, double dof) {
    if (std::isnan(t) || !(dof > 0.0)) return kNaN;
    if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
    const double x = dof / (dof + t * t);
    const double tail = 0.5 * incomplete_beta(dof / 2.0, 0.5, x);  // P(T > |t|)
    return t > 0 ? 1.0 - tail : tail;
}

TTestResult one_sided_t_test(std::span<const double> xs) {
    TTestResult r;
    if (xs.size() < 2) {
        r.t_statistic = kNaN;
        r.p_value = kNaN;
        return r;
    }
    const double m = mean(xs);
    const double sd = sample_std(xs);
    const double n = static_cast<double>(xs.size());
    if (sd == 0.0) {
        r.t_statistic = m > 0 ? kInf : (m < 0 ? -kInf : kNaN);
        r.p_value = m > 0 ? 0.0 : 1.0;
        return r;
    }
    r.t_statistic = m / (sd / std::sqrt(n));
    r.p_value = r.t_statistic > 0 ? 1.0 - student_t_cdf(r.t_statistic, n - 1.0) : 1.0;
    return r;
}

Moments moments_from_sums(double n, double s1, double s2, double s3, double s4) {
    Moments m;
    m.count = n;
    if (n < 1.0) {
        m.mean = m.std = m.skewness = m.kurtosis = kNaN;
        return m;
    }
    m.mean = s1 / n;
    const double mu = m.mean;
    // Central moments from raw power sums.
    const double m2 = s2 / n - mu * mu;
    const double m3 = s3 / n - 3.0 * mu * s2 / n + 2.0 * mu * mu * mu;
    const double m4 = s4 / n - 4.0 * mu * s3 / n + 6.0 * mu * mu * s2 / n - 3.0 * mu * mu * mu * mu;
    m.std = n > 1.0 ? std::sqrt(std::max(0.0, m2) * n / (n - 1.0)) : kNaN;
    if (m2 > 0.0) {
        m.skewness = m3 / std::pow(m2, 1.5);
        m.kurtosis = m4 / (m2 * m2);
    } else {
        m.skewness = 0.0;
        m.kurtosis = 3.0;
    }
    return m;
}

}  // namespace aitp::metrics
