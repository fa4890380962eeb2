// SPDX-License-Identifier: MIT
#include "store/result_store.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "store/job_store.hpp"
#include "store/store_test_helpers.hpp"

namespace aitp::store {
namespace {

using testing::TempDatabase;

class ResultStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        t_.open();
        results_ = std::make_unique<ResultStore>(*t_.db);
    }

    static BacktestRecord backtest(const std::string& symbol) {
        BacktestRecord r;
        r.exchange = "kraken";
        r.symbol = symbol;
        r.timeframe = "1h";
        r.strategy = "sma_cross";
        r.params = R"({"fast":10,"slow":30})";
        r.metrics = R"({"sharpe":1.25})";
        r.equity_curve = "[10000,10100,10050]";
        r.trades = R"([{"side":"buy"}])";
        return r;
    }

    static ScreenRecord screen(const std::string& symbol) {
        ScreenRecord r;
        r.exchange = "kraken";
        r.symbol = symbol;
        r.timeframe = "1h";
        r.strategy = "rsi";
        r.total_combinations = 252;
        r.top_sharpe = 1.5;
        r.top_return = -0.25;
        r.top_results = R"([{"period":14}])";
        r.summary = R"({"kept":16})";
        r.heatmap = R"({"cells":[]})";
        return r;
    }

    void add_job(const std::string& id) {
        JobRecord j;
        j.id = id;
        j.job_type = "backtest";
        j.status = "pending";
        j.created_at = "2024-01-01T00:00:00Z";
        const Status s = JobStore(*t_.db).insert(j);
        ASSERT_TRUE(s) << s.error().to_string();
    }

    TempDatabase t_;
    std::unique_ptr<ResultStore> results_;
};

void expect_same_backtest(const BacktestRecord& got, const BacktestRecord& want) {
    EXPECT_EQ(got.job_id, want.job_id);
    EXPECT_EQ(got.exchange, want.exchange);
    EXPECT_EQ(got.symbol, want.symbol);
    EXPECT_EQ(got.timeframe, want.timeframe);
    EXPECT_EQ(got.strategy, want.strategy);
    EXPECT_EQ(got.params, want.params);
    EXPECT_EQ(got.metrics, want.metrics);
    EXPECT_EQ(got.equity_curve, want.equity_curve);
    EXPECT_EQ(got.trades, want.trades);
}

TEST_F(ResultStoreTest, BacktestIsStoredAndReadBackWhole) {
    add_job("job-1");
    BacktestRecord r = backtest("BTC/USDT");
    r.job_id = "job-1";
    ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_backtest(r));
    EXPECT_GT(id, 0);
    ASSERT_OK_AND_ASSIGN(const auto got, results_->get_backtest(id));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    expect_same_backtest(*got, r);
    EXPECT_FALSE(got->created_at.empty());
    ASSERT_OK_AND_ASSIGN(const auto n, results_->count_backtests());
    EXPECT_EQ(n, 1);
}

TEST_F(ResultStoreTest, UnknownIdsAreEmpty) {
    ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_backtest(backtest("BTC/USDT")));
    for (const std::int64_t other : {id + 1, std::int64_t{0}, std::int64_t{-1}}) {
        ASSERT_OK_AND_ASSIGN(const auto b, results_->get_backtest(other));
        EXPECT_FALSE(b) << other;
        ASSERT_OK_AND_ASSIGN(const auto s, results_->get_screen(other));
        EXPECT_FALSE(s) << other;
    }
    ASSERT_OK_AND_ASSIGN(const auto s, results_->get_screen(id));
    EXPECT_FALSE(s) << "backtest and screen ids are separate";
}

TEST_F(ResultStoreTest, EmptyJobIdIsNoJobAndAnUnknownJobIsRefused) {
    ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_backtest(backtest("BTC/USDT")));
    EXPECT_EQ(testing::query_int(*t_.db,
                                 "SELECT job_id IS NULL FROM backtest_results "
                                 "WHERE id=?1",
                                 {id}),
              1);
    ASSERT_OK_AND_ASSIGN(const auto got, results_->get_backtest(id));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->job_id, "");
    BacktestRecord orphan = backtest("ETH/USDT");
    orphan.job_id = "no-such-job";
    EXPECT_FALSE(results_->insert_backtest(orphan)) << "foreign keys are enforced";
    ScreenRecord orphan_screen = screen("ETH/USDT");
    orphan_screen.job_id = "no-such-job";
    EXPECT_FALSE(results_->insert_screen(orphan_screen));
    ASSERT_OK_AND_ASSIGN(const auto n, results_->count_backtests());
    EXPECT_EQ(n, 1);
    ASSERT_OK_AND_ASSIGN(const auto m, results_->count_screens());
    EXPECT_EQ(m, 0);
}

TEST_F(ResultStoreTest, ListIsNewestFirstAndLeavesOutLargeFieldsUnlessFull) {
    std::vector<std::int64_t> ids;
    for (const std::string sym : {"A/USDT", "B/USDT", "C/USDT"}) {
        ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_backtest(backtest(sym)));
        ids.push_back(id);
    }
    ASSERT_OK_AND_ASSIGN(const auto two, results_->list_backtests(2));
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].id, ids[2]);
    EXPECT_EQ(two[0].symbol, "C/USDT");
    EXPECT_EQ(two[1].id, ids[1]);
    EXPECT_EQ(two[0].metrics, R"({"sharpe":1.25})");
    EXPECT_EQ(two[0].equity_curve, BacktestRecord{}.equity_curve);
    EXPECT_EQ(two[0].trades, BacktestRecord{}.trades);
    ASSERT_OK_AND_ASSIGN(const auto full, results_->list_backtests(10, true));
    ASSERT_EQ(full.size(), 3u);
    EXPECT_EQ(full[2].symbol, "A/USDT");
    expect_same_backtest(full[2], backtest("A/USDT"));
    ASSERT_OK_AND_ASSIGN(const auto none, results_->list_backtests(0));
    EXPECT_TRUE(none.empty());
}

