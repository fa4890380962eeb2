// SPDX-License-Identifier: MIT
// End-to-end `aitp screen`, `aitp validate` and `aitp walkforward`: the written CSVs match the
// vectorbt references row for row (matched by parameters, any row order), the same screen at
// 1 and 2 threads writes byte-identical files, and bad input fails with one clear line.
// Skipped while the CLI binary (or its research commands) has not been built.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/csv_table.hpp"
#include "support/test_paths.hpp"

namespace aitp::research {
namespace {

namespace fs = std::filesystem;
using aitp::testing::run_cli;

bool cli_has_research() {
    if (!fs::exists(aitp::testing::cli_path())) return false;
    return run_cli({"screen", "--help"}).exit_code == 0;
}

#define SKIP_WITHOUT_CLI() \
    if (!cli_has_research()) GTEST_SKIP() << "aitp binary with research commands not built"

std::string ohlcv_a() { return aitp::testing::reference_file("ohlcv_a.csv").string(); }

// Sorts rows by their parameter columns so files in different row orders compare.
std::vector<std::vector<double>> rows_by_params(const testing::CsvTable& t,
                                                const std::vector<std::string>& params,
                                                const std::vector<std::string>& cols) {
    std::vector<std::vector<double>> rows(t.rows());
    for (std::size_t i = 0; i < t.rows(); ++i) {
        for (const auto& p : params) rows[i].push_back(t.column(p)[i]);
        for (const auto& c : cols) rows[i].push_back(t.column(c)[i]);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        return std::lexicographical_compare(a.begin(), a.begin() + static_cast<long>(params.size()),
                                            b.begin(),
                                            b.begin() + static_cast<long>(params.size()));
    });
    return rows;
}

void expect_cli_parity(const fs::path& dir, const std::string& strategy,
                       const std::vector<std::string>& params) {
    const auto got = testing::read_csv(dir / (strategy + ".csv"));
    const auto want =
        testing::read_csv(aitp::testing::reference_file("vbt_" + strategy + "_a.csv"));
    const std::vector<std::string> cols = {"total_return", "sharpe_ratio",  "max_drawdown",
                                           "win_rate",     "profit_factor", "num_trades",
                                           "final_value"};
    // aitp names the drawdown for its unit (a positive fraction); vbt's column is max_drawdown.
    std::vector<std::string> our_cols = cols;
    our_cols[2] = "max_drawdown_pct";
    const auto g = rows_by_params(got, params, our_cols);
    const auto w = rows_by_params(want, params, cols);
    ASSERT_EQ(g.size(), w.size()) << strategy;
    int bad = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        for (std::size_t k = 0; k < g[i].size(); ++k) {
            double want_v = w[i][k];
            if (k == params.size() + 2) want_v = -want_v;  // vbt drawdown is negative
            if (!testing::within_tolerance(g[i][k], want_v) && ++bad <= 5) {
                ADD_FAILURE() << strategy << " row " << i << " col " << k << ": " << g[i][k]
                              << " vs " << want_v;
            }
        }
    }
    EXPECT_EQ(bad, 0) << strategy;
}

