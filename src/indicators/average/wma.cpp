// SPDX-License-Identifier: MIT
#include "indicators/average/wma.hpp"

#include <algorithm>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Wma::Wma(const WmaParams& p)
    : window_(valid_period(p)),
      weights_(static_cast<std::size_t>(p.period)),
      dot_(detail::fixed_lane_dot_last(static_cast<std::size_t>(p.period))),
      weight_sum_(static_cast<double>(static_cast<long long>(p.period) * (p.period + 1)) / 2.0) {
    for (std::size_t i = 0; i < weights_.size(); ++i) {
        weights_[i] = static_cast<double>(i + 1);
    }
}

void Wma::reset() {
    window_.clear();
    pushed_ = 0;
    last_nan_ = 0;
    value_ = detail::kNan;
}

Status wma_unchecked(std::span<const double> in, const WmaParams& p, std::span<double> out) {
    // Inputs are finite (checked), so every full window is valid; the dot product is the stream's.
    const Wma s(p);
    const std::size_t n = static_cast<std::size_t>(p.period);
    const std::size_t lead = std::min(n - 1, in.size());
    std::fill_n(out.begin(), lead, detail::kNan);
    std::size_t i = lead;
    for (; i + 8 <= in.size() && i + 1 >= n; i += 8) {
        detail::lanes::v8d v;
        s.window_values8(&in[i + 1 - n], v);
        detail::store8(&out[i], v);
    }
    for (; i < in.size(); ++i) {
        out[i] = s.window_value(&in[i + 1 - n], in[i]);
    }
    return ok_status();
}

Status wma(std::span<const double> in, const WmaParams& p, std::span<double> out) {
    return checked(p, {{"input", in}}, {out}, [&] { return wma_unchecked(in, p, out); });
}

}  // namespace aitp::indicators
