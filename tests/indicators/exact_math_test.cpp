// SPDX-License-Identifier: MIT
// Exact arithmetic helpers of the indicator kernels: detail::ln (fdlibm's log, used by
// log_returns in batch and stream) within 1 ulp of the C library's log over the positive
// normals and near 1 (where log returns live), the C library's value for 0, negatives,
// subnormals, infinities and NaN, ln8() equal to ln() in every lane; and detail::Divisor
// (division by a small integer as a multiplication and an FMA correction) equal to the division;
// the fixed-length WMA dot products equal the generic kernel bit for bit.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/detail/fixed_window.hpp"
#include "indicators/detail/linreg.hpp"
#include "indicators/detail/log.hpp"
#include "indicators/detail/pandas_window.hpp"

namespace aitp::indicators::detail {
namespace {

// Distance in representable doubles between a and b (same sign, finite).
std::int64_t ulps(double a, double b) {
    const auto key = [](double x) {
        const std::int64_t i = std::bit_cast<std::int64_t>(x);
        return i < 0 ? std::numeric_limits<std::int64_t>::min() - i : i;
    };
    const std::int64_t d = key(a) - key(b);
    return d < 0 ? -d : d;
}

TEST(LnTest, WithinOneUlpOfTheCLibraryOverThePositiveNormals) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::uint64_t> bits(
        std::bit_cast<std::uint64_t>(std::numeric_limits<double>::min()),
        std::bit_cast<std::uint64_t>(std::numeric_limits<double>::max()));
    std::int64_t worst = 0;
    for (int i = 0; i < 2'000'000; ++i) {
        const double x = std::bit_cast<double>(bits(rng));
        worst = std::max(worst, ulps(ln(x), std::log(x)));
    }
    EXPECT_LE(worst, 1);
}

TEST(LnTest, AccurateNearOneWhereLogReturnsAre) {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> exponent(-52.0, -1.0);
    std::int64_t worst = 0;
    for (int i = 0; i < 2'000'000; ++i) {
        const double d = std::exp2(exponent(rng));
        for (const double x : {1.0 + d, 1.0 - d / 2}) {
            const double want = std::log(x);
            worst = std::max(worst, ulps(ln(x), want));
        }
    }
    EXPECT_LE(worst, 1);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(ln(1.0)), std::bit_cast<std::uint64_t>(0.0));
    // Hand-checked values: ln(e) = 1, ln(2) = 0.6931471805599453, ln(0.5) = -ln(2).
    EXPECT_NEAR(ln(2.718281828459045), 1.0, 2e-16);
    EXPECT_EQ(ln(2.0), 0.6931471805599453);
    EXPECT_EQ(ln(0.5), -0.6931471805599453);
}

TEST(LnTest, SpecialArgumentsGiveTheCLibraryValue) {
    const double inf = std::numeric_limits<double>::infinity();
    const double sub = std::numeric_limits<double>::denorm_min();
    EXPECT_EQ(ln(0.0), -inf);
    EXPECT_EQ(ln(-0.0), -inf);
    EXPECT_TRUE(std::isnan(ln(-1.0)));
    EXPECT_TRUE(std::isnan(ln(-inf)));
    EXPECT_EQ(ln(inf), inf);
    EXPECT_TRUE(std::isnan(ln(std::numeric_limits<double>::quiet_NaN())));
    EXPECT_EQ(ln(sub), std::log(sub));
    EXPECT_EQ(ln(3 * sub), std::log(3 * sub));
    EXPECT_LE(
        ulps(ln(std::numeric_limits<double>::min()), std::log(std::numeric_limits<double>::min())),
        1);
    EXPECT_LE(
        ulps(ln(std::numeric_limits<double>::max()), std::log(std::numeric_limits<double>::max())),
        1);
}

