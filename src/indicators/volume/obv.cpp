// SPDX-License-Identifier: MIT
#include "indicators/volume/obv.hpp"

#include "indicators/common.hpp"

namespace aitp::indicators {

Status obv(std::span<const double> close, std::span<const double> volume, const ObvParams& p,
           std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"close", close}, {"volume", volume}}, {out}));
    Obv s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(close[i], volume[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
