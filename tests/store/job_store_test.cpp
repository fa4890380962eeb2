// SPDX-License-Identifier: MIT
#include "store/job_store.hpp"

#include <gtest/gtest.h>

#include "store/store_test_helpers.hpp"

namespace aitp::store {
namespace {

using testing::TempDatabase;

class JobStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        t_.open();
        jobs_ = std::make_unique<JobStore>(*t_.db);
    }

    void add(const std::string& id, const std::string& created_at,
             const std::string& type = "backtest", const std::string& status = "pending") {
        JobRecord j;
        j.id = id;
        j.job_type = type;
        j.status = status;
        j.params = R"({"id":")" + id + R"("})";
        j.created_at = created_at;
        const Status s = jobs_->insert(j);
        ASSERT_TRUE(s) << s.error().to_string();
    }

    JobRecord get(const std::string& id) {
        auto j = jobs_->get(id);
        EXPECT_TRUE(j) << j.error().to_string();
        EXPECT_TRUE(j && *j) << "no job " << id;
        return j && *j ? **j : JobRecord{};
    }

    std::vector<std::string> ids(int limit, const std::string& status = {},
                                 const std::string& type = {}) {
        auto list = jobs_->list(limit, status, type);
        EXPECT_TRUE(list) << list.error().to_string();
        std::vector<std::string> out;
        if (list)
            for (const auto& j : *list) out.push_back(j.id);
        return out;
    }

    TempDatabase t_;
    std::unique_ptr<JobStore> jobs_;
};

TEST_F(JobStoreTest, InsertedJobComesBackAsGiven) {
    JobRecord j;
    j.id = "job-1";
    j.job_type = "screen";
    j.status = "pending";
    j.progress = 0.25;
    j.progress_message = "queued";
    j.params = R"({"symbol":"BTC/USDT"})";
    j.created_at = "2024-03-07T17:00:00Z";
    ASSERT_OK(jobs_->insert(j));
    const JobRecord got = get("job-1");
    EXPECT_EQ(got.id, "job-1");
    EXPECT_EQ(got.job_type, "screen");
    EXPECT_EQ(got.status, "pending");
    EXPECT_EQ(got.progress, 0.25);
    EXPECT_EQ(got.progress_message, "queued");
    EXPECT_EQ(got.params, R"({"symbol":"BTC/USDT"})");
    EXPECT_EQ(got.created_at, "2024-03-07T17:00:00Z");
    EXPECT_FALSE(got.result);
    EXPECT_FALSE(got.error);
    EXPECT_FALSE(got.started_at);
    EXPECT_FALSE(got.completed_at);
}

TEST_F(JobStoreTest, UnknownIdIsEmptyAndDuplicateIdIsRefused) {
    ASSERT_OK_AND_ASSIGN(const auto none, jobs_->get("nope"));
    EXPECT_FALSE(none);
    add("a", "2024-01-01T00:00:00Z");
    JobRecord dup;
    dup.id = "a";
    dup.job_type = "other";
    dup.status = "pending";
    dup.created_at = "2024-02-01T00:00:00Z";
    EXPECT_FALSE(jobs_->insert(dup));
    EXPECT_EQ(get("a").job_type, "backtest");
}

