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
    ring_.copy_chronological(scratch_.data());
    double dot = 0.0;
    for (std::size_t i = 0; i < scratch_.size(); ++i) {
        dot += scratch_[i] * static_cast<double>(i + 1);
    }
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
