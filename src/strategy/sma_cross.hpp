// SPDX-License-Identifier: MIT
// SmaCross: the plain example strategy. Long-only on every instrument: buys with all the
// account can afford (or a fixed quantity, `size`, as the peers' one-unit comparisons do) when
// SMA(fast) crosses above SMA(slow), sells everything when it crosses below. Streaming SMAs; O(1)
// per bar. Not thread-safe.
#pragma once

#include <vector>

#include "indicators/average/sma.hpp"
#include "strategy/params.hpp"
#include "strategy/strategy.hpp"

namespace aitp::strategy {

class SmaCross final : public Strategy {
  public:
    struct Config {
        int fast = 10;
        int slow = 30;
        /// Fraction of cash put into each entry (split evenly when several instruments).
        double allocation = 1.0;
        /// Fixed quantity per entry; 0 sizes by allocation. An entry the cash cannot pay for
        /// is rejected by the engine and counted, like any unaffordable order.
        double size = 0.0;
    };
    explicit SmaCross(Config config) : config_(config) {}
    static const std::vector<ParamSpec>& param_specs();
    static Config from_params(const ParamSet& p);
    /// fast must be shorter than slow (InvalidArgument naming both otherwise).
    static Status check(const ParamSet& p);

    std::string_view name() const override { return "sma_crossover"; }
    void on_start(StrategyContext& ctx) override;
    void on_bar(StrategyContext& ctx, const BarView& bar) override;

  private:
    double allocation_qty(StrategyContext& ctx, const BarView& bar) const;
    struct State {
        indicators::Sma fast;
        indicators::Sma slow;
        double prev_fast = 0.0;
        double prev_slow = 0.0;
        bool has_prev = false;
    };
    Config config_;
    std::vector<State> states_;
};

}  // namespace aitp::strategy
