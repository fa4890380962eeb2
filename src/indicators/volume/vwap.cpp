// SPDX-License-Identifier: MIT
#include "indicators/volume/vwap.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"
#include "indicators/volume/obv.hpp"

namespace aitp::indicators {

Status vwap_unchecked(std::span<const std::int64_t> ts, std::span<const double> high,
                      std::span<const double> low, std::span<const double> close,
                      std::span<const double> volume, const VwapParams& p, std::span<double> out) {
    if (p.anchor == VwapAnchor::UtcDay && ts.size() != close.size()) {
        return fail(Error::invalid_argument(
            fmt::format("timestamp has {} values but close has {}", ts.size(), close.size())));
    }
    if (p.anchor == VwapAnchor::None) {
        detail::vwap_rows(high, low, close, {}, volume, out);
        return ok_status();
    }
    Vwap s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(ts.empty() ? 0 : ts[i], high[i], low[i], close[i], volume[i]);
    }
    return ok_status();
}

Status vwap(std::span<const std::int64_t> ts, std::span<const double> high,
            std::span<const double> low, std::span<const double> close,
            std::span<const double> volume, const VwapParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}, {"volume", volume}}, {out},
                   [&] { return vwap_unchecked(ts, high, low, close, volume, p, out); });
}

namespace detail {
void vwap_rows(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, std::span<const double> typical,
               std::span<const double> volume, std::span<double> out, std::span<double> obv) {
    // Price x volume (vectorised), the two running sums row by row, then the quotient
    // (vectorised): update()'s operations (price_volume = typical price * volume). OBV's signed
    // volumes and running total (Obv::update's) alongside when asked for.
    constexpr std::size_t kChunk = 512;
    double pv[kChunk];
    double cv[kChunk];
    double sv[kChunk];
    double cum_pv = 0.0;
    double cum_v = 0.0;
    double total = 0.0;
    const std::size_t size = volume.size();
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (typical.empty()) {
            for (std::size_t j = 0; j < len; ++j) {
                pv[j] = Vwap::price_volume(high[c + j], low[c + j], close[c + j], volume[c + j]);
            }
        } else {
            for (std::size_t j = 0; j < len; ++j) {
                pv[j] = typical[c + j] * volume[c + j];
            }
        }
        if (obv.empty()) {
            for (std::size_t j = 0; j < len; ++j) {
                cum_pv += pv[j];
                cum_v += volume[c + j];
                pv[j] = cum_pv;
                cv[j] = cum_v;
            }
        } else {
            obv_signed_volumes(close, volume, c, len, sv);
            double* o = obv.data() + c;
            for (std::size_t j = 0; j < len; ++j) {
                cum_pv += pv[j];
                cum_v += volume[c + j];
                pv[j] = cum_pv;
                cv[j] = cum_v;
                total += sv[j];
                o[j] = total;
            }
        }
        for (std::size_t j = 0; j < len; ++j) {
            out[c + j] = pv[j] / cv[j];
        }
    }
}
}  // namespace detail

}  // namespace aitp::indicators
