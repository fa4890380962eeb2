// SPDX-License-Identifier: MIT
// aitp's request signatures equal ccxt's byte for byte: tests/ccxt/signatures.mjs prints the
// signed requests ccxt 4.5.84 builds for fixed keys, secrets, parameters and nonces; this test
// builds the same payloads with aitp::exchange and compares payloads and signatures.
#include <array>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchange/json_util.hpp"
#include "exchange/signing.hpp"
#include "support/test_paths.hpp"

namespace aitp::exchange {
namespace {

using Json = nlohmann::json;

constexpr const char* kBinanceKey =
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr const char* kBinanceSecret =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr const char* kKrakenSecret =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
constexpr const char* kBybitKey = "XXXXXXXXXX";
constexpr const char* kBybitSecret = "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY";

struct Run {
    int status = -1;
    std::string out;
};

Run run(const std::string& command) {
    Run r;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    r.status = ::pclose(p);
    return r;
}

Json run_ccxt() {
    const Run has_node = run("command -v node >/dev/null 2>&1");
    if (has_node.status != 0) {
        ADD_FAILURE() << "node is not installed: run scripts/bootstrap.sh (make test installs it)";
        return {};
    }
    const auto script = aitp::testing::source_dir() / "tests/ccxt/signatures.mjs";
    const Run r = run("node '" + script.string() + "' 2>&1");
    if (r.status != 0) {
        ADD_FAILURE() << "node tests/ccxt/signatures.mjs failed (ccxt missing? run "
                         "scripts/bootstrap.sh):\n"
                      << r.out;
        return {};
    }
    Json j = Json::parse(r.out, nullptr, false);
    if (j.is_discarded()) ADD_FAILURE() << "signatures.mjs printed no JSON:\n" << r.out;
    return j;
}

// Loading ccxt takes seconds: run the script once per process.
const Json& ccxt_output() {
    static const Json output = run_ccxt();
    return output;
}

TEST(CcxtSignaturesTest, BinanceQuerySignaturesEqualCcxt) {
    const Json& j = ccxt_output();
    ASSERT_TRUE(j.is_object());
    const std::string post = json::query_string({{"timestamp", "1499827319559"},
                                                 {"symbol", "LTCBTC"},
                                                 {"side", "BUY"},
                                                 {"type", "LIMIT"},
                                                 {"timeInForce", "GTC"},
                                                 {"quantity", "1"},
                                                 {"price", "0.1"},
                                                 {"newClientOrderId", "myOrder1"},
                                                 {"recvWindow", "5000"}});
    EXPECT_EQ(post, j["binance_post"]["payload"].get<std::string>());
    EXPECT_EQ(binance_signature(kBinanceSecret, post),
              j["binance_post"]["signature"].get<std::string>());
    EXPECT_EQ(j["binance_post"]["api_key"].get<std::string>(), kBinanceKey);

    const std::string get = json::query_string(
        {{"timestamp", "1499827319559"}, {"omitZeroBalances", "true"}, {"recvWindow", "10000"}});
    EXPECT_EQ(get, j["binance_get"]["payload"].get<std::string>());
    EXPECT_EQ(binance_signature(kBinanceSecret, get),
              j["binance_get"]["signature"].get<std::string>());
}

TEST(CcxtSignaturesTest, KrakenApiSignEqualsCcxt) {
    const Json& j = ccxt_output();
    ASSERT_TRUE(j.is_object());
    const std::string body = json::query_string({{"nonce", "1616492376594"},
                                                 {"ordertype", "limit"},
                                                 {"pair", "XBTUSD"},
                                                 {"price", "37500"},
                                                 {"type", "buy"},
                                                 {"volume", "1.25"}});
    EXPECT_EQ(body, j["kraken"]["body"].get<std::string>());
    EXPECT_EQ(j["kraken"]["path"].get<std::string>(), "/0/private/AddOrder");
    auto sign = kraken_signature("/0/private/AddOrder", "1616492376594", body, kKrakenSecret);
    ASSERT_TRUE(sign.has_value()) << sign.error().message();
    EXPECT_EQ(*sign, j["kraken"]["api_sign"].get<std::string>());
}

TEST(CcxtSignaturesTest, BybitV5SignaturesEqualCcxt) {
    const Json& j = ccxt_output();
    ASSERT_TRUE(j.is_object());
    const std::string query = json::query_string({{"category", "spot"}, {"symbol", "BTCUSDT"}});
    EXPECT_EQ(query, j["bybit_get"]["payload"].get<std::string>());
    EXPECT_EQ(j["bybit_get"]["timestamp"].get<std::string>(), "1658384314791");
    EXPECT_EQ(j["bybit_get"]["recv_window"].get<std::string>(), "5000");
    EXPECT_EQ(bybit_signature(kBybitSecret, "1658384314791", kBybitKey, "5000", query),
              j["bybit_get"]["sign"].get<std::string>());

    nlohmann::ordered_json order;
    order["category"] = "spot";
    order["symbol"] = "BTCUSDT";
    order["side"] = "Buy";
    order["orderType"] = "Limit";
    order["qty"] = "0.01";
    order["price"] = "25000";
    order["timeInForce"] = "GTC";
    const std::string body = order.dump();
    EXPECT_EQ(body, j["bybit_post"]["payload"].get<std::string>());
    EXPECT_EQ(bybit_signature(kBybitSecret, "1658384314791", kBybitKey, "5000", body),
              j["bybit_post"]["sign"].get<std::string>());
}

}  // namespace
}  // namespace aitp::exchange
