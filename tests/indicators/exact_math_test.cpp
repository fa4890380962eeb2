// SPDX-License-Identifier: MIT
// Exact arithmetic helpers of the indicator kernels: detail::ln (fdlibm's log, used by
// log_returns in batch and stream) within 1 ulp of the C library's log over the positive
// normals and near 1 (where log returns live), the C library's value for 0, negatives,
// subnormals, infinities and NaN, ln8() equal to ln() in every lane; and detail::Divisor
// (division by a small integer as a multiplication and an FMA correction) equal to the division;
// the fixed-length WMA dot products equal the generic kernel bit for bit.
#include "indicators/detail/fixed_window.hpp"
#include "indicators/detail/log.hpp"
#include "indicators/detail/pandas_window.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

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
    std::uniform_int_distribution<std::uint64_t> bits(std::bit_cast<std::uint64_t>(
                                                          std::numeric_limits<double>::min()),
                                                      std::bit_cast<std::uint64_t>(
                                                          std::numeric_limits<double>::max()));
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
    EXPECT_LE(ulps(ln(std::numeric_limits<double>::min()),
                   std::log(std::numeric_limits<double>::min())),
              1);
    EXPECT_LE(ulps(ln(std::numeric_limits<double>::max()),
                   std::log(std::numeric_limits<double>::max())),
              1);
}

TEST(LnTest, LanesGiveTheScalarBits) {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-2.0, 3.0);
    const double specials[] = {0.0, -1.0, std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::denorm_min(), 1.0};
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
            ASSERT_EQ(std::bit_cast<std::uint64_t>(div.divide(a)), std::bit_cast<std::uint64_t>(a / dd));
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
                w[i] = trial % 2 == 0 ? static_cast<double>(i + 1) : std::ldexp(unit(rng), exponent(rng));
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

}  // namespace
}  // namespace aitp::indicators::detail
