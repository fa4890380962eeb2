// SPDX-License-Identifier: MIT
#include "indicators/volume/vwap.hpp"

#include <fmt/format.h>

#include "indicators/common.hpp"

namespace aitp::indicators {

Status vwap(std::span<const std::int64_t> ts, std::span<const double> high,
            std::span<const double> low, std::span<const double> close,
            std::span<const double> volume, const VwapParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}, {"volume", volume}},
                          {out}));
    if (p.anchor == VwapAnchor::UtcDay && ts.size() != close.size()) {
        return fail(Error::invalid_argument(fmt::format(
            "timestamp has {} values but close has {}", ts.size(), close.size())));
    }
    Vwap s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        const std::int64_t t = ts.empty() ? 0 : ts[i];
        out[i] = s.update(t, high[i], low[i], close[i], volume[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
