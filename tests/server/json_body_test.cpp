// SPDX-License-Identifier: MIT
// The server's JSON and error helpers and the byte-bounded cache (issue 16, items 1-3 and 18).
#include "server/json_body.hpp"

#include <gtest/gtest.h>

#include "server/byte_cache.hpp"
#include "server/http_errors.hpp"
#include "support/result.hpp"

namespace aitp::server {
namespace {

using nlohmann::json;

TEST(JsonBodyTest, NestingDepthSkipsStringsAndStopsEarly) {
    EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":"[[[{{{"}]})"), 3);
    EXPECT_EQ(json_nesting_depth(R"(["\"[[[", "\\", [[]]])"), 3);
    EXPECT_EQ(json_nesting_depth(std::string(1000000, '['), 64), 65);  // stops at 65
    EXPECT_EQ(json_nesting_depth("1"), 0);
}

TEST(JsonBodyTest, ParseRefusesDeepNonUtf8AndNonObjects) {
    EXPECT_TRUE(parse_json_object(std::string(64, '[') + std::string(64, ']')).error().message() ==
                "body must be a JSON object");
    EXPECT_NE(parse_json_object(std::string(65, '[') + std::string(65, ']'))
                  .error()
                  .message()
                  .find("deeper than 64"),
              std::string::npos);
    EXPECT_FALSE(parse_json_object("{\"a\":\"\xff\"}"));
    ASSERT_OK_AND_ASSIGN(const json empty, parse_json_object(""));
    EXPECT_TRUE(empty.is_object());
}

TEST(JsonBodyTest, FieldsAreStrictlyTyped) {
    const json b = json::parse(
        R"({"s":"x","n":1.5,"i":7,"big":4294967297,"huge":18446744073709551615,"neg":-3,)"
        R"("str":"5","list":["a","b"],"mixed":["a",1],"nul":null})");
    EXPECT_EQ(*string_field(b, "s", "d"), "x");
    EXPECT_EQ(*string_field(b, "absent", "d"), "d");
    EXPECT_EQ(*string_field(b, "nul", "d"), "d");
    EXPECT_EQ(string_field(b, "i", "d").error().message(), "i must be a string, was 7");
    EXPECT_EQ(*number_field(b, "n", 0.0), 1.5);
    EXPECT_EQ(number_field(b, "str", 0.0).error().message(), R"(str must be a number, was "5")");
    EXPECT_EQ(*integer_field(b, "i", 0, 1, 10), 7);
    EXPECT_EQ(integer_field(b, "big", 0, 1, 3650).error().message(),
              "big must be an integer in 1..3650, was 4294967297");
    EXPECT_FALSE(integer_field(b, "huge", 0, 0, INT64_MAX));
    EXPECT_FALSE(integer_field(b, "n", 0, 0, 10));
    EXPECT_FALSE(integer_field(b, "neg", 0, 0, 10));
    EXPECT_EQ(*integer_field(b, "neg", 0, -5, 10), -3);
    EXPECT_EQ(string_list_field(b, "list", {}, 5)->size(), 2u);
    EXPECT_FALSE(string_list_field(b, "list", {}, 1));
    EXPECT_FALSE(string_list_field(b, "mixed", {}, 5));
    EXPECT_FALSE(string_list_field(b, "s", {}, 5));
}

TEST(JsonBodyTest, SerialisationReplacesIllFormedUtf8) {
    const json doc = {{"e",
                       "a\xff"
                       "b"}};
    EXPECT_THROW((void)doc.dump(), json::type_error);
    EXPECT_EQ(json_text(doc),
              "{\"e\":\"a\xEF\xBF\xBD"
              "b\"}");
}

TEST(HttpErrorsTest, PublicMessagesAreShortAndPathFree) {
    EXPECT_EQ(public_message("/srv/aitp/var/processed/kraken_BTC_USDT_1h.parquet: IO Error: "
                             "No magic bytes found at end of file "
                             "'/srv/aitp/var/processed/kraken_BTC_USDT_1h.parquet'\n"
                             "LINE 1: SELECT \"timestamp\" FROM read_parquet('/srv/x')"),
              "kraken_BTC_USDT_1h.parquet: IO Error: No magic bytes found at end of file "
              "'kraken_BTC_USDT_1h.parquet'");
    EXPECT_EQ(public_message("Binder Error: no column LINE 1: SELECT 1"),
              "Binder Error: no column");
    EXPECT_EQ(public_message("no stored series sample_X_1h.parquet"),
              "no stored series sample_X_1h.parquet");
    EXPECT_EQ(public_message("fees must be in [0, 0.1], was 5"), "fees must be in [0, 0.1], was 5");
    EXPECT_EQ(public_message(std::string(500, 'x')).size(), kMaxPublicMessage);
    EXPECT_EQ(public_message("bad \xff"), "bad \xEF\xBF\xBD");
    const Response r = error_response(Error::io_error("/srv/aitp/var/aitp.db: disk I/O error"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(json::parse(r.body)["error"], "aitp.db: disk I/O error");
    EXPECT_EQ(r.detail, "/srv/aitp/var/aitp.db: disk I/O error");
}

TEST(ByteBudgetCacheTest, EvictsLeastRecentlyUsedByBytes) {
    ByteBudgetCache<int> cache(100);
    EXPECT_TRUE(cache.put("a", std::make_shared<const int>(1), 40));
    EXPECT_TRUE(cache.put("b", std::make_shared<const int>(2), 40));
    ASSERT_NE(cache.find("a"), nullptr);  // a is now the most recently used
    EXPECT_TRUE(cache.put("c", std::make_shared<const int>(3), 40));  // evicts b
    EXPECT_EQ(cache.find("b"), nullptr);
    EXPECT_EQ(*cache.find("a"), 1);
    EXPECT_EQ(cache.bytes(), 80u);
    EXPECT_FALSE(cache.put("huge", std::make_shared<const int>(4), 101));  // never kept
    EXPECT_EQ(cache.find("huge"), nullptr);
    EXPECT_EQ(cache.bytes(), 80u);
    EXPECT_TRUE(cache.put("a", std::make_shared<const int>(5), 10));  // replaces
    EXPECT_EQ(cache.bytes(), 50u);
    EXPECT_EQ(cache.size(), 2u);
}

}  // namespace
}  // namespace aitp::server
