// SPDX-License-Identifier: MIT
// FeeModel: what a fill costs. InstrumentFeeModel charges each instrument's own maker/taker
// rates; FixedRateFeeModel one pair of rates for every instrument. Immutable; thread-safe.
#pragma once

#include "model/fill.hpp"
#include "model/instrument.hpp"

namespace aitp::backtest {

class FeeModel {
  public:
    virtual ~FeeModel() = default;
    /// Returns the fee in quote currency for a fill of qty at price.
    virtual double fee(const model::Instrument& inst, double price, double qty,
                       model::Liquidity liquidity) const = 0;
    /// Returns the taker rate (a fraction of notional) for sizing.
    virtual double taker_rate(const model::Instrument& inst) const = 0;
};

/// Fee = notional * (maker_fee or taker_fee of the instrument).
class InstrumentFeeModel final : public FeeModel {
  public:
    double fee(const model::Instrument& inst, double price, double qty,
               model::Liquidity liquidity) const override;
    double taker_rate(const model::Instrument& inst) const override { return inst.taker_fee; }
};

/// Fee = notional * maker or taker rate, the same for every instrument.
class FixedRateFeeModel final : public FeeModel {
  public:
    FixedRateFeeModel(double maker_rate, double taker_rate)
        : maker_(maker_rate), taker_(taker_rate) {}
    double fee(const model::Instrument& inst, double price, double qty,
               model::Liquidity liquidity) const override;
    double taker_rate(const model::Instrument&) const override { return taker_; }

  private:
    double maker_;
    double taker_;
};

}  // namespace aitp::backtest
