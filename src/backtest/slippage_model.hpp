// SPDX-License-Identifier: MIT
// SlippageModel: moves taker fill prices against the order (market, stop and marketable
// orders; resting limit fills never slip). Immutable; thread-safe.
#pragma once

#include "model/instrument.hpp"
#include "model/market_event.hpp"
#include "model/order.hpp"

namespace aitp::backtest {

class SlippageModel {
  public:
    virtual ~SlippageModel() = default;
    /// Returns the price a taker fill of `side` gets when the rule price is `price`.
    virtual double apply(const model::Instrument& inst, model::OrderSide side, double price,
                         const model::BarPayload& bar) const = 0;
};

class NoSlippage final : public SlippageModel {
  public:
    double apply(const model::Instrument&, model::OrderSide, double price,
                 const model::BarPayload&) const override {
        return price;
    }
};

/// Price * (1 +- bps / 10,000): buys pay more, sells receive less.
class BpsSlippage final : public SlippageModel {
  public:
    explicit BpsSlippage(double bps) : fraction_(bps / 10'000.0) {}
    double apply(const model::Instrument&, model::OrderSide side, double price,
                 const model::BarPayload&) const override {
        return price * (1.0 + model::side_sign(side) * fraction_);
    }

  private:
    double fraction_;
};

/// Price +- ticks * one unit of the instrument's last price decimal (pip for forex when set).
class TickSlippage final : public SlippageModel {
  public:
    explicit TickSlippage(int ticks) : ticks_(ticks) {}
    double apply(const model::Instrument& inst, model::OrderSide side, double price,
                 const model::BarPayload&) const override;

  private:
    int ticks_;
};

}  // namespace aitp::backtest
