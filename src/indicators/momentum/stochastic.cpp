// SPDX-License-Identifier: MIT
#include "indicators/momentum/stochastic.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status StochasticParams::validate() const {
    AITP_TRY(check_min("k_period", k_period));
    return check_min("d_period", d_period);
}

Stochastic::Stochastic(const StochasticParams& p)
    : highest_(static_cast<std::size_t>(p.k_period)),
      lowest_(static_cast<std::size_t>(p.k_period)),
      d_(static_cast<std::size_t>(p.d_period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid StochasticParams");
}

void Stochastic::reset() {
    highest_.reset();
    lowest_.reset();
    d_.reset();
    value_ = {detail::kNan, detail::kNan};
}

Status stochastic(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const StochasticParams& p,
                  const StochasticOutputs& out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out.k, out.d}));
    Stochastic s(p);
    const std::size_t n = static_cast<std::size_t>(p.k_period);
    for (std::size_t i = 0; i < close.size(); ++i) {
        const bool full = i + 1 >= n;
        const double hh = full ? detail::window_extreme<true>(&high[i + 1 - n], n) : detail::kNan;
        const double ll = full ? detail::window_extreme<false>(&low[i + 1 - n], n) : detail::kNan;
        const StochasticValue v = s.step(hh, ll, close[i]);
        out.k[i] = v.k;
        out.d[i] = v.d;
    }
    return ok_status();
}

}  // namespace aitp::indicators