TEST(LnTest, LanesGiveTheScalarBits) {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-2.0, 3.0);
    const double specials[] = {0.0,
                               -1.0,
                               std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::denorm_min(),
                               1.0};
    for (int i = 0; i < 100'000; ++i) {
        lanes::v8d x;
        for (int k = 0; k < 8; ++k) {
            const int pick = static_cast<int>(rng() % 16);
            x[k] = pick < 6 && i % 3 == 0 ? specials[pick] : std::exp(10 * u(rng));
        }
        lanes::v8d got;
        ln8(x, got);
        for (int k = 0; k < 8; ++k) {
            const double want = ln(x[k]);
            ASSERT_EQ(std::bit_cast<std::uint64_t>(got[k]), std::bit_cast<std::uint64_t>(want))
                << "lane " << k << " of x = " << x[k];
        }
    }
}

}  // namespace
}  // namespace aitp::indicators::detail

namespace aitp::indicators::detail {
namespace {

// Divisor::divide_fma (the multiply-and-correct form, whatever the build) gives exactly a / d
// for every divisor it accepts: random numerators over many binades, numerators whose quotient
// is close to a rounding midpoint (the hard cases), and zeros, infinities, NaN, subnormals.
TEST(DivisorTest, MultiplyAndCorrectIsTheDivisionBitForBit) {
    std::mt19937_64 rng(17);
    int accepted = 0;
    for (int d = 1; d <= 1000; ++d) {
        const Divisor div(d);
        if (!div.exact_by_fma()) {
            continue;
        }
        ++accepted;
        const double dd = d;
        for (int i = 0; i < 4000; ++i) {
            double a;
            if (i % 2 == 0) {
                const std::uint64_t bits = rng();
                a = std::bit_cast<double>((bits & 0x800FFFFFFFFFFFFFull) |
                                          (std::uint64_t{700 + (bits >> 53) % 600} << 52));
            } else {
                const double q = std::ldexp(1.0 + static_cast<double>(rng() >> 12) * 0x1p-52,
                                            static_cast<int>(rng() % 60) - 30);
                a = dd * (q + std::ldexp(0.5, std::ilogb(q) - 52));  // near a midpoint
            }
            ASSERT_EQ(std::bit_cast<std::uint64_t>(div.divide_fma(a)),
                      std::bit_cast<std::uint64_t>(a / dd))
                << a << " / " << d;
            ASSERT_EQ(std::bit_cast<std::uint64_t>(div.divide(a)),
                      std::bit_cast<std::uint64_t>(a / dd));
        }
        for (const double a : {0.0, -0.0, std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::denorm_min(), -1e-310, 1e308}) {
            ASSERT_EQ(std::bit_cast<std::uint64_t>(div.divide_fma(a)),
                      std::bit_cast<std::uint64_t>(a / dd))
                << a << " / " << d;
        }
        EXPECT_TRUE(std::isnan(div.divide_fma(std::numeric_limits<double>::quiet_NaN())));
    }
    // Most small divisors qualify (those whose rounded reciprocal is close enough to 1/d).
    EXPECT_GT(accepted, 800);
    EXPECT_FALSE(Divisor(49).exact_by_fma());  // |49 * RN(1/49) - 1| > 2^-54
    EXPECT_TRUE(Divisor(20).exact_by_fma());
    EXPECT_FALSE(Divisor(2.5).exact_by_fma());
}

// The streams' fixed-length dot products (fixed_window.cpp) perform lane_dot_last's operations
// in its order for every length they cover: the same bits on values of mixed signs and
// magnitudes (where a different order would round differently), signed zeros and all-zero
// windows (where an added +0.0 instead of -0.0 would flip a sign). Outside the covered lengths
// there is no specialisation.
TEST(FixedWindowTest, LaneDotLastSpecialisationsGiveTheGenericBits) {
    EXPECT_EQ(fixed_lane_dot_last(0), nullptr);
    EXPECT_EQ(fixed_lane_dot_last(kMaxFixedWindow + 1), nullptr);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-30, 30);
    for (std::size_t n = 1; n <= kMaxFixedWindow; ++n) {
        const LaneDotLastFn fn = fixed_lane_dot_last(n);
        ASSERT_NE(fn, nullptr) << n;
        std::vector<double> w(n);
        std::vector<double> a(n);
        for (int trial = 0; trial < 300; ++trial) {
            for (std::size_t i = 0; i < n; ++i) {
                w[i] = trial % 2 == 0 ? static_cast<double>(i + 1)
                                      : std::ldexp(unit(rng), exponent(rng));
                a[i] = std::ldexp(unit(rng), exponent(rng));
            }
            if (trial % 50 == 1) {
                std::fill(a.begin(), a.end(), -0.0);
            } else if (trial % 50 == 2) {
                for (std::size_t i = 0; i < n; ++i) {
                    a[i] = i % 3 == 0 ? 0.0 : -0.0;
                }
            }
            const double last = trial % 50 == 1 ? -0.0 : std::ldexp(unit(rng), exponent(rng));
            ASSERT_EQ(std::bit_cast<std::uint64_t>(fn(a.data(), w.data(), last)),
                      std::bit_cast<std::uint64_t>(lane_dot_last(a.data(), w.data(), n, last)))
                << "n " << n << " trial " << trial;
        }
    }
}

// Hull's fused kernel: both dot products equal lane_dot_last's over the half and the full
// window, bit for bit, for every period it covers (weights 1..n as WMA's).
TEST(FixedWindowTest, HullDotsGiveTheGenericBits) {
    EXPECT_EQ(fixed_hull_dots(1), nullptr);
    EXPECT_EQ(fixed_hull_dots(kMaxFixedWindow + 1), nullptr);
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-30, 30);
    for (std::size_t n = 2; n <= kMaxFixedWindow; ++n) {
        const HullDotsFn fn = fixed_hull_dots(n);
        ASSERT_NE(fn, nullptr) << n;
        std::vector<double> w(n);
        std::vector<double> a(n);
        for (std::size_t i = 0; i < n; ++i) {
            w[i] = static_cast<double>(i + 1);
        }
        for (int trial = 0; trial < 200; ++trial) {
            for (double& x : a) {
                x = std::ldexp(unit(rng), exponent(rng));
            }
            const double last = std::ldexp(unit(rng), exponent(rng));
            const HullDots got = fn(a.data(), w.data(), last);
            const std::size_t h = n / 2;
            ASSERT_EQ(
                std::bit_cast<std::uint64_t>(got.half),
                std::bit_cast<std::uint64_t>(lane_dot_last(a.data() + (n - h), w.data(), h, last)))
                << "n " << n;
            ASSERT_EQ(std::bit_cast<std::uint64_t>(got.full),
                      std::bit_cast<std::uint64_t>(lane_dot_last(a.data(), w.data(), n, last)))
                << "n " << n;
        }
    }
}

