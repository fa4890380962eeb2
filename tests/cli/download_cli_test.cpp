// SPDX-License-Identifier: MIT
// `aitp data download` / `aitp data refresh` bad input: one clear error line naming the option
// and exit 2 before any venue is asked; the watchlist file is made on first use. (Downloads
// from a live venue are checked end to end against `aitp venue-sim`.)
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_paths.hpp"

namespace aitp::cli {
namespace {

using testing::run_cli;

int count_lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

TEST(DownloadCliTest, BadInputIsOneLineNamingTheOption) {
    testing::TempDir dir;
    const std::string d = dir.path().string();
    struct Case {
        std::vector<std::string> args;
        std::string needle;
    };
    const std::vector<Case> cases = {
        {{"--source", "nasdaq", "--symbol", "BTC/USDT", "--timeframe", "1h"}, "unknown venue"},
        {{"--source", "binance", "--symbol", "B$C/USDT", "--timeframe", "1h"}, "'$'"},
        {{"--source", "binance", "--symbol", "BTC/USDT", "--timeframe", "2h"}, "--timeframe"},
        {{"--source", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h", "--since", "x"},
         "--since"},
        {{"--source", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h", "--since",
          "2024-02-01", "--until", "2024-01-01"},
         "--until must be after --since"},
        {{"--source", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h", "--base-url",
          "ftp://h"},
         "--base-url"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"data", "download", "--data-dir", d};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2) << c.needle << ": " << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
    }
}

TEST(DownloadCliTest, RefreshMakesTheWatchlistFileAndNamesUnknownLists) {
    testing::TempDir dir;
    const auto r =
        run_cli({"data", "refresh", "--data-dir", dir.path().string(), "--watchlist", "nope"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("no watchlist 'nope' (known: crypto, equity, forex, all)"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "watchlists.conf"));
    testing::write_text(dir / "bad.conf", "[x]\nsource = kraken\ntimeframes = 1h\nsymbol = A/B\n");
    const auto bad = run_cli({"data", "refresh", "--data-dir", dir.path().string(), "--watchlist",
                              "x", "--config", (dir / "bad.conf").string()});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("bad.conf:4: unknown key 'symbol'"), std::string::npos) << bad.err;
    const auto url = run_cli({"data", "refresh", "--data-dir", dir.path().string(), "--watchlist",
                              "crypto", "--base-url", "kraken"});
    EXPECT_EQ(url.exit_code, 2);
    EXPECT_NE(url.err.find("--base-url: no '='"), std::string::npos) << url.err;
}

}  // namespace
}  // namespace aitp::cli
