// SPDX-License-Identifier: MIT
#include "indicators/volatility/bollinger_bands.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status BollingerBandsParams::validate() const {
    AITP_TRY(check_min("period", period));
    AITP_TRY(check_non_negative("std_dev", std_dev));
    if (ddof != 0 && ddof != 1) {
        return fail(Error::invalid_argument(fmt::format("ddof must be 0 or 1, was {}", ddof)));
    }
    return ok_status();
}

BollingerBands::BollingerBands(const BollingerBandsParams& p)
    : ring_(valid_period(p)),
      window_(static_cast<std::size_t>(p.period), p.ddof),
      std_dev_(p.std_dev) {}

void BollingerBands::reset() {
    ring_.clear();
    window_.reset();
    value_ = {detail::kNan, detail::kNan, detail::kNan, detail::kNan, detail::kNan};
}

namespace detail {
void bollinger_bands_rows(std::size_t len, const double* __restrict mid,
                          const double* __restrict var, const double* __restrict close, double k,
                          double* __restrict upper, double* __restrict lower,
                          double* __restrict width, double* __restrict pct) {
    for (std::size_t j = 0; j < len; ++j) {
        const BollingerBandsValue v = BollingerBands::bands(mid[j], var[j], close[j], k);
        upper[j] = v.upper;
        lower[j] = v.lower;
        width[j] = v.width;
        pct[j] = v.pct;
    }
}
}  // namespace detail

// The recurrences row by row into mid (or, with kGivenMid, from the rolling mean already in
// out.mid) and a chunk of variances; the bands (a square root and two divisions per row) then
// run as a separate element-wise loop the compiler vectorises. The arithmetic is the stream's
// (BollingerRecurrence::slide + BollingerBands::bands); the recurrence state is a local, so it
// stays in registers.
template <bool kGivenMid>
void bollinger_rows(std::span<const double> close, const BollingerBandsParams& p,
                    const BollingerBandsOutputs& out) {
    BollingerRecurrence rec(p);
    const std::size_t w = static_cast<std::size_t>(p.period);
    constexpr std::size_t kChunk = 512;
    double var[kChunk];
    const std::size_t size = close.size();
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        for (std::size_t j = 0; j < len; ++j) {
            const std::size_t i = c + j;
            const bool full = i >= w;
            const double leaving = full ? close[i - w] : 0.0;
            if constexpr (kGivenMid) {
                rec.var.slide(close[i], full, leaving);
                var[j] = rec.var.var();
            } else {
                rec.slide(close[i], full, leaving, out.mid[i], var[j]);
            }
        }
        detail::bollinger_bands_rows(len, &out.mid[c], var, &close[c], p.std_dev, &out.upper[c],
                                     &out.lower[c], &out.width[c], &out.pct[c]);
    }
}

Status bollinger_bands_unchecked(std::span<const double> close, const BollingerBandsParams& p,
                                 const BollingerBandsOutputs& out) {
    bollinger_rows<false>(close, p, out);
    return ok_status();
}

Status bollinger_bands(std::span<const double> close, const BollingerBandsParams& p,
                       const BollingerBandsOutputs& out) {
    return checked(p, {{"close", close}}, {out.upper, out.mid, out.lower, out.width, out.pct},
                   [&] { return bollinger_bands_unchecked(close, p, out); });
}

namespace detail {
void bollinger_bands_given_mid(std::span<const double> close, const BollingerBandsParams& p,
                               const BollingerBandsOutputs& out) {
    bollinger_rows<true>(close, p, out);
}
}  // namespace detail

}  // namespace aitp::indicators
