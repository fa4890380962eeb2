// SPDX-License-Identifier: MIT
#include "core/text.hpp"

#include <gtest/gtest.h>

#include "support/result.hpp"

namespace aitp {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(TextTest, ValidUtf8PassesUnchanged) {
    const std::string s = "plain, \xC3\xA9t\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80";  // é € 😀
    EXPECT_TRUE(is_valid_utf8(s));
    EXPECT_EQ(sanitize_utf8(s), s);
}

TEST(TextTest, IllFormedBytesBecomeReplacementCharacters) {
    // Hand-checked against Unicode's "maximal subpart" practice (Table 3-8).
    EXPECT_EQ(sanitize_utf8("a\xFF"
                            "b"),
              "a" + kFffd + "b");
    EXPECT_EQ(sanitize_utf8("\xC0\xAF"), kFffd + kFffd);  // overlong '/' : two bad bytes
    EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // a surrogate
    EXPECT_EQ(sanitize_utf8("\xE2\x82"
                            "x"),
              kFffd + "x");  // truncated 3-byte sequence is one subpart
    EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);  // > U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));
    EXPECT_TRUE(is_valid_utf8(sanitize_utf8("\xF0\x9F\x98")));
}

TEST(TextTest, LogValuesCannotBreakTheLine) {
    EXPECT_EQ(escape_log_value("/api/x\n{\"level\":\"error\"}"),
              "/api/x\\n{\\\"level\\\":\\\"error\\\"}");
    EXPECT_EQ(escape_log_value(std::string("a\0b\x1b\\", 5)), "a\\u0000b\\u001b\\\\");
    EXPECT_EQ(escape_log_value("\xFF"), kFffd);
}

TEST(TextTest, IntegersAreParsedStrictly) {
    ASSERT_OK_AND_ASSIGN(const auto v, parse_integer("42", "id", 1, 100));
    EXPECT_EQ(v, 42);
    for (const char* bad :
         {"1abc", "", " 1", "+1", "0x10", "1.0", "4294967297", "0", "99999999999999999999"}) {
        auto r = parse_integer(bad, "id", 1, 100);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_NE(r.error().message().find("id must be an integer in 1..100"), std::string::npos);
    }
    EXPECT_FALSE(parse_integer("9223372036854775808", "n", 0, INT64_MAX).has_value());
}

}  // namespace
}  // namespace aitp
