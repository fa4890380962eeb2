// SPDX-License-Identifier: MIT
// Determinism: the same inputs give bit-identical outputs (fills, trades, equity), also for a
// multi-instrument run and a strategy with resting stop/limit orders.
#include <gtest/gtest.h>

#include "backtest/engine.hpp"
#include "data/bar_file.hpp"
#include "model/event_source.hpp"
#include "strategy/registry.hpp"
#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

std::string run_hash(std::string_view strategy_name, backtest::MarketFill fill) {
    const auto a = AITP_UNWRAP(data::read_bar_file(testing::reference_file("ohlcv_a.csv")));
    const auto b = AITP_UNWRAP(data::read_bar_file(testing::reference_file("ohlcv_b.csv")));
    backtest::EngineConfig cfg;
    cfg.market_fill = fill;
    backtest::BacktestEngine engine(cfg);
    model::Instrument ia = model::Instrument::crypto_spot("A");
    ia.price_precision = 3;
    engine.add_instrument(ia);
    model::Instrument ib = model::Instrument::crypto_spot("B");
    ib.price_precision = 3;
    engine.add_instrument(ib);
    auto strat = AITP_UNWRAP(strategy::make_strategy(strategy_name, {}));
    auto src = AITP_UNWRAP(model::BarSeriesEventSource::create({&a, &b}));
    const auto r = AITP_UNWRAP(engine.run(src, *strat));
    EXPECT_FALSE(r.fills.empty());
    return backtest::output_hash(r);
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
