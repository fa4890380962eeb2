// SPDX-License-Identifier: MIT
#include "indicators/average/hull_ma.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

namespace {
int sqrt_period(int period) { return static_cast<int>(std::sqrt(static_cast<double>(period))); }
}  // namespace

int lookback(const HullMaParams& p) { return p.period - 1 + sqrt_period(p.period) - 1; }

HullMa::HullMa(const HullMaParams& p)
    : window_(valid_period(p)),
      half_n_(static_cast<std::size_t>(p.period / 2)),
      half_(WmaParams{p.period / 2}),
      full_(WmaParams{p.period}),
      outer_(WmaParams{sqrt_period(p.period)}),
      dots_(detail::fixed_hull_dots(static_cast<std::size_t>(p.period))) {}

void HullMa::reset() {
    window_.clear();
    pushed_ = 0;
    last_nan_ = 0;
    outer_.reset();
    value_ = detail::kNan;
}

Status hull_ma_unchecked(std::span<const double> in, const HullMaParams& p, std::span<double> out) {
    detail::hull_ma_rows(in, p, out, {});
    return ok_status();
}

Status hull_ma(std::span<const double> in, const HullMaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return hull_ma_unchecked(in, p, out); });
}

namespace detail {
void hull_ma_rows(std::span<const double> in, const HullMaParams& p, std::span<double> out,
                  std::span<double> full_wma) {
    // Per chunk of rows: the derived series 2*WMA(half) - WMA(full) (the inner WMAs read the
    // input span; inputs are finite) into a buffer that keeps the ns - 1 previous derived values
    // in front, then the outer WMA over it into `out`: one pass over memory. The values are the
    // stream's: the same window functions on the same numbers, 8 rows at a time in vector lanes
    // (Wma::window_values8, bit for bit the scalar window_value), the rest one by one.
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
    const std::size_t first = nf - 1 + ns - 1;  // first row with a full outer window
    constexpr std::size_t kChunk = 512;
    std::vector<double> derived(ns - 1 + kChunk);
    double* const d = derived.data() + (ns - 1);  // d[j]: row c + j; d[j - k]: k rows before
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t end = std::min(size, c + kChunk);
        if (c > 0) {
            std::copy(derived.end() - static_cast<std::ptrdiff_t>(ns - 1), derived.end(),
                      derived.begin());
        }
        std::size_t i = std::max(c, nf - 1);
        for (; i + 8 <= end; i += 8) {
            detail::lanes::v8d h;
            detail::lanes::v8d f;
            half.window_values8(&in[i + 1 - nh], h);
            full.window_values8(&in[i + 1 - nf], f);
            detail::store8(d + (i - c), 2.0 * h - f);
            if (with_wma) {
                detail::store8(&full_wma[i], f);
            }
        }
        for (; i < end; ++i) {
            const double h = half.window_value(&in[i + 1 - nh], in[i]);
            const double f = full.window_value(&in[i + 1 - nf], in[i]);
            d[i - c] = HullMa::combine(h, f);
            if (with_wma) {
                full_wma[i] = f;
            }
        }
        std::size_t r = std::max(c, first);
        for (; r + 8 <= end; r += 8) {
            detail::lanes::v8d v;
            outer.window_values8(d + (r - c) + 1 - ns, v);
            detail::store8(&out[r], v);
        }
        for (; r < end; ++r) {
            out[r] = outer.window_value(d + (r - c) + 1 - ns, d[r - c]);
        }
    }
    std::fill_n(out.begin(), std::min(first, size), detail::kNan);
}
}  // namespace detail

}  // namespace aitp::indicators
