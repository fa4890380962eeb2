// SPDX-License-Identifier: MIT
// Time-driven server behaviour on the fixture's ManualClock: session expiry (sliding, one hour
// after the last use, refreshed at most every five minutes), login lockout expiry and the
// per-minute rate-limit window. Durations are written out here (1 h, 5 min, 30 min, 1 min) as
// the server's documented policy, not read from the server's constants.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace aitp::testing {
namespace {

constexpr std::int64_t kMinute = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMinute;

TEST(ServerSessionTest, ExpiresOneHourAfterLoginWithoutUse) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    EXPECT_EQ(c.get("/api/data/").status, 200);  // at login time: no refresh yet
    s.clock().advance(kHour - 1);
    EXPECT_EQ(c.get("/api/data/").status, 200);  // still valid; this use slides the expiry
    s.clock().advance(kHour);
    const HttpReply expired = c.get("/api/data/");
    EXPECT_EQ(expired.status, 401);
    EXPECT_NE(expired.body.find("session expired"), std::string::npos) << expired.body;
}

TEST(ServerSessionTest, UnusedSessionIsRejectedJustAfterTheHour) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    s.clock().advance(kHour + 1);
    EXPECT_EQ(c.get("/api/data/").status, 401);
    EXPECT_EQ(c.get("/api/auth/status/").status, 200);  // public: says "not signed in"
    EXPECT_NE(c.get("/api/auth/status/").body.find("\"authenticated\":false"), std::string::npos);
}

TEST(ServerSessionTest, UseKeepsTheSessionAliveBeyondTheFirstHour) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    for (int i = 0; i < 6; ++i) {  // 6 x 50 min = 5 h of activity
        s.clock().advance(50 * kMinute);
        ASSERT_EQ(c.get("/api/data/").status, 200) << "after " << (i + 1) * 50 << " min";
    }
    s.clock().advance(kHour + 1);
    EXPECT_EQ(c.get("/api/data/").status, 401);
}

TEST(ServerSessionTest, RefreshWithinTheFirstFiveMinutesDoesNotExtend) {
    LiveServer s;
    HttpClient c = s.logged_in_client();
    s.clock().advance(4 * kMinute);
    EXPECT_EQ(c.get("/api/data/").status, 200);  // too soon to refresh: expiry stays at +1 h
    s.clock().advance(kHour - 4 * kMinute + 1);
    EXPECT_EQ(c.get("/api/data/").status, 401);
}

TEST(ServerSessionTest, LoginLockoutEndsAfterThirtyMinutes) {
    LiveServer s;
    HttpClient c(s.port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("admin", "wrong-password-123").status, 401);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 429);
    s.clock().advance(30 * kMinute - 1000);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 429);
    s.clock().advance(1000);
    EXPECT_EQ(c.login("admin", kAdminPassword).status, 200);
}

TEST(ServerSessionTest, RateLimitWindowResetsAfterAMinute) {
    LiveServer s(/*rate_limit=*/5);
    HttpClient c = s.logged_in_client();
    int limited = 0;
    for (int i = 0; i < 8; ++i) limited += c.get("/api/data/").status == 429 ? 1 : 0;
    EXPECT_GT(limited, 0);
    s.clock().advance(kMinute + 1);
    EXPECT_EQ(c.get("/api/data/").status, 200);
}

}  // namespace
}  // namespace aitp::testing
