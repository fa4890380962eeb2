// SPDX-License-Identifier: MIT
#include "indicators/volume/obv.hpp"

#include <algorithm>

#include "indicators/common.hpp"

namespace aitp::indicators {

Status obv(std::span<const double> close, std::span<const double> volume, const ObvParams& p,
           std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"close", close}, {"volume", volume}}, {out}));
    (void)p;
    detail::obv_rows(close, volume, out);
    return ok_status();
}

namespace detail {
void obv_rows(std::span<const double> close, std::span<const double> volume,
              std::span<double> out) {
    // Per chunk: the signed volumes (vectorised) into a local array, then the running total row
    // by row into the output (update()'s operations); one pass over the output.
    constexpr std::size_t kChunk = 512;
    double signed_volume[kChunk];
    const std::size_t size = close.size();
    double total = 0.0;
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        const std::size_t from = c == 0 ? 1 : 0;  // the first row contributes nothing
        for (std::size_t j = from; j < len; ++j) {
            signed_volume[j] = Obv::signed_volume(close[c + j], close[c + j - 1], volume[c + j]);
        }
        if (c == 0 && len > 0) {
            out[0] = 0.0;
        }
        double* o = out.data() + c;
        for (std::size_t j = from; j < len; ++j) {
            total += signed_volume[j];
            o[j] = total;
        }
    }
}
}  // namespace detail

}  // namespace aitp::indicators