// CCI's fused absolute deviation sum kernel equals the generic pairwise kernels bit for bit for
// every length it covers (values of mixed magnitudes, flat windows where numpy's rounding leaves a
// tiny deviation, the newest value passed in a register), and covers exactly 8 < n <= 64 with
// n % 8 != 0.
TEST(FixedWindowTest, AbsDevSumGivesTheGenericBits) {
    std::mt19937_64 rng(13);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-20, 20);
    for (std::size_t n = 1; n <= kMaxFixedWindow + 8; ++n) {
        const AbsDevSumLastFn fn = fixed_abs_dev_sum_last(n);
        if (n <= 8 || n > kMaxFixedWindow || n % 8 == 0) {
            EXPECT_EQ(fn, nullptr) << n;
            continue;
        }
        ASSERT_NE(fn, nullptr) << n;
        std::vector<double> a(n);
        std::vector<double> scratch(n);
        for (int trial = 0; trial < 200; ++trial) {
            const double level = 100.0 + unit(rng);
            for (double& x : a) {
                x = trial % 20 == 0 ? level : level + std::ldexp(unit(rng), exponent(rng));
            }
            const double dn = static_cast<double>(n);
            const double mean = pairwise_sum(a.data(), n) / dn;
            const double want = pairwise_abs_dev_sum(a.data(), n, mean, scratch.data());
            const double last = a[n - 1];
            a[n - 1] = 12345.0;  // not read: the kernel takes the newest value from `last`
            ASSERT_EQ(std::bit_cast<std::uint64_t>(fn(a.data(), last)),
                      std::bit_cast<std::uint64_t>(want))
                << "n " << n << " trial " << trial;
        }
    }
}

