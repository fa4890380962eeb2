// SPDX-License-Identifier: MIT
// Signatures against the venues' published examples (the expected strings are the ones printed
// in the venues' API documentation, not computed by this code) and RFC test vectors.
#include "exchange/signing.hpp"

#include <gtest/gtest.h>

#include "support/result.hpp"

namespace aitp::exchange {
namespace {

// RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
TEST(SigningTest, HmacSha256MatchesRfc4231) {
    EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// Binance spot API docs, "SIGNED endpoint examples for POST /api/v3/order" (HMAC key).
TEST(SigningTest, BinanceMatchesTheDocumentedExample) {
    EXPECT_EQ(binance_signature("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&"
                                "price=0.1&recvWindow=5000&timestamp=1499827319559"),
              "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

// Kraken spot REST docs, "Authentication": the AddOrder example.
TEST(SigningTest, KrakenMatchesTheDocumentedExample) {
    ASSERT_OK_AND_ASSIGN(
        const auto sig,
        kraken_signature("/0/private/AddOrder", "1616492376594",
                         "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&"
                         "volume=1.25",
                         "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99H"
                         "AZtuZuj6F1huXg=="));
    EXPECT_EQ(
        sig,
        "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==");
}

TEST(SigningTest, KrakenRefusesASecretThatIsNotBase64WithoutEchoingIt) {
    const auto sig = kraken_signature("/0/private/Balance", "1", "nonce=1", "not*base64!");
    ASSERT_FALSE(sig.has_value());
    EXPECT_TRUE(sig.error().is_invalid_argument());
    EXPECT_EQ(sig.error().message().find("not*base64"), std::string::npos);
}

// Bybit v5 signs timestamp + key + recv_window + payload; the expected value is HMAC-SHA256 of
// that concatenation, which the Binance-style helper (checked above against the docs) computes.
TEST(SigningTest, BybitSignsTheDocumentedConcatenation) {
    const std::string payload = R"({"category":"spot","symbol":"BTCUSDT"})";
    EXPECT_EQ(bybit_signature("secret", "1658385579423", "XXXXXXXXXX", "5000", payload),
              hmac_sha256_hex("secret", "1658385579423XXXXXXXXXX5000" + payload));
    EXPECT_NE(bybit_signature("secret", "1658385579423", "XXXXXXXXXX", "5000", payload),
              bybit_signature("secret", "1658385579424", "XXXXXXXXXX", "5000", payload));
}

// RFC 4648 section 10 test vectors, both ways.
TEST(SigningTest, Base64MatchesRfc4648) {
    const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64_encode(plain), encoded);
        ASSERT_OK_AND_ASSIGN(const auto back, base64_decode(encoded));
        EXPECT_EQ(back, plain);
    }
    for (const char* bad : {"Zg=", "Z===", "Zm9v*A==", "=Zm9", "Zg==Zg=="}) {
        EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace aitp::exchange
