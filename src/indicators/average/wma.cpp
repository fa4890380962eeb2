// SPDX-License-Identifier: MIT
#include "indicators/average/wma.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status WmaParams::validate() const { return check_min("period", period); }

Wma::Wma(const WmaParams& p)
    : ring_(static_cast<std::size_t>(p.period)),
      scratch_(static_cast<std::size_t>(p.period)),
      weight_sum_(static_cast<double>(static_cast<long long>(p.period) * (p.period + 1) / 2)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid WmaParams");
}

void Wma::reset() {
    ring_.clear();
    nan_count_ = 0;
    value_ = detail::kNan;
}

double Wma::update(double x) {
    if (ring_.is_full() && ring_.oldest() != ring_.oldest()) {
        --nan_count_;
    }
    ring_.push(x);
    if (x != x) {
        ++nan_count_;
    }
    if (!ring_.is_full() || nan_count_ > 0) {
        value_ = detail::kNan;
        return value_;
    }
    // Four partial sums break the add dependency chain (the original's BLAS dot product has no
    // fixed order either; any order is within 1e-15).
    ring_.copy_chronological(scratch_.data());
    const std::size_t n = scratch_.size();
    double acc[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        for (std::size_t j = 0; j < 4; ++j) {
            acc[j] += scratch_[i + j] * static_cast<double>(i + j + 1);
        }
    }
    for (; i < n; ++i) {
        acc[0] += scratch_[i] * static_cast<double>(i + 1);
    }
    const double dot = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    value_ = dot / weight_sum_;
    return value_;
}

Status wma(std::span<const double> in, const WmaParams& p, std::span<double> out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"input", in}}, {out}));
    Wma s(p);
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = s.update(in[i]);
    }
    return ok_status();
}

}  // namespace aitp::indicators
