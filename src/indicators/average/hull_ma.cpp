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
    detail::hull_ma_rows(in, p, out, {});
    return ok_status();
}

namespace detail {
void hull_ma_rows(std::span<const double> in, const HullMaParams& p, std::span<double> out,
                  std::span<double> full_wma) {
    // Pass 1 writes the derived series 2*WMA(half) - WMA(full) (the inner WMAs read the input
    // span; inputs are finite) into `out`; pass 2 runs the outer WMA over it in place from the
    // last row down, so every window still holds derived values when it is read. The values are
    // the stream's: the same window functions on the same numbers.
    const Wma half(WmaParams{p.period / 2});
    const Wma full(WmaParams{p.period});
    const Wma outer(WmaParams{sqrt_period(p.period)});
    const std::size_t nh = static_cast<std::size_t>(p.period / 2);
    const std::size_t nf = static_cast<std::size_t>(p.period);
    const std::size_t ns = static_cast<std::size_t>(sqrt_period(p.period));
    const std::size_t size = in.size();
    const bool with_wma = !full_wma.empty();
    if (with_wma) {
        std::fill_n(full_wma.begin(), std::min(nf - 1, size), detail::kNan);  // as wma()
    }
    // Both passes run 8 rows at a time in vector lanes (Wma::window_values8, bit for bit the
    // scalar window_value), the rest one by one.
    std::size_t i = nf - 1;
    for (; i + 8 <= size; i += 8) {
        detail::lanes::v8d h;
        detail::lanes::v8d f;
        half.window_values8(&in[i + 1 - nh], h);
        full.window_values8(&in[i + 1 - nf], f);
        detail::store8(&out[i], 2.0 * h - f);
        if (with_wma) {
            detail::store8(&full_wma[i], f);
        }
    }
    for (; i < size; ++i) {
        const double h = half.window_value(&in[i + 1 - nh], in[i]);
        const double f = full.window_value(&in[i + 1 - nf], in[i]);
        out[i] = HullMa::combine(h, f);
        if (with_wma) {
            full_wma[i] = f;
        }
    }
    const std::size_t first = nf - 1 + ns - 1;  // first row with a full outer window
    // From the last row down: a block's windows read only rows below its last row, and all its
    // loads happen before its store.
    i = size;
    while (i >= first + 8) {
        i -= 8;
        detail::lanes::v8d v;
        outer.window_values8(&out[i + 1 - ns], v);
        detail::store8(&out[i], v);
    }
    while (i-- > first) {
        out[i] = outer.window_value(&out[i + 1 - ns], out[i]);
    }
    std::fill_n(out.begin(), std::min(first, size), detail::kNan);
}
}  // namespace detail

}  // namespace aitp::indicators
