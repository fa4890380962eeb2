// SPDX-License-Identifier: MIT
#include "core/status.hpp"

#include <gtest/gtest.h>

namespace aitp {
namespace {

Result<int> parse_positive(int v) {
    if (v <= 0) return fail(Error::invalid_argument("value must be > 0, was " + std::to_string(v)));
    return v;
}

Result<int> doubled(int v) {
    AITP_TRY_ASSIGN(const int x, parse_positive(v));
    return 2 * x;
}

Status check_both(int a, int b) {
    AITP_TRY(parse_positive(a));
    AITP_TRY(parse_positive(b));
    return ok_status();
}

TEST(StatusTest, TryAssignPropagatesValueAndError) {
    ASSERT_TRUE(doubled(4).has_value());
    EXPECT_EQ(*doubled(4), 8);
    const auto r = doubled(-1);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_invalid_argument());
    EXPECT_EQ(r.error().message(), "value must be > 0, was -1");
}

TEST(StatusTest, TryStopsAtFirstError) {
    EXPECT_TRUE(check_both(1, 2));
    const auto s = check_both(1, 0);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().message(), "value must be > 0, was 0");
}

TEST(StatusTest, ContextAndToString) {
    const Error e = Error::not_found("no such file").with_context("data.csv");
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_EQ(e.message(), "data.csv: no such file");
    EXPECT_EQ(e.to_string(), "NotFound: data.csv: no such file");
}

}  // namespace
}  // namespace aitp
