// SPDX-License-Identifier: MIT
#include "indicators/talib/bbands.hpp"

#include <algorithm>
#include <cmath>

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

Status BbandsParams::validate() const {
    AITP_TRY(check_min("period", period));
    AITP_TRY(check_non_negative("dev_up", dev_up));
    return check_non_negative("dev_down", dev_down);
}

Bbands::Bbands(const BbandsParams& p)
    : sma_(SmaParams{valid(p).period}),
      ring_(static_cast<std::size_t>(p.period)),
      period_(static_cast<double>(p.period)),
      dev_up_(p.dev_up),
      dev_down_(p.dev_down) {}

void Bbands::reset() {
    sma_.reset();
    ring_.clear();
    total2_ = 0.0;
    value_ = {detail::kNan, detail::kNan, detail::kNan};
}

const BbandsValue& Bbands::update(double x) {
    const double mid = sma_.update(x);
    total2_ += x * x;
    ring_.push(x);
    if (!ring_.is_full()) {
        value_ = {detail::kNan, detail::kNan, detail::kNan};
        return value_;
    }
    const double sum2 = total2_;
    const double old = ring_.oldest();
    total2_ -= old * old;
    value_ = bands_from_mid(mid, sum2, period_, dev_up_, dev_down_);
    return value_;
}
BbandsValue Bbands::bands(double sum, double sum2, double period, double dev_up, double dev_down) {
    return bands_from_mid(sum / period, sum2, period, dev_up, dev_down);
}
BbandsValue Bbands::bands_from_mid(double mid, double sum2, double period, double dev_up,
                                   double dev_down) {
    double mean2 = sum2 / period;
    mean2 -= mid * mid;
    const double sd = ta_is_zero_or_neg(mean2) ? 0.0 : std::sqrt(mean2);
    // TA_BBANDS special-cases equal deviations (and 1.0), with the same arithmetic per band.
    const double up = (dev_up == 1.0) ? sd : sd * dev_up;
    const double down = (dev_down == 1.0) ? sd : sd * dev_down;
    return {mid + up, mid, mid - down};
}

Status bbands_unchecked(std::span<const double> close, const BbandsParams& p,
                        const BbandsOutputs& out) {
    // The two running sums row by row (written to upper/lower as they are when TA-Lib reads
    // them: before the oldest value leaves), then the bands from them as an element-wise loop:
    // Bbands::update's operations.
    const std::size_t n = static_cast<std::size_t>(p.period);
    const double period = static_cast<double>(p.period);
    const std::size_t size = close.size();
    double total = 0.0;
    double total2 = 0.0;
    for (std::size_t i = 0; i < size; ++i) {
        const double x = close[i];
        total += x;
        total2 += x * x;
        if (i + 1 < n) {
            out.upper[i] = out.middle[i] = out.lower[i] = detail::kNan;
            continue;
        }
        const double old = close[i + 1 - n];
        out.upper[i] = total;
        out.lower[i] = total2;
        total -= old;
        total2 -= old * old;
    }
    for (std::size_t i = std::min(n - 1, size); i < size; ++i) {
        const BbandsValue v =
            Bbands::bands(out.upper[i], out.lower[i], period, p.dev_up, p.dev_down);
        out.upper[i] = v.upper;
        out.middle[i] = v.middle;
        out.lower[i] = v.lower;
    }
    return ok_status();
}

Status bbands(std::span<const double> close, const BbandsParams& p, const BbandsOutputs& out) {
    return checked(p, {{"close", close}}, {out.upper, out.middle, out.lower},
                   [&] { return bbands_unchecked(close, p, out); });
}

}  // namespace aitp::indicators::talib
