// SPDX-License-Identifier: MIT
#include "indicators/talib/stoch.hpp"

#include <algorithm>
#include <vector>

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

namespace {
constexpr double kNan = detail::kNan;
}  // namespace

Status StochParams::validate() const {
    AITP_TRY(check_min("fastk_period", fastk_period));
    AITP_TRY(check_min("slowk_period", slowk_period));
    return check_min("slowd_period", slowd_period);
}

Stoch::Stoch(const StochParams& p)
    : high_low_(static_cast<std::size_t>(valid(p).fastk_period)),
      slowk_(SmaParams{p.slowk_period}),
      slowd_(SmaParams{p.slowd_period}) {}
void Stoch::reset() {
    high_low_.reset();
    slowk_.reset();
    slowd_.reset();
    value_ = {kNan, kNan};
}
const StochValue& Stoch::update(double high, double low, double close) {
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);
    return step(hh, ll, close);
}
double Stoch::fast_k(double hh, double ll, double close) {
    const double diff = (hh - ll) / 100.0;
    return diff != 0.0 ? (close - ll) / diff : 0.0;
}
const StochValue& Stoch::step(double hh, double ll, double close) {
    if (hh != hh) {
        return value_ = {kNan, kNan};
    }
    const double k = slowk_.update(fast_k(hh, ll, close));
    if (k != k) {
        return value_ = {kNan, kNan};
    }
    const double d = slowd_.update(k);
    value_ = (d != d) ? StochValue{kNan, kNan} : StochValue{k, d};
    return value_;
}

Status stoch_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const StochParams& p,
                       const StochOutputs& out) {
    // Fast %K over the rolling extremes (8 windows per step, vectorised formula), then slow K
    // and slow D as TA-Lib SMAs in one loop: Stoch::step's operations.
    const std::size_t size = close.size();
    const std::size_t fk = static_cast<std::size_t>(p.fastk_period);
    const std::size_t sk = static_cast<std::size_t>(p.slowk_period);
    const std::size_t sd = static_cast<std::size_t>(p.slowd_period);
    const double pk = static_cast<double>(sk);
    const double pd = static_cast<double>(sd);
    const std::size_t k0 = fk - 1;       // first %K row
    const std::size_t d0 = k0 + sk - 1;  // first slow K row
    const std::size_t v0 = d0 + sd - 1;  // first slow D row
    double total_k = 0.0;
    double total_d = 0.0;
    // This chunk's fast %K with the sk - 1 previous ones in front (the values leaving slow K).
    std::vector<double> fast(sk - 1 + detail::kHighLowChunk);
    detail::for_each_high_low(
        high.data(), low.data(), size, fk,
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            if (c > 0) {
                std::copy(fast.end() - static_cast<std::ptrdiff_t>(sk - 1), fast.end(),
                          fast.begin());
            }
            double* fk_row = fast.data() + (sk - 1);  // fk_row[j]: row c + j
            for (std::size_t j = 0; j < len; ++j) {
                fk_row[j] = Stoch::fast_k(hh[j], ll[j], close[c + j]);
            }
            for (std::size_t j = 0; j < len; ++j) {
                const std::size_t i = c + j;
                out.slowk[i] = kNan;
                out.slowd[i] = kNan;
                if (i < k0) {
                    continue;
                }
                total_k += fk_row[j];
                if (i < d0) {
                    continue;
                }
                const double sum_k = total_k;  // TA-Lib's SMA: the sum, then the oldest leaves
                total_k -= fast[j];            // row i + 1 - sk
                out.slowk[i] = sum_k / pk;
                total_d += out.slowk[i];
                if (i < v0) {
                    continue;
                }
                const double sum_d = total_d;
                total_d -= out.slowk[i + 1 - sd];
                out.slowd[i] = sum_d / pd;
            }
        });
    std::fill(out.slowk.begin() + static_cast<std::ptrdiff_t>(std::min(d0, size)),
              out.slowk.begin() + static_cast<std::ptrdiff_t>(std::min(v0, size)), kNan);
    return ok_status();
}

Status stoch(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const StochParams& p, const StochOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out.slowk, out.slowd},
                   [&] { return stoch_unchecked(high, low, close, p, out); });
}

}  // namespace aitp::indicators::talib
