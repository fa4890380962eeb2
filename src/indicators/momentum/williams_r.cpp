// SPDX-License-Identifier: MIT
#include "indicators/momentum/williams_r.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status WilliamsRParams::validate() const { return check_min("period", period); }

WilliamsR::WilliamsR(const WilliamsRParams& p)
    : highest_(static_cast<std::size_t>(p.period)), lowest_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid WilliamsRParams");
}

void WilliamsR::reset() {
    highest_.reset();
    lowest_.reset();
    value_ = detail::kNan;
}

Status williams_r(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const WilliamsRParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out}));
    const std::size_t n = static_cast<std::size_t>(p.period);
    const std::size_t lead = std::min(n - 1, close.size());
    std::fill_n(out.begin(), lead, detail::kNan);
    for (std::size_t i = lead; i < close.size(); ++i) {
        out[i] = WilliamsR::formula(detail::window_extreme<true>(&high[i + 1 - n], n),
                                    detail::window_extreme<false>(&low[i + 1 - n], n), close[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
