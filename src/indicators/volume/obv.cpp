// SPDX-License-Identifier: MIT
#include "indicators/volume/obv.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status obv_unchecked(std::span<const double> close, std::span<const double> volume,
                     const ObvParams& /*p*/, std::span<double> out) {
    detail::obv_rows(close, volume, out);
    return ok_status();
}

Status obv(std::span<const double> close, std::span<const double> volume, const ObvParams& p,
           std::span<double> out) {
    return checked(p, {{"close", close}, {"volume", volume}}, {out},
                   [&] { return obv_unchecked(close, volume, p, out); });
}

namespace detail {
void obv_signed_volumes(std::span<const double> close, std::span<const double> volume,
                        std::size_t c, std::size_t len, double* sv) {
    std::size_t j = 0;
    if (c == 0 && len > 0) {
        sv[0] = 0.0;
        j = 1;
    }
    for (; j < len; ++j) {
        sv[j] = Obv::signed_volume(close[c + j], close[c + j - 1], volume[c + j]);
    }
}

void obv_rows(std::span<const double> close, std::span<const double> volume,
              std::span<double> out) {
    // Per chunk: the signed volumes (vectorised) into a local array, then the running total row
    // by row into the output (update()'s operations); one pass over the output.
    constexpr std::size_t kChunk = 512;
    double sv[kChunk];
    const std::size_t size = close.size();
    double total = 0.0;
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        obv_signed_volumes(close, volume, c, len, sv);
        double* o = out.data() + c;
        for (std::size_t j = 0; j < len; ++j) {
            total += sv[j];
            o[j] = total;
        }
    }
}
}  // namespace detail

}  // namespace aitp::indicators
