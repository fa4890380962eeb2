// SPDX-License-Identifier: MIT
// Instrument: what a venue trades and how orders on it are rounded and checked (price and size
// precision, lot size, minimum notional, pip size, maker/taker fee rates). Value type.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/fixed_point.hpp"
#include "core/status.hpp"
#include "model/symbol.hpp"

namespace aitp::model {

/// Index of an instrument inside one run (0..n-1, in the order instruments were added).
using InstrumentId = std::uint32_t;
/// Index of a venue inside one run; each venue has its own cash account.
using VenueId = std::uint16_t;

struct Instrument {
    std::string symbol = "SYNTH";
    AssetClass asset_class = AssetClass::Crypto;
    VenueId venue = 0;
    int price_precision = 2;    ///< decimals of a price
    int size_precision = 6;     ///< decimals of a quantity
    double lot_size = 0.0;      ///< quantities are multiples of this; 0 = 10^-size_precision
    double min_notional = 0.0;  ///< smallest price * quantity accepted, quote currency
    double pip_size = 0.0;      ///< forex pip (0.0001, 0.01 for JPY quotes); 0 when unused
    double maker_fee = 0.001;   ///< fraction of notional charged on maker (resting) fills
    double taker_fee = 0.001;   ///< fraction of notional charged on taker fills
    bool respect_market_hours = false;  ///< equity: only fill inside 09:30-16:00 New York

    /// Returns the original's crypto spot spec: price 2, size 6 decimals, 0.1 % fees.
    static Instrument crypto_spot(std::string symbol);
    /// Returns the original's equity spec: price 2, size 2 decimals, no fees.
    static Instrument equity(std::string symbol);
    /// Returns the original's forex spec: price 5, size 2 decimals, 0.003 % fees, pip 0.0001
    /// (0.01 when the quote currency is JPY).
    static Instrument forex(std::string symbol);
    /// Returns the spec for an asset class (one of the three above).
    static Instrument for_asset_class(AssetClass c, std::string symbol);

    /// Returns the effective lot: lot_size, or one unit of the last size decimal.
    double lot() const;
    /// Rounds a price to price_precision (half away from zero). Requires: |price| < 9.2e9.
    Price make_price(double price) const;
    /// Rounds a quantity down to a whole number of lots (never up, so a sized order stays
    /// affordable). Negative input gives zero; more than the largest representable quantity
    /// (about 9.2e9 units) gives that.
    Quantity make_qty(double qty) const;
};

/// Highest fee rate accepted anywhere (10 % of notional per fill); above it a run is a typo
/// (fees 5 meant 5 bps or 0.5 %) and drives equity negative.
inline constexpr double kMaxFeeRate = 0.1;

/// The one rule for a fee rate given by a user (backtests, screens, CLI and server): finite
/// and in [0, kMaxFeeRate]. The message names the value: "fees must be in [0, 0.1], was 5".
Status check_fee_rate(double fee);

/// Returns the fewest decimals (0..9) that represent every value exactly to 1e-9 relative
/// tolerance, e.g. 3 for {99.097, 100.2}: the price precision data implies.
int infer_precision(std::span<const double> values);

}  // namespace aitp::model
