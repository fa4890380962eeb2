// SPDX-License-Identifier: MIT
#include "indicators/volume/mfi.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status MfiParams::validate() const { return check_min("period", period); }

Mfi::Mfi(const MfiParams& p)
    : pos_(static_cast<std::size_t>(p.period)), neg_(static_cast<std::size_t>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid MfiParams");
}

void Mfi::reset() {
    pos_.reset();
    neg_.reset();
    has_prev_ = false;
    value_ = detail::kNan;
}

Status mfi(std::span<const double> high, std::span<const double> low,
           std::span<const double> close, std::span<const double> volume, const MfiParams& p,
           std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}, {"volume", volume}},
                          {out}));
    // Per chunk: typical prices and the positive/negative flows (vectorised, no data-dependent
    // branches), the flow sums row by row, then finish() (vectorised); the operations are
    // update()'s.
    Mfi s(p);
    constexpr std::size_t kChunk = 512;
    double tp[kChunk];
    double pos[kChunk];
    double neg[kChunk];
    double prev_tp = 0.0;
    for (std::size_t c = 0; c < close.size(); c += kChunk) {
        const std::size_t len = std::min(kChunk, close.size() - c);
        for (std::size_t j = 0; j < len; ++j) {
            tp[j] = Mfi::typical_price(high[c + j], low[c + j], close[c + j]);
        }
        // Row j compares with row j-1 (the chunk's first row with the previous chunk's last;
        // the series' first row has no previous and no flow).
        const double flow0 = tp[0] * volume[c];
        pos[0] = c > 0 && tp[0] > prev_tp ? flow0 : 0.0;
        neg[0] = c > 0 && tp[0] < prev_tp ? flow0 : 0.0;
        for (std::size_t j = 1; j < len; ++j) {
            const double flow = tp[j] * volume[c + j];
            pos[j] = tp[j] > tp[j - 1] ? flow : 0.0;
            neg[j] = tp[j] < tp[j - 1] ? flow : 0.0;
        }
        prev_tp = tp[len - 1];
        for (std::size_t j = 0; j < len; ++j) {
            s.sum_flows(pos[j], neg[j], pos[j], neg[j]);
        }
        for (std::size_t j = 0; j < len; ++j) {
            out[c + j] = Mfi::finish(pos[j], neg[j]);
        }
    }
    return ok_status();
}

}  // namespace aitp::indicators