// {strategy}.csv keeps the reference files' grid order, so rows pair by position too.
TEST(ResearchCliTest, ScreenCsvRowsPairWithReferenceByPosition) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const auto r = run_cli(
        {"screen", "bollinger_breakout", "--input", ohlcv_a(), "--output", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto got = testing::read_csv(dir / "bollinger_breakout.csv");
    const auto want =
        testing::read_csv(aitp::testing::reference_file("vbt_bollinger_breakout_a.csv"));
    // The same columns as vbt's, but the drawdown is named for its unit (a positive fraction).
    auto want_names = want.names;
    std::replace(want_names.begin(), want_names.end(), std::string("max_drawdown"),
                 std::string("max_drawdown_pct"));
    ASSERT_EQ(got.names, want_names);
    ASSERT_EQ(got.rows(), want.rows());
    for (std::size_t i = 0; i < want.rows(); ++i) {
        EXPECT_EQ(got.column("bb_period")[i], want.column("bb_period")[i]);
        EXPECT_EQ(got.column("bb_std")[i], want.column("bb_std")[i]);
        EXPECT_TRUE(testing::within_tolerance(got.column("sharpe_ratio")[i],
                                              want.column("sharpe_ratio")[i]));
    }
}

TEST(ResearchCliTest, ScreenWritesVectorbtParityCsvsAndSummary) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const auto r = run_cli({"screen", "all", "--input", ohlcv_a(), "--freq", "1h", "--fees",
                            "0.001", "--threads", "2", "--output", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_cli_parity(dir.path(), "sma_crossover", {"fast", "slow"});
    expect_cli_parity(dir.path(), "rsi_mean_reversion", {"rsi_period", "oversold", "overbought"});
    expect_cli_parity(dir.path(), "bollinger_breakout", {"bb_period", "bb_std"});
    const std::string summary = aitp::testing::read_text(dir / "summary.json");
    for (const char* key : {"\"sma_crossover\"", "\"volatility_breakout\"", "\"total_combos\": 351",
                            "\"top_sharpe\"", "\"top_return\"", "\"pbo\""}) {
        EXPECT_NE(summary.find(key), std::string::npos) << key;
    }
    const std::string svg = aitp::testing::read_text(dir / "sma_crossover_heatmap.svg");
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    // Ranked: combinations that traded, Sharpe descending, then those that did not (their Sharpe
    // is +inf in vectorbt's convention).
    const auto rsi = testing::read_csv(dir / "rsi_mean_reversion_ranked.csv");
    const auto& sharpe = rsi.column("sharpe_ratio");
    const auto& trades = rsi.column("num_trades");
    const auto traded =
        static_cast<std::ptrdiff_t>(std::find(trades.begin(), trades.end(), 0.0) - trades.begin());
    EXPECT_GT(traded, 0);
    EXPECT_TRUE(std::is_sorted(sharpe.begin(), sharpe.begin() + traded, std::greater<>()));
    EXPECT_TRUE(
        std::all_of(trades.begin() + traded, trades.end(), [](double n) { return n == 0; }));
    // sma_crossover has never-trading equal-window pairs; they neither lead the ranking nor
    // blank the summary's top Sharpe.
    const auto sma = testing::read_csv(dir / "sma_crossover_ranked.csv");
    EXPECT_GT(sma.column("num_trades")[0], 0.0);
    EXPECT_EQ(sma.column("num_trades").back(), 0.0);
    EXPECT_EQ(summary.find("\"top_sharpe\": null"), std::string::npos);
}

TEST(ResearchCliTest, ScreenIsByteIdenticalAtOneAndTwoThreads) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    for (const char* threads : {"1", "2"}) {
        const auto r = run_cli({"screen", "all", "--input", ohlcv_a(), "--threads", threads,
                                "--output", (dir / threads).string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir / "1")) {
        const fs::path other = dir / "2" / entry.path().filename();
        ASSERT_TRUE(fs::exists(other)) << other;
        EXPECT_EQ(aitp::testing::read_text(entry.path()), aitp::testing::read_text(other))
            << entry.path().filename();
        ++files;
    }
    EXPECT_EQ(files, 16);  // 5 x (CSV, ranked CSV, heat-map) + summary.json (no benchmark)
}

TEST(ResearchCliTest, TopKeepsTheBestRows) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const auto r = run_cli({"screen", "rsi_mean_reversion", "--input", ohlcv_a(), "--top", "5",
                            "--output", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(testing::read_csv(dir / "rsi_mean_reversion.csv").rows(), 5u);
}

TEST(ResearchCliTest, RelativeStrengthUsesTheBenchmark) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const std::string bench = aitp::testing::reference_file("ohlcv_a.csv").string();
    const auto r = run_cli({"screen", "relative_strength", "--input", ohlcv_a(), "--benchmark",
                            bench, "--freq", "1d", "--output", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Against itself the relative strength is exactly 1: never above a threshold > 1.
    const auto t = testing::read_csv(dir / "relative_strength.csv");
    ASSERT_EQ(t.rows(), 16u);
    for (double n : t.column("num_trades")) EXPECT_EQ(n, 0.0);
}

// ohlcv_a's first `rows` bars restamped 15 minutes apart.
fs::path write_15m_copy(const fs::path& dir, std::size_t rows) {
    const std::string text = aitp::testing::read_text(ohlcv_a());
    std::string out = text.substr(0, text.find('\n') + 1);
    std::size_t pos = out.size();
    for (std::size_t i = 0; i < rows && pos < text.size(); ++i) {
        const std::size_t end = text.find('\n', pos);
        const std::string line = text.substr(pos, end - pos);
        out += std::to_string(1704067200000LL + static_cast<long long>(i) * 900000LL) +
               line.substr(line.find(',')) + "\n";
        pos = end + 1;
    }
    const fs::path file = dir / "a_15m.csv";
    aitp::testing::write_text(file, out);
    return file;
}

// Without --freq the bar interval comes from the data: on 15-minute bars the Sharpe ratios are
// those of --freq 15m, twice those of --freq 1h (sqrt(35040 / 8760) = 2).
TEST(ResearchCliTest, FreqDefaultsToTheDataInterval) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const std::string input = write_15m_copy(dir.path(), 1500).string();
    std::map<std::string, std::vector<double>> sharpe;
    for (const std::string freq : {"", "15m", "1h"}) {
        const std::string out = (dir / ("out" + freq)).string();
        std::vector<std::string> args = {"screen", "sma_crossover", "--input",
                                         input,    "--output",      out};
        if (!freq.empty()) args.insert(args.end(), {"--freq", freq});
        const auto r = run_cli(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        sharpe[freq] =
            testing::read_csv(fs::path(out) / "sma_crossover.csv").column("sharpe_ratio");
    }
    ASSERT_EQ(sharpe[""].size(), 351u);
    EXPECT_EQ(sharpe[""], sharpe["15m"]);
    int finite = 0;
    for (std::size_t i = 0; i < sharpe[""].size(); ++i) {
        if (!std::isfinite(sharpe["1h"][i])) continue;
        ++finite;
        EXPECT_NEAR(sharpe[""][i], 2.0 * sharpe["1h"][i], 1e-12 * std::abs(sharpe[""][i])) << i;
    }
    EXPECT_GT(finite, 300);
    const auto wf = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"walkforward", "rsi_mean_reversion", "--input", input};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_cli(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    };
    const std::string inferred = wf({});
    EXPECT_EQ(inferred, wf({"--freq", "15m"}));
    EXPECT_NE(inferred, wf({"--freq", "1h"}));
}

TEST(ResearchCliTest, BadInputFailsWithOneClearLine) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"screen", "nope", "--input", ohlcv_a(), "--output", dir.path().string()},
         "unknown strategy 'nope'"},
        {{"screen", "sma_crossover", "--input", (dir / "missing.csv").string(), "--output",
          dir.path().string()},
         "does not exist"},
        {{"screen", "sma_crossover", "--input", ohlcv_a(), "--freq", "7x", "--output",
          dir.path().string()},
         "7x"},
        {{"screen", "relative_strength", "--input", ohlcv_a(), "--output", dir.path().string()},
         "--benchmark"},
        {{"walkforward", "rsi_mean_reversion", "--input", ohlcv_a(), "--splits", "0"}, "--splits"},
        {{"validate", "nope", "--input", ohlcv_a(), "--output", dir.path().string()},
         "unknown strategy"}};
    for (const auto& [args, needle] : cases) {
        const auto r = run_cli(args);
        EXPECT_NE(r.exit_code, 0) << args[1];
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

TEST(ResearchCliTest, WalkforwardPrintsOutOfSampleReport) {
    SKIP_WITHOUT_CLI();
    const auto r =
        run_cli({"walkforward", "rsi_mean_reversion", "--input", ohlcv_a(), "--splits", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* key : {"\"folds\"", "\"oos_sharpe\"", "\"mean_degradation\"", "\"verdict\""}) {
        EXPECT_NE(r.out.find(key), std::string::npos) << key;
    }
}

TEST(ResearchCliTest, ValidateWritesJsonReport) {
    SKIP_WITHOUT_CLI();
    aitp::testing::TempDir dir;
    // The old snake_case name is an alias; the report carries the canonical name.
    const auto r = run_cli({"validate", "crypto_investor_v1", "--input", ohlcv_a(), "--threads",
                            "2", "--output", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string json = aitp::testing::read_text(dir / "validation_CryptoInvestorV1.json");
    for (const char* key : {"\"gate2\"", "\"gate3a\"", "\"gate3b\"", "\"total_combos\": 625",
                            "\"deflated_sharpe\"", "\"passed\""}) {
        EXPECT_NE(json.find(key), std::string::npos) << key;
    }
}

// --help of screen, validate and walkforward lists every name with what it does and its aliases.
TEST(ResearchCliTest, HelpListsStrategiesWithSummaries) {
    SKIP_WITHOUT_CLI();
    for (const char* cmd : {"screen", "validate", "walkforward"}) {
        const auto r = run_cli({cmd, "--help"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        for (const char* needle :
             {"sma_crossover (also sma_cross)", "buy the cross up, sell the cross down",
              "VolatilityBreakout (also volatility_breakout_v)", "relative_strength"}) {
            EXPECT_NE(r.out.find(needle), std::string::npos) << cmd << ": " << needle;
        }
    }
}

}  // namespace
}  // namespace aitp::research
