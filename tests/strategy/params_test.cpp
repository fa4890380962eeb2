// SPDX-License-Identifier: MIT
#include "strategy/params.hpp"

#include <gtest/gtest.h>

#include "strategy/registry.hpp"
#include "strategy/sizing.hpp"

namespace aitp::strategy {
namespace {

const std::vector<ParamSpec> kSpecs = {{"fast", 10, 1, 100, true, ""},
                                       {"ratio", 0.5, 0, 1, false, ""}};

TEST(ParamSetTest, OverridesApplyInOrder) {
    const std::vector<ParamOverride> ov = {{"fast", "12"}, {"ratio", "0.25"}, {"fast", "13"}};
    auto p = ParamSet::resolve("s", kSpecs, ov);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->get_int("fast"), 13);
    EXPECT_EQ(p->get("ratio"), 0.25);
}

TEST(ParamSetTest, BadOverridesNameStrategyParameterAndValue) {
    const auto err = [](std::vector<ParamOverride> ov) {
        auto p = ParamSet::resolve("s", kSpecs, ov);
        EXPECT_FALSE(p.has_value());
        return p ? std::string() : p.error().message();
    };
    EXPECT_EQ(err({{"slow", "1"}}), "unknown parameter 'slow' for strategy s (known: fast, ratio)");
    EXPECT_EQ(err({{"fast", "1x"}}), "parameter 'fast' of strategy s: '1x' is not a number");
    EXPECT_EQ(err({{"fast", ""}}), "parameter 'fast' of strategy s: '' is not a number");
    EXPECT_EQ(err({{"fast", "1.5"}}), "parameter 'fast' of strategy s must be an integer, was 1.5");
    EXPECT_EQ(err({{"ratio", "2"}}), "parameter 'ratio' of strategy s must be in [0, 1], was 2");
}

TEST(StrategyRegistryTest, HasElevenStrategiesWithValidDefaults) {
    EXPECT_EQ(strategy_registry().size(), 11u);
    for (const StrategyInfo& s : strategy_registry()) {
        for (const ParamSpec& p : s.params) {
            EXPECT_LE(p.min, p.default_value) << s.name << "." << p.name;
            EXPECT_LE(p.default_value, p.max) << s.name << "." << p.name;
        }
        auto made = make_strategy(s.name, {});
        ASSERT_TRUE(made.has_value()) << s.name;
        EXPECT_EQ((*made)->name(), s.name);
    }
    auto bad = make_strategy("nope", {});
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().is_not_found());
}

TEST(SizingTest, MatchesTheOriginalFormulas) {
    // Nautilus: 10,000 * 2 % / (ATR 0.5 * 2) = 200.
    EXPECT_DOUBLE_EQ(atr_risk_size(10'000, 0.02, 0.5, 2.0), 200.0);
    EXPECT_EQ(atr_risk_size(10'000, 0.02, 0.0, 2.0), 0.0);
    // Risk manager: 10,000 * 3 % / |100 - 95| = 60, capped at 10,000 * 20 % / 100 = 20.
    EXPECT_DOUBLE_EQ(risk_fraction_size(10'000, 0.03, 100, 95), 20.0);
    EXPECT_DOUBLE_EQ(risk_fraction_size(10'000, 0.001, 100, 95), 2.0);
    EXPECT_EQ(risk_fraction_size(10'000, 0.03, 100, 100), 0.0);
    EXPECT_DOUBLE_EQ(affordable_qty(1001, 100, 0.001), 10.0);
    EXPECT_DOUBLE_EQ(round_to(1.23456789, 6), 1.234568);
}

}  // namespace
}  // namespace aitp::strategy
