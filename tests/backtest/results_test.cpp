// SPDX-License-Identifier: MIT
#include "backtest/results.hpp"

#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backtest/report.hpp"
#include "support/test_paths.hpp"

namespace aitp::backtest {
namespace {

BacktestResult sample() {
    BacktestResult r;
    r.instruments.push_back(model::Instrument::crypto_spot("X"));
    r.initial_equity = 100.0;
    r.equity = {{0, 100.0}, {kMillisPerHour, 110.0}, {2 * kMillisPerHour, 99.0}};
    r.final_equity = 99.0;
    Trade t;
    t.entry_ts = 0;
    t.exit_ts = kMillisPerHour;
    t.qty = 1;
    t.entry_price = 100;
    t.exit_price = 99;
    t.pnl = -1.0;
    t.pnl_pct = -0.01;
    t.exit_tag = 2;
    r.trades.push_back(t);
    return r;
}

TEST(ResultMetricsTest, UsesTheSharedMetricsLibrary) {
    const ResultMetrics m = compute_result_metrics(sample());
    ASSERT_TRUE(m.has_trades);
    EXPECT_EQ(m.trades.total_trades, 1);
    EXPECT_DOUBLE_EQ(m.trades.total_pnl, -1.0);
    EXPECT_DOUBLE_EQ(m.trades.win_rate, 0.0);
    // Drawdown from the 110 peak to 99: 10 %.
    EXPECT_NEAR(m.run.max_drawdown_pct, 0.1, 1e-12);
    EXPECT_NEAR(m.run.max_drawdown_amount, 11.0, 1e-12);
    // One losing trade: the closed-pnl curve never had a peak above its start.
    EXPECT_EQ(m.trades.max_drawdown_amount, 0.0);
    EXPECT_NEAR(m.run.total_return, -0.01, 1e-12);
    EXPECT_NEAR(m.run.exposure, 1.0 / 3.0, 1e-12);
}

TEST(ResultMetricsTest, OutputHashSeesEveryBit) {
    BacktestResult a = sample();
    BacktestResult b = sample();
    EXPECT_EQ(output_hash(a), output_hash(b));
    b.equity[1].equity = std::nextafter(110.0, 111.0);
    EXPECT_NE(output_hash(a), output_hash(b));
}

TEST(ReportTest, RunIdDependsOnDataStrategyParamsAndSettings) {
    model::BarSeries s;
    s.push_back({0, 1, 1, 1, 1, 1});
    const model::BarSeries* p[] = {&s};
    const std::vector<std::pair<std::string, double>> params = {{"fast", 10}};
    const std::string id = make_run_id(p, "sma_cross", params, "cash=1");
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id, make_run_id(p, "sma_cross", params, "cash=1"));
    EXPECT_NE(id, make_run_id(p, "ForexTrend", params, "cash=1"));
    EXPECT_NE(id, make_run_id(p, "sma_cross", {{{"fast", 11}}}, "cash=1"));
    EXPECT_NE(id, make_run_id(p, "sma_cross", params, "cash=2"));
    s.mutable_close()[0] = 2;
    EXPECT_NE(id, make_run_id(p, "sma_cross", params, "cash=1"));
}

TEST(ReportTest, WritesAllOutputs) {
    testing::TempDir dir;
    const BacktestResult r = sample();
    RunInfo info;
    info.strategy = "sma_cross";
    info.run_id = "0123456789abcdef";
    ASSERT_TRUE(write_outputs(dir.path() / "out", r, compute_result_metrics(r), info).has_value());
    const std::string trades = testing::read_text(dir.path() / "out" / "trades.csv");
    EXPECT_NE(trades.find("1970-01-01T00:00:00Z,1970-01-01T01:00:00Z,X,long,1,100,99,"),
              std::string::npos);
    EXPECT_NE(trades.find("stop_loss"), std::string::npos);
    const std::string html = testing::read_text(dir.path() / "out" / "report.html");
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("<polyline"), std::string::npos);
    const std::string json = testing::read_text(dir.path() / "out" / "metrics.json");
    EXPECT_NE(json.find("\"run_id\": \"0123456789abcdef\""), std::string::npos);
    EXPECT_NE(json.find("\"total_trades\": 1"), std::string::npos);
    // Drawdowns say what they are: a positive fraction and positive currency amounts (the
    // equity fell from 110 to 99: 10 %, 11; the one closed trade never left its start).
    const auto parsed = nlohmann::json::parse(json);
    EXPECT_NEAR(parsed["run"]["max_drawdown_pct"].get<double>(), 0.1, 1e-12);
    EXPECT_NEAR(parsed["run"]["max_drawdown_amount"].get<double>(), 11.0, 1e-12);
    EXPECT_EQ(parsed["trades"]["max_drawdown_amount"].get<double>(), 0.0);
    EXPECT_FALSE(parsed["run"].contains("max_drawdown"));
    EXPECT_FALSE(parsed["trades"].contains("max_drawdown"));
    EXPECT_NE(html.find("-10.00 % (-11.00)"), std::string::npos);
    EXPECT_NE(testing::read_text(dir.path() / "out" / "equity.csv").find("0.1"), std::string::npos);
}

}  // namespace
}  // namespace aitp::backtest