TEST_F(ResultStoreTest, ScreenIsStoredAndReadBackWhole) {
    add_job("job-1");
    ScreenRecord r = screen("BTC/USDT");
    r.job_id = "job-1";
    ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_screen(r));
    ASSERT_OK_AND_ASSIGN(const auto got, results_->get_screen(id));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->job_id, "job-1");
    EXPECT_EQ(got->exchange, "kraken");
    EXPECT_EQ(got->symbol, "BTC/USDT");
    EXPECT_EQ(got->timeframe, "1h");
    EXPECT_EQ(got->strategy, "rsi");
    EXPECT_EQ(got->total_combinations, 252);
    EXPECT_EQ(got->top_sharpe, 1.5);
    EXPECT_EQ(got->top_return, -0.25);
    EXPECT_EQ(got->top_results, R"([{"period":14}])");
    EXPECT_EQ(got->summary, R"({"kept":16})");
    EXPECT_EQ(got->heatmap, R"({"cells":[]})");
    EXPECT_FALSE(got->created_at.empty());
}

TEST_F(ResultStoreTest, ScreenOptionalsStayEmptyAndInfinityRoundTrips) {
    ScreenRecord empty = screen("A/USDT");
    empty.top_sharpe.reset();
    empty.top_return.reset();
    empty.heatmap.reset();
    ASSERT_OK_AND_ASSIGN(const auto a, results_->insert_screen(empty));
    ScreenRecord inf = screen("B/USDT");
    inf.top_sharpe = std::numeric_limits<double>::infinity();
    inf.top_return = -std::numeric_limits<double>::infinity();
    inf.heatmap = "";
    ASSERT_OK_AND_ASSIGN(const auto b, results_->insert_screen(inf));
    ASSERT_OK_AND_ASSIGN(const auto got_a, results_->get_screen(a));
    ASSERT_TRUE(got_a);
    EXPECT_FALSE(got_a->top_sharpe);
    EXPECT_FALSE(got_a->top_return);
    EXPECT_FALSE(got_a->heatmap);
    ASSERT_OK_AND_ASSIGN(const auto got_b, results_->get_screen(b));
    ASSERT_TRUE(got_b);
    EXPECT_EQ(got_b->top_sharpe, std::numeric_limits<double>::infinity());
    EXPECT_EQ(got_b->top_return, -std::numeric_limits<double>::infinity());
    EXPECT_EQ(got_b->heatmap, "") << "an empty heat-map is not a missing one";
}

// SQLite has no NaN: it stores NULL instead, so a NaN comes back as no value.
TEST_F(ResultStoreTest, NanScoreComesBackAsNoValue) {
    ScreenRecord r = screen("A/USDT");
    r.top_sharpe = std::nan("");
    ASSERT_OK_AND_ASSIGN(const auto id, results_->insert_screen(r));
    ASSERT_OK_AND_ASSIGN(const auto got, results_->get_screen(id));
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->top_sharpe);
    EXPECT_EQ(got->top_return, -0.25);
}

TEST_F(ResultStoreTest, ScreenListIsNewestFirstWithLimit) {
    for (const std::string sym : {"A/USDT", "B/USDT", "C/USDT"})
        ASSERT_OK(results_->insert_screen(screen(sym)));
    ASSERT_OK_AND_ASSIGN(const auto two, results_->list_screens(2));
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].symbol, "C/USDT");
    EXPECT_EQ(two[1].symbol, "B/USDT");
    EXPECT_GT(two[0].id, two[1].id);
    EXPECT_EQ(two[0].heatmap, R"({"cells":[]})");
    ASSERT_OK_AND_ASSIGN(const auto n, results_->count_screens());
    EXPECT_EQ(n, 3);
}

TEST_F(ResultStoreTest, AwkwardFieldsRoundTrip) {
    for (const auto& s : testing::awkward_strings()) {
        BacktestRecord b{0, "", s, s, s, s, s, s, s, s, ""};
        ASSERT_OK_AND_ASSIGN(const auto bid, results_->insert_backtest(b));
        ASSERT_OK_AND_ASSIGN(const auto got, results_->get_backtest(bid));
        ASSERT_TRUE(got);
        EXPECT_TRUE(got->exchange == s && got->symbol == s && got->timeframe == s &&
                    got->strategy == s && got->params == s && got->metrics == s &&
                    got->equity_curve == s && got->trades == s)
            << "size " << s.size();
        ScreenRecord sc = screen(s);
        sc.top_results = s;
        sc.summary = s;
        sc.heatmap = s;
        ASSERT_OK_AND_ASSIGN(const auto sid, results_->insert_screen(sc));
        ASSERT_OK_AND_ASSIGN(const auto got_s, results_->get_screen(sid));
        ASSERT_TRUE(got_s);
        EXPECT_TRUE(got_s->symbol == s && got_s->top_results == s && got_s->summary == s &&
                    got_s->heatmap == s)
            << "size " << s.size();
    }
}

}  // namespace
}  // namespace aitp::store
