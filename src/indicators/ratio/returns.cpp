// SPDX-License-Identifier: MIT
#include "indicators/ratio/returns.hpp"

#include "indicators/common.hpp"
#include "indicators/detail/log.hpp"

namespace aitp::indicators {

Status returns(std::span<const double> in, const ReturnsParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"input", in}}, {out}));
    // Returns::update over rows, 8 logs per vector step (detail::ln8 = detail::ln per lane).
    const std::size_t n = in.size();
    if (n == 0) {
        return ok_status();
    }
    out[0] = detail::kNan;
    const double* __restrict x = in.data();
    double* __restrict y = out.data();
    if (!p.log) {
        for (std::size_t i = 1; i < n; ++i) {
            y[i] = x[i] / x[i - 1] - 1.0;
        }
        return ok_status();
    }
    std::size_t i = 1;
    for (; i + 8 <= n; i += 8) {
        detail::lanes::v8d now;
        detail::lanes::v8d before;
        detail::load8(now, x + i);
        detail::load8(before, x + i - 1);
        detail::lanes::v8d r;
        detail::ln8(now / before, r);
        detail::store8(y + i, r);
    }
    for (; i < n; ++i) {
        y[i] = detail::ln(x[i] / x[i - 1]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