// LinRegWindow (Squeeze's momentum): the least-squares line's value at the last point of the
// window. Hand-checked: over 1, 2, 4 (x = 0, 1, 2) the mean is 7/3 and the slope 3/2, so the
// value at x = 2 is 23/6; sliding in 8 (window 2, 4, 8): 14/3 + 3 = 23/3; then 8 again (4, 8, 8:
// mean 20/3, slope 2): 26/3, at the third slide of the full window, when the sums are refreshed.
TEST(LinRegWindowTest, HandCheckedValues) {
    const double ys[] = {1.0, 2.0, 4.0, 8.0, 8.0};
    LinRegWindow w(3);
    EXPECT_TRUE(std::isnan(w.slide(ys[0], 0.0, ys)));
    EXPECT_TRUE(std::isnan(w.slide(ys[1], 0.0, ys)));
    EXPECT_NEAR(w.slide(ys[2], 0.0, ys), 23.0 / 6.0, 4e-15);
    EXPECT_NEAR(w.slide(ys[3], ys[0], ys + 1), 23.0 / 3.0, 4e-15);
    EXPECT_NEAR(w.slide(ys[4], ys[1], ys + 2), 26.0 / 3.0, 4e-15);
}

__extension__ typedef __int128 Int128;

// Over long streams of 50-bit values (so every update of the sums rounds), the value stays
// within 4 n ulps of the window's largest |y| of the exact value, computed in integers: the
// values are multiples of 2^-20, so S and T are exact integers and the value is
// (6T - 2(n-2)S) / (n(n+1)). Without the sums' refresh every n values the error grows with the
// stream (40 to 80,000 times that bound here after 300,000 values).
TEST(LinRegWindowTest, WithinTheBoundOfTheExactValueOverLongStreams) {
    std::mt19937_64 rng(17);
    for (const std::int64_t n : {2, 3, 7, 20, 64}) {
        LinRegWindow w(static_cast<std::size_t>(n));
        std::deque<std::int64_t> window;
        std::vector<double> pushed;
        // About 2^30 in units of 2^-20: 50-bit values whose sums round in doubles.
        std::int64_t level = (std::int64_t{1} << 50) + 12345;
        std::uniform_int_distribution<std::int64_t> step(-(std::int64_t{1} << 32),
                                                         std::int64_t{1} << 32);
        double worst = 0.0;
        for (int i = 0; i < 300'000; ++i) {
            level += step(rng);
            const double y = std::ldexp(static_cast<double>(level), -20);
            const double leaving =
                pushed.size() >= static_cast<std::size_t>(n) ? pushed[pushed.size() - n] : 0.0;
            pushed.push_back(y);
            window.push_back(level);
            if (window.size() > static_cast<std::size_t>(n)) {
                window.pop_front();
            }
            const double* view = pushed.size() >= static_cast<std::size_t>(n)
                                     ? &pushed[pushed.size() - n]
                                     : pushed.data();
            const double got = w.slide(y, leaving, view);
            if (window.size() < static_cast<std::size_t>(n)) {
                ASSERT_TRUE(std::isnan(got)) << i;
                continue;
            }
            Int128 s = 0;
            Int128 t = 0;
            std::int64_t largest = 0;
            for (std::int64_t k = 0; k < n; ++k) {
                const std::int64_t m = window[static_cast<std::size_t>(k)];
                s += m;
                t += static_cast<Int128>(k) * m;
                largest = std::max(largest, m < 0 ? -m : m);
            }
            const Int128 num = 6 * t - 2 * (n - 2) * s;
            const long double d = static_cast<long double>(n * (n + 1));
            const long double exact = std::ldexp(static_cast<long double>(num) / d, -20);
            const long double bound = 4.0L * static_cast<long double>(n) *
                                      std::numeric_limits<double>::epsilon() *
                                      std::ldexp(static_cast<long double>(largest), -20);
            worst = std::max(worst, static_cast<double>(std::fabs(got - exact) / bound));
            if (i % 1000 == 0) {
                pushed.erase(pushed.begin(), pushed.end() - (n + 1));
            }
        }
        EXPECT_LE(worst, 1.0) << "n " << n;
    }
}

