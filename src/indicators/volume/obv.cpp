// SPDX-License-Identifier: MIT
#include "indicators/volume/obv.hpp"

#include "indicators/common.hpp"

namespace aitp::indicators {

Status obv(std::span<const double> close, std::span<const double> volume, const ObvParams& p,
           std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"close", close}, {"volume", volume}}, {out}));
    // Signed volumes (vectorised), then the running total row by row: update()'s operations.
    (void)p;
    const std::size_t size = close.size();
    if (size == 0) {
        return ok_status();
    }
    out[0] = 0.0;
    for (std::size_t i = 1; i < size; ++i) {
        out[i] = Obv::signed_volume(close[i], close[i - 1], volume[i]);
    }
    double total = 0.0;
    for (std::size_t i = 1; i < size; ++i) {
        total += out[i];
        out[i] = total;
    }
    return ok_status();
}

}  // namespace aitp::indicators
