// SPDX-License-Identifier: MIT
// The simulator's configuration parsers: --bars, --now, the accounts file and the fault script
// (each bad input names its field).
#include "venuesim/sim_config.hpp"

#include <gtest/gtest.h>

#include "support/result.hpp"

namespace aitp::venuesim {
namespace {

TEST(SimConfigTest, BarsSpecTakesBothSymbolForms) {
    ASSERT_OK_AND_ASSIGN(BarsSpec a, parse_bars_spec("BTC/USDT:1h:data/x.csv"));
    EXPECT_EQ(a.symbol(), "BTCUSDT");
    EXPECT_EQ(a.timeframe, model::Timeframe::H1);
    EXPECT_EQ(a.file, "data/x.csv");
    ASSERT_OK_AND_ASSIGN(BarsSpec b, parse_bars_spec("ethbtc:1m:C:/odd:path.parquet"));
    EXPECT_EQ(b.base, "ETH");
    EXPECT_EQ(b.quote, "BTC");
    EXPECT_EQ(b.file, "C:/odd:path.parquet");
    for (const char* bad : {"BTCUSDT:1h", "BTCUSDT:2x:f.csv", "XYZ:1h:f.csv", ":1h:f.csv"}) {
        auto r = parse_bars_spec(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().message().find("--bars"), std::string::npos) << r.error().message();
    }
}

TEST(SimConfigTest, NowIsIsoOrEpochMillis) {
    EXPECT_EQ(*parse_sim_time("1704067200000"), 1704067200000);
    EXPECT_EQ(*parse_sim_time("2024-01-01T00:00:00Z"), 1704067200000);
    EXPECT_FALSE(parse_sim_time("yesterday"));
}

TEST(SimConfigTest, AccountsNeedKeySecretAndNumericBalances) {
    ASSERT_OK_AND_ASSIGN(
        auto accounts,
        parse_accounts_json(
            R"({"accounts":[{"api_key":"k","api_secret":"s","balances":{"USDT":10000}}]})"));
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].balances.at("USDT"), 10000);
    auto missing = parse_accounts_json(R"({"accounts":[{"api_key":"k"}]})");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message().find("accounts[0].api_secret"), std::string::npos);
    auto negative = parse_accounts_json(
        R"({"accounts":[{"api_key":"k","api_secret":"hush","balances":{"USDT":-1}}]})");
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message().find("balances.USDT"), std::string::npos);
    EXPECT_EQ(negative.error().message().find("hush"), std::string::npos);  // no secret
}

TEST(SimConfigTest, FaultWindows) {
    ASSERT_OK_AND_ASSIGN(auto rules, parse_faults_json(R"({"faults":[
        {"kind":"latency_ms","ms":5},
        {"kind":"http_status","status":503,"from":3,"to":9,"every":3},
        {"kind":"ws_drop","after":4}]})"));
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_TRUE(rules[0].in_window(1));
    EXPECT_TRUE(rules[0].in_window(1000));
    std::vector<std::int64_t> hits;
    for (std::int64_t n = 1; n <= 12; ++n) {
        if (rules[1].in_window(n)) hits.push_back(n);
    }
    EXPECT_EQ(hits, (std::vector<std::int64_t>{5, 8}));
    EXPECT_FALSE(rules[2].in_window(4));
    EXPECT_TRUE(rules[2].in_window(5));
    EXPECT_FALSE(rules[2].in_window(6));
}

TEST(SimConfigTest, BadFaultScriptsNameTheField) {
    const std::pair<const char*, const char*> cases[] = {
        {"not json", "faults: not valid JSON"},
        {R"({"faults":[{"kind":"slow"}]})", "faults[0].kind"},
        {R"([{"kind":"latency_ms"}])", "faults[0].ms"},
        {R"([{"kind":"ws_gap"},{"kind":"http_status","status":404}])", "faults[1].status"},
        {R"([{"kind":"ws_gap","from":0}])", "faults[0].from"},
        {R"([{"kind":"ws_gap","from":5,"to":2}])", "faults[0].to"},
        {R"([{"kind":"ws_gap","path":7}])", "faults[0].path"},
    };
    for (const auto& [text, field] : cases) {
        auto r = parse_faults_json(text);
        ASSERT_FALSE(r) << text;
        EXPECT_NE(r.error().message().find(field), std::string::npos) << r.error().message();
    }
}

}  // namespace
}  // namespace aitp::venuesim
