// SPDX-License-Identifier: MIT
#include "indicators/momentum/cci.hpp"

#include <cmath>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status CciParams::validate() const { return check_min("period", period); }

Cci::Cci(const CciParams& p)
    : mean_(static_cast<std::size_t>(p.period)),
      window_(static_cast<std::size_t>(p.period)),
      scratch_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid CciParams");
}

void Cci::reset() {
    mean_.reset();
    window_.clear();
    value_ = detail::kNan;
}

double Cci::update(double high, double low, double close) {
    const double tp = (high + low + close) / 3.0;
    mean_.push(tp);
    window_.push(tp);
    if (!window_.is_full()) {
        value_ = detail::kNan;
        return value_;
    }
    const std::size_t n = window_.size();
    const double dn = static_cast<double>(n);
    const double* w = window_.data();
    const double inner_mean = detail::pairwise_sum(w, n) / dn;
    const double mad = detail::pairwise_abs_dev_sum(w, n, inner_mean, scratch_.data()) / dn;
    value_ = (tp - mean_.mean()) / (0.015 * mad);
    return value_;
}

Status cci(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, const CciParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}}, {out}));
    Cci s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
