// SPDX-License-Identifier: MIT
#include "indicators/momentum/williams_r.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

WilliamsR::WilliamsR(const WilliamsRParams& p) : high_low_(valid_period(p)) {}

void WilliamsR::reset() {
    high_low_.reset();
    value_ = detail::kNan;
}

Status williams_r_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const WilliamsRParams& p,
                            std::span<double> out) {
    // Per chunk: the window extremes (8 windows per step), then the formula (vectorised).
    detail::for_each_high_low(
        high.data(), low.data(), close.size(), static_cast<std::size_t>(p.period),
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            for (std::size_t j = 0; j < len; ++j) {
                out[c + j] = WilliamsR::formula(hh[j], ll[j], close[c + j]);
            }
        });
    return ok_status();
}

Status williams_r(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const WilliamsRParams& p, std::span<double> out) {
    return checked_hlc<&williams_r_unchecked>(high, low, close, p, out);
}

}  // namespace aitp::indicators
