// SPDX-License-Identifier: MIT
#include "store/auth_store.hpp"

#include <gtest/gtest.h>

#include "store/store_test_helpers.hpp"

namespace aitp::store {
namespace {

using testing::query_int;
using testing::TempDatabase;

// True for "YYYY-MM-DDTHH:MM:SS.mmmZ".
bool is_iso_millis(const std::string& s) {
    const std::string shape = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (s.size() != shape.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool ok = shape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == shape[i];
        if (!ok) return false;
    }
    return true;
}

class AuthStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        t_.open();
        auth_ = std::make_unique<AuthStore>(*t_.db);
    }

    std::int64_t make_user(const std::string& name) {
        auto id = auth_->create_user(name, "hash-of-" + name, false);
        EXPECT_TRUE(id) << id.error().to_string();
        return id ? *id : 0;
    }

    static SessionRecord session(const std::string& token_hash, std::int64_t user_id,
                                 std::int64_t expires_at_ms) {
        SessionRecord s;
        s.token_hash = token_hash;
        s.user_id = user_id;
        s.csrf_token = "csrf-" + token_hash;
        s.expires_at_ms = expires_at_ms;
        return s;
    }

    std::int64_t session_rows() { return query_int(*t_.db, "SELECT count(*) FROM sessions"); }

    TempDatabase t_;
    std::unique_ptr<AuthStore> auth_;
};

TEST_F(AuthStoreTest, CreatesAndFindsUsers) {
    ASSERT_OK_AND_ASSIGN(const auto none, auth_->user_count());
    EXPECT_EQ(none, 0);
    ASSERT_OK_AND_ASSIGN(const auto admin_id, auth_->create_user("admin", "h1", true));
    ASSERT_OK_AND_ASSIGN(const auto bob_id, auth_->create_user("bob", "h2", false));
    EXPECT_NE(admin_id, bob_id);
    ASSERT_OK_AND_ASSIGN(const auto two, auth_->user_count());
    EXPECT_EQ(two, 2);
    ASSERT_OK_AND_ASSIGN(const auto admin, auth_->find_user("admin"));
    ASSERT_TRUE(admin);
    EXPECT_EQ(admin->id, admin_id);
    EXPECT_EQ(admin->username, "admin");
    EXPECT_EQ(admin->password_hash, "h1");
    EXPECT_TRUE(admin->is_admin);
    ASSERT_OK_AND_ASSIGN(const auto bob, auth_->find_user("bob"));
    ASSERT_TRUE(bob);
    EXPECT_EQ(bob->id, bob_id);
    EXPECT_FALSE(bob->is_admin);
    ASSERT_OK_AND_ASSIGN(const auto nobody, auth_->find_user("carol"));
    EXPECT_FALSE(nobody);
}

TEST_F(AuthStoreTest, DuplicateUsernameIsAConflictNamingTheUser) {
    make_user("alice");
    const auto again = auth_->create_user("alice", "other", true);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::Conflict);
    EXPECT_NE(again.error().message().find("alice"), std::string::npos);
    ASSERT_OK_AND_ASSIGN(const auto user, auth_->find_user("alice"));
    ASSERT_TRUE(user);
    EXPECT_EQ(user->password_hash, "hash-of-alice") << "the first user is untouched";
    EXPECT_FALSE(user->is_admin);
}

TEST_F(AuthStoreTest, AwkwardUsernamesAndHashesRoundTrip) {
    for (const auto& s : testing::awkward_strings()) {
        ASSERT_OK_AND_ASSIGN(const auto id, auth_->create_user(s, s, false));
        ASSERT_OK_AND_ASSIGN(const auto user, auth_->find_user(s));
        ASSERT_TRUE(user) << "size " << s.size();
        EXPECT_EQ(user->id, id);
        EXPECT_TRUE(user->username == s && user->password_hash == s) << "size " << s.size();
    }
    ASSERT_OK_AND_ASSIGN(const auto n, auth_->user_count());
    EXPECT_EQ(n, static_cast<std::int64_t>(testing::awkward_strings().size()));
}

