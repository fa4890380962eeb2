// SPDX-License-Identifier: MIT
#include "indicators/volume/mfi.hpp"

#include <algorithm>
#include <vector>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Mfi::Mfi(const MfiParams& p) : pos_(valid_period(p)), neg_(static_cast<std::size_t>(p.period)) {}

void Mfi::reset() {
    pos_.reset();
    neg_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status mfi_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     const MfiParams& p, std::span<double> out) {
    detail::mfi_rows(high, low, close, {}, volume, p, out);
    return ok_status();
}

Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const MfiParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}, {"volume", volume}}, {out},
                   [&] { return mfi_unchecked(high, low, close, volume, p, out); });
}

namespace detail {
void mfi_rows(std::span<const double> high, std::span<const double> low,
              std::span<const double> close, std::span<const double> typical,
              std::span<const double> volume, const MfiParams& p, std::span<double> out) {
    // Per chunk: typical prices and the positive/negative flows (vectorised, no data-dependent
    // branches), the two rolling sums row by row, then finish() (vectorised); the operations are
    // update()'s. The flows keep the n previous ones in front (row c + j at [n + j], row
    // c + j - n at [j]), so the sums find their leaving values without the stream's rings:
    // RollingKahan::push = KahanWindow::slide with the leaving value at hand, on locals the
    // compiler keeps in registers.
    const std::size_t n = static_cast<std::size_t>(p.period);
    constexpr std::size_t kChunk = 512;
    std::vector<double> pos(n + kChunk);
    std::vector<double> neg(n + kChunk);
    double tp[kChunk];
    double ps[kChunk];
    double ns[kChunk];
    detail::KahanWindow pos_sum(n);
    detail::KahanWindow neg_sum(n);
    double prev_tp = 0.0;
    const std::size_t size = volume.size();
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (c > 0) {
            std::copy(pos.end() - static_cast<std::ptrdiff_t>(n), pos.end(), pos.begin());
            std::copy(neg.end() - static_cast<std::ptrdiff_t>(n), neg.end(), neg.begin());
        }
        if (typical.empty()) {
            for (std::size_t j = 0; j < len; ++j) {
                tp[j] = Mfi::typical_price(high[c + j], low[c + j], close[c + j]);
            }
        } else {
            std::copy_n(typical.data() + c, len, tp);
        }
        // Row j compares with row j-1 (the chunk's first row with the previous chunk's last;
        // the series' first row has no previous and no flow).
        double* pf = pos.data() + n;
        double* nf = neg.data() + n;
        const double flow0 = tp[0] * volume[c];
        pf[0] = detail::select((c > 0) & (tp[0] > prev_tp), flow0, 0.0);
        nf[0] = detail::select((c > 0) & (tp[0] < prev_tp), flow0, 0.0);
        for (std::size_t j = 1; j < len; ++j) {
            const double flow = tp[j] * volume[c + j];
            pf[j] = detail::select(tp[j] > tp[j - 1], flow, 0.0);
            nf[j] = detail::select(tp[j] < tp[j - 1], flow, 0.0);
        }
        prev_tp = tp[len - 1];
        detail::KahanWindow a = pos_sum;
        detail::KahanWindow b = neg_sum;
        for (std::size_t j = 0; j < len; ++j) {
            const bool full = c + j >= n;
            a.slide(pf[j], full, full ? pos[j] : 0.0);
            b.slide(nf[j], full, full ? neg[j] : 0.0);
            ps[j] = a.sum();
            ns[j] = b.sum();
        }
        pos_sum = a;
        neg_sum = b;
        for (std::size_t j = 0; j < len; ++j) {
            out[c + j] = Mfi::finish(ps[j], ns[j]);
        }
    }
}
}  // namespace detail

}  // namespace aitp::indicators