// RefreshedMoments and RefreshedMean (Squeeze's close mean and std, true-range mean): over long
// streams of 50-bit values (each rolling update rounds), within a few ulps of the exact values,
// computed in integers (multiples of 2^-20), at the scale the sums work at: RefreshedMoments'
// mean within ulps of the mean plus n ulps of the deviations from its shift (a value of the
// last 2n, so within their spread D), its variance within n ulps of D^2 (no cancellation of
// the values' squares); RefreshedMean (plain sums, for true ranges) within n ulps of the mean.
// NaN until the window is full; a window of equal values gives that value and variance 0
// exactly.
TEST(RefreshedMomentsTest, WithinTheBoundOfTheExactValuesOverLongStreams) {
    std::mt19937_64 rng(29);
    const long double eps = std::numeric_limits<double>::epsilon();
    for (const std::int64_t n : {1, 2, 3, 7, 20, 64}) {
        for (const int ddof : {0, 1}) {
            if (ddof >= n) {
                continue;
            }
            RefreshedMoments moments(static_cast<std::size_t>(n), ddof);
            RefreshedMean mean_only(static_cast<std::size_t>(n));
            std::deque<std::int64_t> window;
            std::deque<std::int64_t> recent;  // the last 2n values
            std::vector<double> pushed;
            std::int64_t level = (std::int64_t{1} << 50) + 777;
            std::uniform_int_distribution<std::int64_t> step(-(std::int64_t{1} << 32),
                                                             std::int64_t{1} << 32);
            std::uniform_int_distribution<int> flat(0, 9);
            double worst_mean = 0.0;
            double worst_mean2 = 0.0;
            double worst_var = 0.0;
            for (int i = 0; i < 200'000; ++i) {
                if (flat(rng) != 0) {  // runs of equal values now and then
                    level += step(rng);
                }
                const double x = std::ldexp(static_cast<double>(level), -20);
                const double leaving =
                    pushed.size() >= static_cast<std::size_t>(n) ? pushed[pushed.size() - n] : 0.0;
                pushed.push_back(x);
                window.push_back(level);
                if (window.size() > static_cast<std::size_t>(n)) {
                    window.pop_front();
                }
                recent.push_back(level);
                if (recent.size() > static_cast<std::size_t>(2 * n)) {
                    recent.pop_front();
                }
                const double* view = pushed.size() >= static_cast<std::size_t>(n)
                                         ? &pushed[pushed.size() - n]
                                         : pushed.data();
                double mean;
                double var;
                moments.slide(x, leaving, view, mean, var);
                const double mean2 = mean_only.slide(x, leaving, view);
                if (window.size() < static_cast<std::size_t>(n)) {
                    ASSERT_TRUE(std::isnan(mean) && std::isnan(var) && std::isnan(mean2)) << i;
                    continue;
                }
                Int128 s = 0;
                Int128 q = 0;
                bool constant = true;
                for (const std::int64_t m : window) {
                    s += m;
                    q += static_cast<Int128>(m) * m;
                    constant = constant && m == level;
                }
                const auto [lo, hi] = std::minmax_element(recent.begin(), recent.end());
                const long double spread = std::ldexp(static_cast<long double>(*hi - *lo), -20);
                if (constant) {
                    ASSERT_EQ(mean, x) << i;
                    ASSERT_EQ(mean2, x) << i;
                    ASSERT_EQ(var, 0.0) << i;
                    continue;
                }
                const long double exact_mean = std::ldexp(static_cast<long double>(s) / n, -20);
                const Int128 num = n * q - s * s;
                const long double exact_var = std::ldexp(
                    static_cast<long double>(num) / static_cast<long double>(n * (n - ddof)), -40);
                const long double mean_scale = eps * (std::fabs(exact_mean) + n * spread);
                worst_mean = std::max(
                    worst_mean, static_cast<double>(std::fabs(mean - exact_mean) / mean_scale));
                worst_mean2 =
                    std::max(worst_mean2, static_cast<double>(std::fabs(mean2 - exact_mean) /
                                                              (eps * n * std::fabs(exact_mean))));
                worst_var = std::max(worst_var, static_cast<double>(std::fabs(var - exact_var) /
                                                                    (eps * n * spread * spread)));
                if (i % 1000 == 0) {
                    pushed.erase(pushed.begin(), pushed.end() - (n + 1));
                }
            }
            EXPECT_LE(worst_mean, 2.0) << "n " << n;
            EXPECT_LE(worst_mean2, 2.0) << "n " << n;
            EXPECT_LE(worst_var, 4.0) << "n " << n << " ddof " << ddof;
        }
    }
}

