// SPDX-License-Identifier: MIT
#include "indicators/average/sma.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status SmaParams::validate() const { return check_min("period", period); }

Sma::Sma(const SmaParams& p) : mean_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid SmaParams");
}

void Sma::reset() {
    mean_.reset();
    value_ = detail::kNan;
}

Status sma(std::span<const double> in, const SmaParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"input", in}}, {out}));
    Sma s(p);
    const std::size_t w = static_cast<std::size_t>(p.period);
    for (std::size_t i = 0; i < in.size(); ++i) {
        const bool full = i >= w;
        out[i] = s.slide(in[i], full, full ? in[i - w] : 0.0);
    }
    return ok_status();
}

}  // namespace aitp::indicators
