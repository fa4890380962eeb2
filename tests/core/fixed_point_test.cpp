// SPDX-License-Identifier: MIT
#include "core/fixed_point.hpp"

#include <gtest/gtest.h>

namespace aitp {
namespace {

TEST(FixedPointTest, ParsesAndFormatsExactly) {
    const Price p = *Price::parse("123.45");
    EXPECT_EQ(p.raw(), 123'450'000'000);
    EXPECT_EQ(p.precision(), 2);
    EXPECT_EQ(p.to_string(), "123.45");
    EXPECT_EQ(Price::parse("-0.5")->to_string(), "-0.5");
    EXPECT_EQ(Quantity::parse("7")->to_string(), "7");
    EXPECT_EQ(Quantity::parse("0.000000001")->raw(), 1);
}

TEST(FixedPointTest, ArithmeticIsExactWhereDoublesAreNot) {
    // 0.1 + 0.2 != 0.3 in binary floating point; in fixed point it is.
    const Price a = *Price::parse("0.1");
    const Price b = *Price::parse("0.2");
    EXPECT_EQ(a + b, *Price::parse("0.3"));
    EXPECT_EQ((a + b).to_string(), "0.3");
    EXPECT_EQ((b - a - a).raw(), 0);
    EXPECT_LT(a, b);
}

TEST(FixedPointTest, FromDoubleRoundsHalfAway) {
    EXPECT_EQ(Price::from_double(1.005, 2)->to_string(),
              "1.00");  // 1.005 is 1.00499999... in binary
    EXPECT_EQ(Price::from_double(2.5, 0)->to_string(), "3");
    EXPECT_EQ(Price::from_double(-2.5, 0)->to_string(), "-3");
    EXPECT_EQ(Price::from_double(99.005, 3)->to_string(), "99.005");
}

TEST(FixedPointTest, RejectsBadInput) {
    EXPECT_FALSE(Price::parse(""));
    EXPECT_FALSE(Price::parse("1.2.3"));
    EXPECT_FALSE(Price::parse("abc"));
    EXPECT_FALSE(Price::parse("1.0000000001"));  // ten decimals
    EXPECT_FALSE(Price::parse("99999999999"));   // out of range
    EXPECT_FALSE(Price::from_double(1.0, 10));
    EXPECT_FALSE(Price::from_double(std::numeric_limits<double>::quiet_NaN(), 2));
    const auto r = Price::from_double(1.0, -1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), "precision must be in 0..9, was -1");
}

}  // namespace
}  // namespace aitp