TEST_F(AuthStoreTest, SessionIsFoundUntilItsExpiryAtTheTimePassedIn) {
    const auto uid = make_user("alice");
    ASSERT_OK(auth_->create_session(session("tok", uid, 10'000), 1'000));
    EXPECT_EQ(query_int(*t_.db, "SELECT created_at FROM sessions"), 1'000)
        << "created_at is the time passed in";
    for (const std::int64_t now : {0LL, 1'000LL, 9'999LL}) {
        ASSERT_OK_AND_ASSIGN(const auto found, auth_->find_session("tok", now));
        ASSERT_TRUE(found) << "now " << now;
        EXPECT_EQ(found->token_hash, "tok");
        EXPECT_EQ(found->user_id, uid);
        EXPECT_EQ(found->username, "alice");
        EXPECT_EQ(found->csrf_token, "csrf-tok");
        EXPECT_EQ(found->expires_at_ms, 10'000);
    }
    // Expired from its expiry instant on; the row stays until it is deleted.
    for (const std::int64_t now : {10'000LL, 10'001LL, 1LL << 50}) {
        ASSERT_OK_AND_ASSIGN(const auto found, auth_->find_session("tok", now));
        EXPECT_FALSE(found) << "now " << now;
    }
    EXPECT_EQ(session_rows(), 1);
}

TEST_F(AuthStoreTest, TouchMovesTheExpiry) {
    const auto uid = make_user("alice");
    ASSERT_OK(auth_->create_session(session("tok", uid, 10'000), 0));
    ASSERT_OK(auth_->touch_session("tok", 20'000));
    ASSERT_OK_AND_ASSIGN(const auto later, auth_->find_session("tok", 15'000));
    ASSERT_TRUE(later);
    EXPECT_EQ(later->expires_at_ms, 20'000);
    // Touching can also shorten it (logout elsewhere, admin action).
    ASSERT_OK(auth_->touch_session("tok", 5'000));
    ASSERT_OK_AND_ASSIGN(const auto gone, auth_->find_session("tok", 6'000));
    EXPECT_FALSE(gone);
}

TEST_F(AuthStoreTest, UnknownTokenIsNotFoundAndTouchOrDeleteCreateNothing) {
    const auto uid = make_user("alice");
    ASSERT_OK(auth_->create_session(session("tok", uid, 10'000), 0));
    ASSERT_OK_AND_ASSIGN(const auto missing, auth_->find_session("other", 0));
    EXPECT_FALSE(missing);
    ASSERT_OK_AND_ASSIGN(const auto prefix, auth_->find_session("to", 0));
    EXPECT_FALSE(prefix);
    ASSERT_OK(auth_->touch_session("other", 99'000));
    ASSERT_OK(auth_->delete_session("other"));
    EXPECT_EQ(session_rows(), 1);
    ASSERT_OK_AND_ASSIGN(const auto kept, auth_->find_session("tok", 0));
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->expires_at_ms, 10'000);
}

TEST_F(AuthStoreTest, DeleteRemovesOnlyThatSession) {
    const auto uid = make_user("alice");
    ASSERT_OK(auth_->create_session(session("a", uid, 10'000), 0));
    ASSERT_OK(auth_->create_session(session("b", uid, 10'000), 0));
    ASSERT_OK(auth_->delete_session("a"));
    ASSERT_OK_AND_ASSIGN(const auto a, auth_->find_session("a", 0));
    EXPECT_FALSE(a);
    ASSERT_OK_AND_ASSIGN(const auto b, auth_->find_session("b", 0));
    EXPECT_TRUE(b);
}

// delete_expired_sessions and find_session agree on what "expired at now" means.
TEST_F(AuthStoreTest, DeleteExpiredRemovesExactlyWhatFindNoLongerReturns) {
    const auto uid = make_user("alice");
    for (const std::int64_t expiry : {100, 200, 300})
        ASSERT_OK(auth_->create_session(session("t" + std::to_string(expiry), uid, expiry), 0));
    const std::int64_t now = 200;
    std::vector<std::string> still_valid;
    for (const std::string tok : {"t100", "t200", "t300"}) {
        ASSERT_OK_AND_ASSIGN(const auto s, auth_->find_session(tok, now));
        if (s) still_valid.push_back(tok);
    }
    EXPECT_EQ(still_valid, std::vector<std::string>{"t300"});
    ASSERT_OK(auth_->delete_expired_sessions(now));
    std::vector<std::string> left;
    for (const auto& r : testing::query_rows(*t_.db,
                                             "SELECT token_hash FROM sessions "
                                             "ORDER BY token_hash"))
        left.push_back(r.text(0));
    EXPECT_EQ(left, still_valid);
}

TEST_F(AuthStoreTest, SessionForAnUnknownUserOrADuplicateTokenIsRefused) {
    const auto uid = make_user("alice");
    const Status orphan = auth_->create_session(session("tok", uid + 100, 10'000), 0);
    EXPECT_FALSE(orphan) << "foreign keys are enforced";
    ASSERT_OK(auth_->create_session(session("tok", uid, 10'000), 0));
    const Status dup = auth_->create_session(session("tok", uid, 50'000), 0);
    EXPECT_FALSE(dup);
    ASSERT_OK_AND_ASSIGN(const auto s, auth_->find_session("tok", 0));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->expires_at_ms, 10'000);
    EXPECT_EQ(session_rows(), 1);
}

TEST_F(AuthStoreTest, AwkwardTokensRoundTrip) {
    const auto uid = make_user("alice");
    std::int64_t expiry = 1'000;
    for (const auto& s : testing::awkward_strings()) {
        SessionRecord rec = session(s, uid, ++expiry);
        rec.csrf_token = s;
        ASSERT_OK(auth_->create_session(rec, 0));
        ASSERT_OK_AND_ASSIGN(const auto found, auth_->find_session(s, 0));
        ASSERT_TRUE(found) << "size " << s.size();
        EXPECT_TRUE(found->token_hash == s && found->csrf_token == s) << "size " << s.size();
        EXPECT_EQ(found->expires_at_ms, expiry);
    }
}

TEST_F(AuthStoreTest, AuditIsNewestFirstWithTheFieldsGiven) {
    for (int i = 0; i < 3; ++i) {
        AuditRecord a;
        a.username = "user" + std::to_string(i);
        a.action = "POST /api/backtest/run/";
        a.ip_address = "10.0.0." + std::to_string(i);
        a.status_code = 200 + i;
        a.request_id = "req-" + std::to_string(i);
        ASSERT_OK(auth_->append_audit(a));
    }
    ASSERT_OK_AND_ASSIGN(const auto two, auth_->recent_audit(2));
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].username, "user2");
    EXPECT_EQ(two[1].username, "user1");
    EXPECT_EQ(two[0].action, "POST /api/backtest/run/");
    EXPECT_EQ(two[0].ip_address, "10.0.0.2");
    EXPECT_EQ(two[0].status_code, 202);
    EXPECT_EQ(two[0].request_id, "req-2");
    EXPECT_TRUE(is_iso_millis(two[0].created_at)) << two[0].created_at;
    ASSERT_OK_AND_ASSIGN(const auto all, auth_->recent_audit(10));
    EXPECT_EQ(all.size(), 3u);
    ASSERT_OK_AND_ASSIGN(const auto none, auth_->recent_audit(0));
    EXPECT_TRUE(none.empty());
}

TEST_F(AuthStoreTest, AwkwardAuditFieldsRoundTrip) {
    for (const auto& s : testing::awkward_strings()) {
        ASSERT_OK(auth_->append_audit({s, s, s, 400, s, ""}));
        ASSERT_OK_AND_ASSIGN(const auto last, auth_->recent_audit(1));
        ASSERT_EQ(last.size(), 1u);
        EXPECT_TRUE(last[0].username == s && last[0].action == s && last[0].ip_address == s &&
                    last[0].request_id == s)
            << "size " << s.size();
    }
}

// Issue 16 item 14: a generated password carries the must-change flag, which sessions report
// and a password change clears; the change can end the user's other sessions.
TEST_F(AuthStoreTest, MustChangeFlagIsStoredReportedBySessionsAndClearedBySetPassword) {
    ASSERT_OK_AND_ASSIGN(const auto id, auth_->create_user("admin", "generated", true, true));
    ASSERT_OK(auth_->create_session(session("t1", id, 5000), 0));
    ASSERT_OK_AND_ASSIGN(const auto before, auth_->find_session("t1", 10));
    ASSERT_TRUE(before.has_value());
    EXPECT_TRUE(before->must_change_password);
    ASSERT_OK(auth_->set_password("admin", "chosen", false));
    ASSERT_OK_AND_ASSIGN(const auto user, auth_->find_user("admin"));
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(user->password_hash, "chosen");
    EXPECT_FALSE(user->must_change_password);
    ASSERT_OK_AND_ASSIGN(const auto after, auth_->find_session("t1", 10));
    ASSERT_TRUE(after.has_value());
    EXPECT_FALSE(after->must_change_password);
}

TEST_F(AuthStoreTest, SetPasswordOfAnUnknownUserIsNotFound) {
    const Status s = auth_->set_password("nobody", "h", false);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), ErrorCode::NotFound);
}

TEST_F(AuthStoreTest, DeleteUserSessionsKeepsOneAndLeavesOtherUsersAlone) {
    const auto alice = make_user("alice");
    const auto bob = make_user("bob");
    ASSERT_OK(auth_->create_session(session("a1", alice, 5000), 0));
    ASSERT_OK(auth_->create_session(session("a2", alice, 5000), 0));
    ASSERT_OK(auth_->create_session(session("b1", bob, 5000), 0));
    ASSERT_OK(auth_->delete_user_sessions(alice, "a2"));
    EXPECT_EQ(query_int(*t_.db, "SELECT count(*) FROM sessions WHERE token_hash='a1'"), 0);
    EXPECT_EQ(query_int(*t_.db, "SELECT count(*) FROM sessions WHERE token_hash='a2'"), 1);
    EXPECT_EQ(query_int(*t_.db, "SELECT count(*) FROM sessions WHERE token_hash='b1'"), 1);
}

}  // namespace
}  // namespace aitp::store