// A NaN or an infinity restarts the sums: NaN until n finite values follow, then the numbers of
// fresh objects fed the same values, bit for bit.
TEST(RefreshedMomentsTest, ANonFiniteValueRestartsAsFreshSums) {
    const std::size_t n = 4;
    std::mt19937_64 rng(31);
    std::uniform_real_distribution<double> unit(90.0, 110.0);
    for (const double bad :
         {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        std::vector<double> xs(40);
        for (double& x : xs) {
            x = unit(rng);
        }
        xs[17] = bad;
        RefreshedMoments m(n, 0);
        RefreshedMoments fresh_m(n, 0);
        RefreshedMean s(n);
        RefreshedMean fresh_s(n);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const double leaving = i >= n ? xs[i - n] : 0.0;
            const double* view = i + 1 >= n ? &xs[i + 1 - n] : xs.data();
            double mean;
            double var;
            m.slide(xs[i], leaving, view, mean, var);
            const double mean2 = s.slide(xs[i], leaving, view);
            if (i >= 17 && i < 17 + n) {
                EXPECT_TRUE(std::isnan(mean) && std::isnan(var) && std::isnan(mean2)) << i;
            }
            if (i > 17) {
                double fm;
                double fv;
                fresh_m.slide(xs[i], leaving, view, fm, fv);
                const double fs = fresh_s.slide(xs[i], leaving, view);
                ASSERT_EQ(std::bit_cast<std::uint64_t>(mean), std::bit_cast<std::uint64_t>(fm))
                    << i;
                ASSERT_EQ(std::bit_cast<std::uint64_t>(var), std::bit_cast<std::uint64_t>(fv)) << i;
                ASSERT_EQ(std::bit_cast<std::uint64_t>(mean2), std::bit_cast<std::uint64_t>(fs))
                    << i;
                if (i >= 17 + n) {
                    ASSERT_FALSE(std::isnan(mean) || std::isnan(var) || std::isnan(mean2)) << i;
                }
            }
        }
    }
}

// A NaN or an infinity restarts the sums: NaN until n values have come after it, then the values
// of a fresh window fed the same values, bit for bit (an infinity left in the sums would give NaN
// for good).
TEST(LinRegWindowTest, ANonFiniteValueRestartsAsAFreshWindow) {
    const std::size_t n = 5;
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> unit(-2.0, 2.0);
    for (const double bad :
         {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
          -std::numeric_limits<double>::infinity()}) {
        std::vector<double> ys(60);
        for (double& y : ys) {
            y = unit(rng);
        }
        ys[23] = bad;
        LinRegWindow w(n);
        LinRegWindow fresh(n);
        for (std::size_t i = 0; i < ys.size(); ++i) {
            const double leaving = i >= n ? ys[i - n] : 0.0;
            const double* view = i + 1 >= n ? &ys[i + 1 - n] : ys.data();
            const double got = w.slide(ys[i], leaving, view);
            if (i < 23) {
                continue;
            }
            if (i < 23 + n) {
                EXPECT_TRUE(std::isnan(got)) << i;
            }
            if (i > 23) {
                const double want = fresh.slide(ys[i], leaving, view);
                ASSERT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(want))
                    << i;
                if (i >= 23 + n) {
                    ASSERT_FALSE(std::isnan(got)) << i;
                }
            }
        }
    }
}

