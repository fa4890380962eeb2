// SPDX-License-Identifier: MIT
// Determinism: the same inputs give bit-identical outputs (fills, trades, equity), also for a
// multi-instrument run and a strategy with resting stop/limit orders.
#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "data/bar_file.hpp"
#include "model/event_source.hpp"
#include "strategy/registry.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

std::string run_hash(std::string_view strategy_name, backtest::MarketFill fill) {
    auto a = data::read_bar_file(testing::reference_file("ohlcv_a.csv"));
    auto b = data::read_bar_file(testing::reference_file("ohlcv_b.csv"));
    EXPECT_TRUE(a.has_value() && b.has_value());
    backtest::EngineConfig cfg;
    cfg.market_fill = fill;
    backtest::BacktestEngine engine(cfg);
    model::Instrument ia = model::Instrument::crypto_spot("A");
    ia.price_precision = 3;
    engine.add_instrument(ia);
    model::Instrument ib = model::Instrument::crypto_spot("B");
    ib.price_precision = 3;
    engine.add_instrument(ib);
    auto strat = strategy::make_strategy(strategy_name, {});
    EXPECT_TRUE(strat.has_value());
    auto src = model::BarSeriesEventSource::create({&*a, &*b});
    EXPECT_TRUE(src.has_value());
    auto r = engine.run(*src, **strat);
    EXPECT_TRUE(r.has_value());
    EXPECT_FALSE(r->fills.empty());
    return backtest::output_hash(*r);
}

TEST(DeterminismTest, TwoRunsGiveIdenticalOutputHashes) {
    for (const char* name : {"sma_cross", "CryptoInvestorV1", "NautilusMeanReversion"}) {
        const auto fill = strategy::find_strategy(name)->fills_next_open
                              ? backtest::MarketFill::NextOpen
                              : backtest::MarketFill::BarClose;
        const std::string h1 = run_hash(name, fill);
        const std::string h2 = run_hash(name, fill);
        EXPECT_EQ(h1, h2) << name;
        EXPECT_EQ(h1.size(), 16u);
    }
    EXPECT_NE(run_hash("sma_cross", backtest::MarketFill::BarClose),
              run_hash("sma_cross", backtest::MarketFill::NextOpen));
}

}  // namespace
}  // namespace aitp
