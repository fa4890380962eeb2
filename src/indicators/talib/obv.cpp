// SPDX-License-Identifier: MIT
#include "indicators/talib/obv.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

namespace {
// OBV's change of the total: +volume, -volume, or -0.0 when the close is unchanged (x + -0.0 is
// x for every x, zeros included; x + -v is x - v).
double obv_step(double close, double prev, double volume) {
    return detail::select(close > prev, volume, detail::select(close < prev, -volume, -0.0));
}
}  // namespace

void Obv::reset() {
    started_ = false;
    value_ = detail::kNan;
}

double Obv::update(double close, double volume) {
    if (!started_) {
        started_ = true;
        value_ = volume;
    } else {
        value_ += obv_step(close, prev_, volume);
    }
    prev_ = close;
    return value_;
}

Status obv_unchecked(std::span<const double> close, std::span<const double> volume,
                     std::span<double> out) {
    // The steps (vectorised), then the running total: update()'s operations.
    const std::size_t size = close.size();
    if (size == 0) {
        return ok_status();
    }
    for (std::size_t i = 1; i < size; ++i) {
        out[i] = obv_step(close[i], close[i - 1], volume[i]);
    }
    double total = volume[0];
    out[0] = total;
    for (std::size_t i = 1; i < size; ++i) {
        total += out[i];
        out[i] = total;
    }
    return ok_status();
}

Status obv(std::span<const double> close, std::span<const double> volume, std::span<double> out) {
    return checked({{"close", close}, {"volume", volume}}, {out},
                   [&] { return obv_unchecked(close, volume, out); });
}

}  // namespace aitp::indicators::talib