// MeanVarWindow (Bollinger Bands, Squeeze) takes a steady-state path without the windows'
// bookkeeping and keeps the run of equal values once: it must give exactly the numbers of a
// KahanWindow and a VarWindow slid apart, through runs of equal values (pandas' constant-window
// rules), NaNs entering and leaving the window, negative values, and windows 1, 2, 3, 5 and 20.
TEST(MeanVarWindowTest, EqualsTheTwoWindowsSlidApart) {
    const auto bits = [](double x) {
        return x != x ? std::uint64_t{1} : std::bit_cast<std::uint64_t>(x);
    };
    std::mt19937_64 rng(23);
    std::uniform_int_distribution<int> pick(0, 99);
    std::uniform_real_distribution<double> unit(-3.0, 3.0);
    for (const std::size_t window : {1, 2, 3, 5, 20}) {
        for (const int ddof : {0, 1}) {
            MeanVarWindow both(window, ddof);
            KahanWindow mean(window);
            VarWindow var(window, ddof);
            std::vector<double> xs;
            double x = 1.0;
            for (int i = 0; i < 20'000; ++i) {
                const int r = pick(rng);
                if (r < 3) {
                    x = std::numeric_limits<double>::quiet_NaN();
                } else if (r < 40) {
                    x = x == x ? x : 1.0;  // a run of equal values
                } else {
                    x = unit(rng);
                }
                const bool full = xs.size() >= window;
                const double leaving = full ? xs[xs.size() - window] : 0.0;
                xs.push_back(x);
                double m;
                double v;
                both.slide(x, full, leaving, m, v);
                mean.slide(x, full, leaving);
                var.slide(x, full, leaving);
                ASSERT_EQ(bits(m), bits(mean.mean())) << "window " << window << " row " << i;
                ASSERT_EQ(bits(v), bits(var.var()))
                    << "window " << window << " ddof " << ddof << " row " << i;
            }
        }
    }
}

// VarWindow::slide_steady_var (the reference set's Bollinger variance once the window is full)
// must be slide() then var() bit for bit, through runs of equal values (pandas' constant-window
// rule, which it counts itself), including a run that started before the window filled, and
// negative values, for windows 2, 3, 5 and 20.
TEST(VarWindowTest, SteadySlideEqualsSlideThenVar) {
    std::mt19937_64 rng(29);
    std::uniform_int_distribution<int> pick(0, 99);
    std::uniform_real_distribution<double> unit(-3.0, 3.0);
    for (const std::size_t window : {2, 3, 5, 20}) {
        for (const int ddof : {0, 1}) {
            VarWindow fast(window, ddof);
            VarWindow slow(window, ddof);
            std::vector<double> xs(30, 2.5);  // a run from the first row
            for (int i = 0; i < 20'000; ++i) {
                xs.push_back(pick(rng) < 40 ? xs.back() : unit(rng));
            }
            for (std::size_t i = 0; i < xs.size(); ++i) {
                const bool full = i >= window;
                const double leaving = full ? xs[i - window] : 0.0;
                slow.slide(xs[i], full, leaving);
                if (!fast.steady()) {
                    fast.slide(xs[i], full, leaving);
                    continue;
                }
                const double got = fast.slide_steady_var(xs[i], leaving);
                ASSERT_EQ(std::bit_cast<std::uint64_t>(got),
                          std::bit_cast<std::uint64_t>(slow.var()))
                    << "window " << window << " ddof " << ddof << " row " << i;
            }
        }
    }
}

}  // namespace
}  // namespace aitp::indicators::detail