TEST_F(JobStoreTest, RunningOnlyFromPending) {
    add("a", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:01Z"));
    EXPECT_EQ(get("a").status, "running");
    EXPECT_EQ(get("a").started_at, "2024-01-01T00:00:01Z");
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:09Z"));
    EXPECT_EQ(get("a").started_at, "2024-01-01T00:00:01Z") << "started once";
    ASSERT_OK(jobs_->finish("a", "completed", "{}", std::nullopt, "2024-01-01T00:00:02Z"));
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:03Z"));
    EXPECT_EQ(get("a").status, "completed") << "a finished job does not run again";
    ASSERT_OK(jobs_->set_running("nope", "2024-01-01T00:00:03Z"));
    ASSERT_OK_AND_ASSIGN(const auto none, jobs_->get("nope"));
    EXPECT_FALSE(none);
}

TEST_F(JobStoreTest, ProgressKeepsFractionAndMessage) {
    add("a", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:01Z"));
    ASSERT_OK(jobs_->set_progress("a", 0.4, "40 of 100 combinations"));
    EXPECT_EQ(get("a").progress, 0.4);
    EXPECT_EQ(get("a").progress_message, "40 of 100 combinations");
    EXPECT_EQ(get("a").status, "running");
}

TEST_F(JobStoreTest, CompletedJobHasItsResultAndFullProgress) {
    add("a", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:01Z"));
    ASSERT_OK(jobs_->set_progress("a", 0.4, "working"));
    ASSERT_OK(jobs_->finish("a", "completed", R"({"result_id":7})", std::nullopt,
                            "2024-01-01T00:01:00Z"));
    const JobRecord j = get("a");
    EXPECT_EQ(j.status, "completed");
    EXPECT_EQ(j.result, R"({"result_id":7})");
    EXPECT_FALSE(j.error);
    EXPECT_EQ(j.progress, 1.0);
    EXPECT_EQ(j.completed_at, "2024-01-01T00:01:00Z");
    EXPECT_EQ(j.started_at, "2024-01-01T00:00:01Z");
}

TEST_F(JobStoreTest, FailedAndCancelledJobsKeepTheirProgressAndError) {
    add("f", "2024-01-01T00:00:00Z");
    add("c", "2024-01-01T00:00:00Z");
    for (const std::string id : {"f", "c"}) {
        ASSERT_OK(jobs_->set_running(id, "2024-01-01T00:00:01Z"));
        ASSERT_OK(jobs_->set_progress(id, 0.4, "working"));
    }
    ASSERT_OK(jobs_->finish("f", "failed", std::nullopt, "no data", "2024-01-01T00:01:00Z"));
    ASSERT_OK(
        jobs_->finish("c", "cancelled", std::nullopt, "cancelled by user", "2024-01-01T00:01:00Z"));
    EXPECT_EQ(get("f").status, "failed");
    EXPECT_EQ(get("f").error, "no data");
    EXPECT_FALSE(get("f").result);
    EXPECT_EQ(get("f").progress, 0.4);
    EXPECT_EQ(get("c").status, "cancelled");
    EXPECT_EQ(get("c").error, "cancelled by user");
    EXPECT_EQ(get("c").progress, 0.4);
    EXPECT_EQ(get("c").completed_at, "2024-01-01T00:01:00Z");
}

// Issue 18 item 5: a finished job never keeps its last step ("loading data") as its message.
TEST_F(JobStoreTest, FinishedJobShowsItsFinalStateNotItsLastStep) {
    const std::string started = "2024-01-01T00:00:01Z";
    for (const std::string id : {"c", "f", "x", "long", "hours"}) {
        add(id, "2024-01-01T00:00:00Z");
        ASSERT_OK(jobs_->set_running(id, started));
        ASSERT_OK(jobs_->set_progress(id, 0.1, "loading data"));
    }
    // 3.2 s, 65 s and 2 h 5 min 30 s after 00:00:01, worked out by hand.
    ASSERT_OK(jobs_->finish("c", "completed", "{}", std::nullopt, "2024-01-01T00:00:04.200Z"));
    ASSERT_OK(jobs_->finish("f", "failed", std::nullopt, "no data", "2024-01-01T00:00:04.200Z"));
    ASSERT_OK(jobs_->finish("x", "cancelled", std::nullopt, "user", "2024-01-01T00:00:04.200Z"));
    ASSERT_OK(jobs_->finish("long", "completed", "{}", std::nullopt, "2024-01-01T00:01:06Z"));
    ASSERT_OK(jobs_->finish("hours", "completed", "{}", std::nullopt, "2024-01-01T02:05:31Z"));
    EXPECT_EQ(get("c").progress_message, "done in 3.2 s");
    EXPECT_EQ(get("f").progress_message, "failed after 3.2 s");
    EXPECT_EQ(get("x").progress_message, "cancelled after 3.2 s");
    EXPECT_EQ(get("long").progress_message, "done in 1 min 5 s");
    EXPECT_EQ(get("hours").progress_message, "done in 2 h 5 min");
    add("never", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->finish("never", "cancelled", std::nullopt, "before", "2024-01-01T00:00:05Z"));
    EXPECT_EQ(get("never").progress_message, "cancelled") << "never started: no duration";
    EXPECT_EQ(finished_job_message("completed", "garbage", "2024-01-01T00:00:05Z"), "done");
}

TEST_F(JobStoreTest, PendingJobCanBeCancelledBeforeItRuns) {
    add("a", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->finish("a", "cancelled", std::nullopt, "cancelled before it started",
                            "2024-01-01T00:00:05Z"));
    EXPECT_EQ(get("a").status, "cancelled");
    EXPECT_FALSE(get("a").started_at);
}

TEST_F(JobStoreTest, FinishRefusesAStatusThatIsNotTerminal) {
    add("a", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->set_running("a", "2024-01-01T00:00:01Z"));
    for (const std::string status : {"pending", "running", "done", ""}) {
        const Status s = jobs_->finish("a", status, std::nullopt, std::nullopt, "t");
        ASSERT_FALSE(s) << "'" << status << "'";
        EXPECT_EQ(s.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(s.error().message().find("'" + status + "'"), std::string::npos)
            << s.error().message();
    }
    EXPECT_EQ(get("a").status, "running");
    EXPECT_FALSE(get("a").completed_at);
}

TEST_F(JobStoreTest, TerminalStatesAreFinal) {
    for (const std::string first : {"completed", "failed", "cancelled"}) {
        const std::string id = "job-" + first;
        add(id, "2024-01-01T00:00:00Z");
        ASSERT_OK(jobs_->set_running(id, "2024-01-01T00:00:01Z"));
        ASSERT_OK(jobs_->finish(id, first, std::nullopt, "first", "2024-01-01T00:00:02Z"));
        for (const std::string second : {"completed", "failed", "cancelled"}) {
            const Status s = jobs_->finish(id, second, "{}", "second", "2024-01-01T00:00:03Z");
            ASSERT_FALSE(s) << first << " then " << second;
            EXPECT_EQ(s.error().code(), ErrorCode::Conflict);
            EXPECT_NE(s.error().message().find(id), std::string::npos) << s.error().message();
        }
        const JobRecord j = get(id);
        EXPECT_EQ(j.status, first);
        EXPECT_EQ(j.error, "first");
        EXPECT_EQ(j.completed_at, "2024-01-01T00:00:02Z");
    }
    ASSERT_OK_AND_ASSIGN(const auto interrupted, jobs_->fail_interrupted("later"));
    EXPECT_EQ(interrupted, 0);
}

TEST_F(JobStoreTest, FinishingAnUnknownJobIsNotFound) {
    const Status s = jobs_->finish("nope", "completed", "{}", std::nullopt, "t");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), ErrorCode::NotFound);
    EXPECT_NE(s.error().message().find("nope"), std::string::npos) << s.error().message();
    ASSERT_OK_AND_ASSIGN(const auto none, jobs_->get("nope"));
    EXPECT_FALSE(none);
}

TEST_F(JobStoreTest, ListIsNewestFirstWithLimitAndFilters) {
    // Inserted out of order; ties on created_at come newest insert first.
    add("b", "2024-01-02T00:00:00Z", "screen");
    add("a", "2024-01-01T00:00:00Z", "backtest");
    add("d", "2024-01-04T00:00:00Z", "backtest");
    add("c1", "2024-01-03T00:00:00Z", "screen");
    add("c2", "2024-01-03T00:00:00Z", "backtest");
    ASSERT_OK(jobs_->set_running("d", "2024-01-04T00:00:01Z"));
    EXPECT_EQ(ids(100), (std::vector<std::string>{"d", "c2", "c1", "b", "a"}));
    EXPECT_EQ(ids(2), (std::vector<std::string>{"d", "c2"}));
    EXPECT_EQ(ids(0), std::vector<std::string>{});
    EXPECT_EQ(ids(100, "pending"), (std::vector<std::string>{"c2", "c1", "b", "a"}));
    EXPECT_EQ(ids(100, "", "screen"), (std::vector<std::string>{"c1", "b"}));
    EXPECT_EQ(ids(100, "pending", "backtest"), (std::vector<std::string>{"c2", "a"}));
    EXPECT_EQ(ids(1, "pending", "backtest"), (std::vector<std::string>{"c2"}));
    EXPECT_EQ(ids(100, "completed"), std::vector<std::string>{});
    EXPECT_EQ(ids(100, "' OR 1=1 --"), std::vector<std::string>{});
}

TEST_F(JobStoreTest, FailInterruptedFailsOnlyPendingAndRunningJobs) {
    add("pending", "2024-01-01T00:00:00Z");
    add("running", "2024-01-01T00:00:00Z");
    add("done", "2024-01-01T00:00:00Z");
    add("failed", "2024-01-01T00:00:00Z");
    add("cancelled", "2024-01-01T00:00:00Z");
    ASSERT_OK(jobs_->set_running("running", "2024-01-01T00:00:01Z"));
    ASSERT_OK(jobs_->set_progress("running", 0.5, "half"));
    ASSERT_OK(jobs_->finish("done", "completed", "{}", std::nullopt, "2024-01-01T00:00:02Z"));
    ASSERT_OK(jobs_->finish("failed", "failed", std::nullopt, "boom", "2024-01-01T00:00:02Z"));
    ASSERT_OK(
        jobs_->finish("cancelled", "cancelled", std::nullopt, "user", "2024-01-01T00:00:02Z"));
    ASSERT_OK_AND_ASSIGN(const auto n, jobs_->fail_interrupted("2024-01-01T01:00:00Z"));
    EXPECT_EQ(n, 2);
    for (const std::string id : {"pending", "running"}) {
        const JobRecord j = get(id);
        EXPECT_EQ(j.status, "failed") << id;
        ASSERT_TRUE(j.error) << id;
        EXPECT_NE(j.error->find("interrupted"), std::string::npos) << *j.error;
        EXPECT_EQ(j.completed_at, "2024-01-01T01:00:00Z");
    }
    EXPECT_EQ(get("running").progress, 0.5);
    EXPECT_EQ(get("running").progress_message, "failed") << "no stale step";
    EXPECT_EQ(get("done").status, "completed");
    EXPECT_EQ(get("failed").error, "boom");
    EXPECT_EQ(get("cancelled").status, "cancelled");
    EXPECT_EQ(get("done").completed_at, "2024-01-01T00:00:02Z");
    ASSERT_OK_AND_ASSIGN(const auto again, jobs_->fail_interrupted("2024-01-01T02:00:00Z"));
    EXPECT_EQ(again, 0);
}

TEST_F(JobStoreTest, CountsPerStatusInNameOrder) {
    add("a", "t");
    add("b", "t");
    add("c", "t");
    add("d", "t");
    ASSERT_OK(jobs_->set_running("b", "t"));
    ASSERT_OK(jobs_->set_running("c", "t"));
    ASSERT_OK(jobs_->finish("c", "failed", std::nullopt, "x", "t"));
    ASSERT_OK_AND_ASSIGN(const auto counts, jobs_->count_by_status());
    using Counts = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(counts, (Counts{{"failed", 1}, {"pending", 2}, {"running", 1}}));
}

TEST_F(JobStoreTest, AwkwardFieldsRoundTrip) {
    int n = 0;
    for (const auto& s : testing::awkward_strings()) {
        JobRecord j;
        j.id = s;
        j.job_type = s;
        j.status = "pending";
        j.params = s;
        j.progress_message = s;
        j.created_at = "2024-01-01T00:00:0" + std::to_string(n++) + "Z";
        ASSERT_OK(jobs_->insert(j));
        ASSERT_OK(jobs_->set_progress(s, 0.5, s));
        EXPECT_TRUE(get(s).progress_message == s) << "size " << s.size();
        ASSERT_OK(jobs_->finish(s, "completed", s, s, s));
        const JobRecord got = get(s);
        EXPECT_TRUE(got.id == s && got.job_type == s && got.params == s &&
                    got.progress_message == "done" && got.result == s && got.error == s &&
                    got.completed_at == s)
            << "size " << s.size();
        EXPECT_EQ(ids(1, "", s), std::vector<std::string>{s}) << "size " << s.size();
    }
}

}  // namespace
}  // namespace aitp::store
