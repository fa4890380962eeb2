// SPDX-License-Identifier: MIT
#include "indicators/momentum/stochastic.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"
#include "indicators/momentum/williams_r.hpp"

namespace aitp::indicators {

Status StochasticParams::validate() const {
    AITP_TRY(check_min("k_period", k_period));
    return check_min("d_period", d_period);
}

Stochastic::Stochastic(const StochasticParams& p)
    : high_low_(static_cast<std::size_t>(valid(p).k_period)),
      d_(static_cast<std::size_t>(p.d_period)),
      d_period_(static_cast<std::size_t>(p.d_period)) {}

void Stochastic::reset() {
    high_low_.reset();
    d_.reset();
    value_ = {detail::kNan, detail::kNan};
}

namespace detail {
void stochastic_rows(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const StochasticParams& p,
                     const StochasticOutputs& out, std::span<double> williams_r, bool with_d) {
    // Per chunk: the window extremes (8 windows per step), %K (vectorised; %R from the same
    // extremes when asked), then %D row by row; the operations are step()'s (and
    // WilliamsR::formula's).
    const Stochastic s(p);
    detail::KahanWindow d = s.d_window();  // a local the compiler keeps in registers
    const std::size_t dn = s.d_period();
    const bool with_r = !williams_r.empty();
    detail::for_each_high_low(
        high.data(), low.data(), close.size(), static_cast<std::size_t>(p.k_period),
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            for (std::size_t j = 0; j < len; ++j) {
                out.k[c + j] = Stochastic::percent_k(hh[j], ll[j], close[c + j]);
            }
            if (with_r) {
                for (std::size_t j = 0; j < len; ++j) {
                    williams_r[c + j] = WilliamsR::formula(hh[j], ll[j], close[c + j]);
                }
            }
            for (std::size_t j = 0; j < len && with_d; ++j) {
                const std::size_t i = c + j;
                const bool full = i >= dn;
                d.slide(out.k[i], full, full ? out.k[i - dn] : 0.0);
                out.d[i] = d.mean();
            }
        });
}
}  // namespace detail

Status stochastic_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const StochasticParams& p,
                            const StochasticOutputs& out) {
    detail::stochastic_rows(high, low, close, p, out, {});
    return ok_status();
}

Status stochastic(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const StochasticParams& p,
                  const StochasticOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out.k, out.d},
                   [&] { return stochastic_unchecked(high, low, close, p, out); });
}

}  // namespace aitp::indicators
