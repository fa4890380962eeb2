// SPDX-License-Identifier: MIT
// One vocabulary (strategy/names.hpp): every strategy of the event registry and of the research
// catalogues has a canonical name with a summary, aliases resolve in both, and the same SMA
// crossover is one name in backtest and screen.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "research/strategy.hpp"
#include "strategy/names.hpp"
#include "strategy/registry.hpp"
#include "support/result.hpp"

namespace aitp {
namespace {

TEST(StrategyNamesTest, NamesAreUniqueAndAliasesNeverShadowAName) {
    std::set<std::string_view> names;
    for (const strategy::StrategyName& n : strategy::strategy_names()) {
        EXPECT_TRUE(names.insert(n.name).second) << n.name;
        EXPECT_FALSE(n.summary.empty()) << n.name;
    }
    for (const strategy::StrategyName& n : strategy::strategy_names()) {
        for (std::string_view a : n.aliases) {
            if (!a.empty()) {
                EXPECT_EQ(names.count(a), 0u) << a;
            }
        }
    }
}

TEST(StrategyNamesTest, EveryCatalogueUsesCanonicalNamesWithSummaries) {
    for (const strategy::StrategyInfo& s : strategy::strategy_registry()) {
        EXPECT_EQ(strategy::canonical_strategy_name(s.name), s.name);
        EXPECT_FALSE(strategy::strategy_summary(s.name).empty()) << s.name;
        EXPECT_EQ(s.description, strategy::strategy_summary(s.name)) << s.name;
    }
    for (const auto* list : {&research::screen_strategies(), &research::validation_strategies()}) {
        for (const research::StrategySpec& s : *list) {
            EXPECT_EQ(strategy::canonical_strategy_name(s.name), s.name);
            EXPECT_FALSE(strategy::strategy_summary(s.name).empty()) << s.name;
        }
    }
}

TEST(StrategyNamesTest, TheSmaCrossoverIsOneNameInBacktestAndScreen) {
    const strategy::StrategyInfo* event = strategy::find_strategy("sma_crossover");
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(strategy::find_strategy("sma_cross"), event);
    ASSERT_OK_AND_ASSIGN(const research::StrategySpec* screen,
                         research::find_strategy("sma_cross"));
    EXPECT_EQ(screen->name, event->name);
}

TEST(StrategyNamesTest, OldValidationNamesAreAliases) {
    for (const auto& [alias, name] :
         {std::pair{"volatility_breakout_v", "VolatilityBreakout"},
          std::pair{"crypto_investor_v1", "CryptoInvestorV1"},
          std::pair{"bollinger_mean_reversion", "BollingerMeanReversion"}}) {
        ASSERT_OK_AND_ASSIGN(const research::StrategySpec* s, research::find_strategy(alias));
        EXPECT_EQ(s->name, name);
        ASSERT_NE(strategy::find_strategy(alias), nullptr) << alias;
        EXPECT_EQ(strategy::find_strategy(alias)->name, name);
    }
    EXPECT_FALSE(research::find_strategy("nope"));
    EXPECT_EQ(strategy::find_strategy("nope"), nullptr);
}

}  // namespace
}  // namespace aitp
