// SPDX-License-Identifier: MIT
#include "indicators/ratio/returns.hpp"

#include "indicators/common.hpp"
#include "indicators/detail/log.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status returns_unchecked(std::span<const double> in, const ReturnsParams& p,
                         std::span<double> out) {
    if (p.log) {
        detail::returns_rows(in, {}, out);
    } else {
        detail::returns_rows(in, out, {});
    }
    return ok_status();
}

Status returns(std::span<const double> in, const ReturnsParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return returns_unchecked(in, p, out); });
}

namespace detail {
void returns_rows(std::span<const double> in, std::span<double> simple, std::span<double> log) {
    // Returns::update over rows: one quotient per row for both outputs, 8 logs per vector step
    // (ln8 = ln per lane).
    const std::size_t n = in.size();
    if (n == 0) {
        return;
    }
    const bool with_simple = !simple.empty();
    const bool with_log = !log.empty();
    if (with_simple) {
        simple[0] = kNan;
    }
    if (with_log) {
        log[0] = kNan;
    }
    const double* __restrict x = in.data();
    double* __restrict s = with_simple ? simple.data() : nullptr;
    double* __restrict l = with_log ? log.data() : nullptr;
    std::size_t i = 1;
    for (; i + 8 <= n; i += 8) {
        lanes::v8d now;
        lanes::v8d before;
        load8(now, x + i);
        load8(before, x + i - 1);
        const lanes::v8d ratio = now / before;
        if (with_simple) {
            store8(s + i, ratio - 1.0);
        }
        if (with_log) {
            lanes::v8d r;
            ln8(ratio, r);
            store8(l + i, r);
        }
    }
    for (; i < n; ++i) {
        const double ratio = x[i] / x[i - 1];
        if (with_simple) {
            s[i] = ratio - 1.0;
        }
        if (with_log) {
            l[i] = ln(ratio);
        }
    }
}
}  // namespace detail

}  // namespace aitp::indicators
