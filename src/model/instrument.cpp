// SPDX-License-Identifier: MIT
#include "model/instrument.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/check.hpp"

namespace aitp::model {

namespace {
constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
constexpr std::int64_t kScale[] = {1'000'000'000, 100'000'000, 10'000'000, 1'000'000, 100'000,
                                   10'000,        1'000,       100,        10,        1};
}  // namespace

Instrument Instrument::crypto_spot(std::string symbol) {
    Instrument i;
    i.symbol = std::move(symbol);
    return i;
}

Instrument Instrument::equity(std::string symbol) {
    Instrument i;
    i.symbol = std::move(symbol);
    i.asset_class = AssetClass::Equity;
    i.size_precision = 2;
    i.maker_fee = 0.0;
    i.taker_fee = 0.0;
    return i;
}

Instrument Instrument::forex(std::string symbol) {
    Instrument i;
    const bool jpy = symbol.size() >= 3 && symbol.compare(symbol.size() - 3, 3, "JPY") == 0;
    i.symbol = std::move(symbol);
    i.asset_class = AssetClass::Forex;
    i.price_precision = jpy ? 3 : 5;
    i.size_precision = 2;
    i.pip_size = jpy ? 0.01 : 0.0001;
    i.maker_fee = 0.00003;
    i.taker_fee = 0.00003;
    return i;
}

Instrument Instrument::for_asset_class(AssetClass c, std::string symbol) {
    switch (c) {
        case AssetClass::Equity:
            return equity(std::move(symbol));
        case AssetClass::Forex:
            return forex(std::move(symbol));
        case AssetClass::Crypto:
            break;
    }
    return crypto_spot(std::move(symbol));
}

double Instrument::lot() const { return lot_size > 0.0 ? lot_size : 1.0 / kPow10[size_precision]; }

Price Instrument::make_price(double price) const {
    AITP_ASSERT(price_precision >= 0 && price_precision <= 9, "Condition failed: precision 0..9");
    const double scaled = std::round(price * kPow10[price_precision]);
    return Price::from_raw(static_cast<std::int64_t>(scaled) * kScale[price_precision],
                           price_precision);
}

Quantity Instrument::make_qty(double qty) const {
    if (!(qty > 0.0)) {
        return Quantity::from_raw(0, size_precision);
    }
    const double l = lot();
    // The small epsilon keeps 0.3 / 0.1 from flooring to 2 lots.
    const double lots = std::floor(qty / l + 1e-9);
    // Capped at the largest representable quantity (about 9.2e9): a sizing rule given absurd
    // cash must not overflow the fixed-point value.
    const std::int64_t max_raw_units =
        std::numeric_limits<std::int64_t>::max() / kScale[size_precision];
    const double max_units = 0.999 * static_cast<double>(max_raw_units);
    const double units = std::min(std::round(lots * l * kPow10[size_precision]), max_units);
    return Quantity::from_raw(static_cast<std::int64_t>(units) * kScale[size_precision],
                              size_precision);
}

int infer_precision(std::span<const double> values) {
    int p = 0;
    for (const double v : values) {
        while (p < 9) {
            const double scaled = v * kPow10[p];
            if (std::fabs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, std::fabs(scaled))) {
                break;
            }
            ++p;
        }
        if (p == 9) break;
    }
    return p;
}

Status check_fee_rate(double fee) {
    if (!(fee >= 0.0 && fee <= kMaxFeeRate)) {
        return fail(Error::invalid_argument(
            fmt::format("fees must be in [0, {}], was {}", kMaxFeeRate, fee)));
    }
    return ok_status();
}

}  // namespace aitp::model
