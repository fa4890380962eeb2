// SPDX-License-Identifier: MIT
#include "model/symbol.hpp"

#include <gtest/gtest.h>

namespace aitp::model {
namespace {

TEST(SymbolTest, PairsAndTickers) {
    const Symbol btc = *Symbol::parse("BTC/USDT");
    EXPECT_EQ(btc.base(), "BTC");
    EXPECT_EQ(btc.quote(), "USDT");
    EXPECT_EQ(btc.file_stem(), "BTC_USDT");
    const Symbol spx = *Symbol::parse("^GSPC");
    EXPECT_FALSE(spx.is_pair());
    EXPECT_EQ(spx.to_string(), "^GSPC");
    EXPECT_EQ(Symbol::parse("1000_SHIB/USDT")->file_stem(), "1000_SHIB_USDT");
}

TEST(SymbolTest, RejectsMalformed) {
    for (const char* bad : {"", "/USD", "BTC/", "BTC/USD/X", "BTC USD", "BT$"}) {
        EXPECT_FALSE(Symbol::parse(bad)) << bad;
    }
    EXPECT_EQ(Symbol::parse("BTC USD").error().message(),
              "symbol 'BTC USD' contains the character ' '");
}

TEST(SymbolTest, NamesThatWouldHideOrEscapeAStoreFileAreRejected) {
    // Each of these was accepted before issue 16 and made a hidden or odd store file name.
    for (const char* bad :
         {"..", "../x", "x/..", ".hidden", "A..B", "-X/USDT", "_X/USDT", "BTC/.USDT"}) {
        EXPECT_FALSE(Symbol::parse(bad)) << bad;
    }
    EXPECT_EQ(Symbol::parse("..").error().message(),
              "symbol '..' must start each part with a letter, a digit or '^'");
    EXPECT_EQ(Symbol::parse("A..B").error().message(), "symbol 'A..B' contains '..'");
    EXPECT_FALSE(Symbol::parse(std::string(41, 'A')));
    EXPECT_TRUE(Symbol::parse(std::string(40, 'A')));
    for (const char* good : {"BRK.B", "^GSPC", "EURUSD=X", "1000_SHIB/USDT", "BTC-PERP/USD"}) {
        EXPECT_TRUE(Symbol::parse(good)) << good;
    }
    EXPECT_TRUE(check_name_part("source", "binance.us", "binance.us", "-."));
    EXPECT_FALSE(check_name_part("source", "..", "..", "-."));
    EXPECT_FALSE(check_name_part("source", ".x", ".x", "-."));
}

TEST(SymbolTest, GuessesAssetClassAsTheOriginalRoutes) {
    EXPECT_EQ(Symbol::parse("EUR/USD")->guess_asset_class("yfinance"), AssetClass::Forex);
    EXPECT_EQ(Symbol::parse("AAPL/USD")->guess_asset_class("yfinance"), AssetClass::Equity);
    EXPECT_EQ(Symbol::parse("^GSPC")->guess_asset_class("sample"), AssetClass::Equity);
    EXPECT_EQ(Symbol::parse("BTC/USDT")->guess_asset_class("kraken"), AssetClass::Crypto);
    EXPECT_EQ(*parse_asset_class("forex"), AssetClass::Forex);
    EXPECT_FALSE(parse_asset_class("bonds"));
}

}  // namespace
}  // namespace aitp::model
