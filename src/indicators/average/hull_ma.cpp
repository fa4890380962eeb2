// SPDX-License-Identifier: MIT
#include "indicators/average/hull_ma.hpp"

#include <cmath>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

namespace {
int sqrt_period(int period) { return static_cast<int>(std::sqrt(static_cast<double>(period))); }
}  // namespace

Status HullMaParams::validate() const { return check_min("period", period, 2); }

int lookback(const HullMaParams& p) { return p.period - 1 + sqrt_period(p.period) - 1; }

HullMa::HullMa(const HullMaParams& p)
    : half_(WmaParams{p.period / 2}),
      full_(WmaParams{p.period}),
      outer_(WmaParams{sqrt_period(p.period)}) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid HullMaParams");
}

void HullMa::reset() {
    half_.reset();
    full_.reset();
    outer_.reset();
    value_ = detail::kNan;
}

Status hull_ma(std::span<const double> in, const HullMaParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"input", in}}, {out}));
    HullMa s(p);
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = s.update(in[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
