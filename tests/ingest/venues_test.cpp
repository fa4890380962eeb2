// SPDX-License-Identifier: MIT
// Venue URLs (AITP_VENUE_URLS, overridden by flags) and keys (environment only).
#include "ingest/venues.hpp"

#include <map>

#include <gtest/gtest.h>

#include "support/result.hpp"

namespace aitp::ingest {
namespace {

using exchange::VenueId;

EnvFn env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) {
        const auto it = vars.find(std::string(name));
        return it == vars.end() ? std::string() : it->second;
    };
}

TEST(VenuesTest, FlagsOverrideTheEnvironment) {
    const auto env =
        env_of({{"AITP_VENUE_URLS", "binance=http://127.0.0.1:9000,kraken=http://127.0.0.1:9001"}});
    const std::vector<std::string> flags = {"binance=http://127.0.0.1:7000"};
    ASSERT_OK_AND_ASSIGN(const auto urls, venue_urls(flags, "--venue-url", env));
    EXPECT_EQ(urls.at(VenueId::Binance), "http://127.0.0.1:7000");
    EXPECT_EQ(urls.at(VenueId::Kraken), "http://127.0.0.1:9001");
    EXPECT_EQ(urls.count(VenueId::Bybit), 0U);
}

TEST(VenuesTest, BadUrlsNameWhereTheyCameFrom) {
    const auto bad_env = venue_urls({}, "--venue-url", env_of({{"AITP_VENUE_URLS", "binance"}}));
    ASSERT_FALSE(bad_env);
    EXPECT_NE(bad_env.error().message().find("AITP_VENUE_URLS: no '='"), std::string::npos);
    const std::vector<std::string> flags = {"nasdaq=http://x"};
    const auto bad_flag = venue_urls(flags, "--venue-url", env_of({}));
    ASSERT_FALSE(bad_flag);
    EXPECT_NE(bad_flag.error().message().find("--venue-url: unknown venue"), std::string::npos)
        << bad_flag.error().message();
}

TEST(VenuesTest, KeysComeFromTheEnvironmentOfTheVenue) {
    const auto env = env_of({{"AITP_KRAKEN_API_KEY", "k1"},
                             {"AITP_KRAKEN_API_SECRET", "s1"},
                             {"AITP_BINANCE_API_KEY", "other"}});
    VenueUrls urls{{VenueId::Kraken, "http://127.0.0.1:9001"}};
    ASSERT_OK_AND_ASSIGN(const auto c, venue_config("kraken", urls, env));
    EXPECT_EQ(c.venue, VenueId::Kraken);
    EXPECT_EQ(c.base_url, "http://127.0.0.1:9001");
    EXPECT_EQ(c.api_key, "k1");
    EXPECT_EQ(c.api_secret, "s1");
    ASSERT_OK_AND_ASSIGN(const auto y, venue_config("yfinance", urls, env));
    EXPECT_EQ(y.venue, VenueId::Yahoo);
    EXPECT_TRUE(y.base_url.empty());
    EXPECT_TRUE(y.api_key.empty());
}

}  // namespace
}  // namespace aitp::ingest
