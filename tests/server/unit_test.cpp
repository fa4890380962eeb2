// SPDX-License-Identifier: MIT
// Unit tests of the server's pure parts: router, query parsing, limiters, password policy.
#include <gtest/gtest.h>

#include "server/auth.hpp"
#include "server/http_types.hpp"
#include "server/router.hpp"

namespace aitp::server {
namespace {

TEST(RouterTest, MatchesPatternsAndDecodesParams) {
    Router r;
    int hit = 0;
    r.add("GET", "/api/jobs/<id>/", {}, [&](Request& req) {
        hit = 1;
        return Response::json(200, req.params["id"]);
    });
    r.add("POST", "/api/jobs/<id>/cancel/", {}, [&](Request&) { return Response::json(200, "c"); });
    Request req;
    req.method = "GET";
    req.path = "/api/jobs/abc%2Fdef/";
    auto m = r.match(req);
    ASSERT_NE(m.handler, nullptr);
    EXPECT_EQ((*m.handler)(req).body, "abc/def");
    EXPECT_EQ(*m.pattern, "/api/jobs/<id>/");
    req.method = "DELETE";
    m = r.match(req);
    EXPECT_EQ(m.handler, nullptr);
    EXPECT_TRUE(m.path_matched);  // 405, not 404
    req.path = "/api/other/";
    EXPECT_FALSE(r.match(req).path_matched);
}

TEST(HttpTypesTest, QueryAndCookies) {
    auto q = parse_query("limit=5&indicators=sma_21%2Crsi_14&x=a+b&bad=%G1");
    EXPECT_EQ(q["limit"], "5");
    EXPECT_EQ(q["indicators"], "sma_21,rsi_14");
    EXPECT_EQ(q["x"], "a b");
    EXPECT_EQ(q.count("bad"), 0u);
    Request r;
    r.headers["cookie"] = "a=1; aitp_session=tok; b=2";
    EXPECT_EQ(r.cookie("aitp_session"), "tok");
    EXPECT_EQ(r.cookie("c"), "");
}

// Issue 16 item 13: the fifth failure of one (account, address, origin) locks only that key,
// for 1 s; another address, origin or account is not delayed.
TEST(LoginLimiterTest, FifthFailureLocksOnlyThatAccountAddressAndOrigin) {
    LoginLimiter l;
    const std::int64_t t0 = 1'000'000;
    const LoginKey key{"admin", "1.2.3.4", "http://h:1"};
    for (int i = 0; i < 4; ++i) l.record_failure(key, t0 + i);
    EXPECT_EQ(l.locked_for(key, t0 + 10), 0);
    l.record_failure(key, t0 + 10);
    EXPECT_EQ(l.locked_for(key, t0 + 10), 1000);
    EXPECT_EQ(l.locked_for({"admin", "5.6.7.8", "http://h:1"}, t0 + 10), 0);
    EXPECT_EQ(l.locked_for({"admin", "1.2.3.4", "http://other:1"}, t0 + 10), 0);
    EXPECT_EQ(l.locked_for({"bob", "1.2.3.4", "http://h:1"}, t0 + 10), 0);
    EXPECT_EQ(l.locked_for(key, t0 + 1010), 0);
    l.record_success(key);
    l.record_failure(key, t0 + 2000);  // a success started the count again
    EXPECT_EQ(l.locked_for(key, t0 + 2000), 0);
}

TEST(RateLimiterTest, CountsPerClientPerMinute) {
    RateLimiter r(3);
    const std::int64_t t0 = 60'000 * 100;
    EXPECT_EQ(r.check("a", t0).remaining, 2);
    EXPECT_EQ(r.check("a", t0 + 1).remaining, 1);
    EXPECT_TRUE(r.check("a", t0 + 2).allowed);
    EXPECT_FALSE(r.check("a", t0 + 3).allowed);
    EXPECT_TRUE(r.check("b", t0 + 3).allowed);
    EXPECT_TRUE(r.check("a", t0 + 60'000).allowed);  // next window
}

TEST(PasswordTest, Argon2idHashesVerifyAndPolicyHolds) {
    ASSERT_TRUE(init_crypto());
    auto h = hash_password("correct-horse-battery");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify_password(*h, "correct-horse-battery"));
    EXPECT_FALSE(verify_password(*h, "correct-horse-batterz"));
    EXPECT_FALSE(check_password_policy("short-pw"));
    EXPECT_TRUE(check_password_policy("twelve-chars"));
    EXPECT_EQ(generate_password().size(), 20u);
    EXPECT_NE(random_hex(16), random_hex(16));
}

}  // namespace
}  // namespace aitp::server
