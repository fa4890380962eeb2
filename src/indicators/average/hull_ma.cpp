// SPDX-License-Identifier: MIT
#include "indicators/average/hull_ma.hpp"

#include <algorithm>
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
    // The two inner WMAs read the input span directly (inputs are finite); the outer one runs
    // on the derived series as the stream does.
    const Wma half(WmaParams{p.period / 2});
    const Wma full(WmaParams{p.period});
    Wma outer(WmaParams{sqrt_period(p.period)});
    const std::size_t nh = static_cast<std::size_t>(p.period / 2);
    const std::size_t nf = static_cast<std::size_t>(p.period);
    const std::size_t lead = std::min(nf - 1, in.size());
    for (std::size_t i = 0; i < lead; ++i) {
        out[i] = outer.update(detail::kNan);
    }
    for (std::size_t i = lead; i < in.size(); ++i) {
        const double h = half.window_value(&in[i + 1 - nh], in[i]);
        const double f = full.window_value(&in[i + 1 - nf], in[i]);
        out[i] = outer.update(HullMa::combine(h, f));
    }
    return ok_status();
}

}  // namespace aitp::indicators
