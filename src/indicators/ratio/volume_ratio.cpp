// SPDX-License-Identifier: MIT
#include "indicators/ratio/volume_ratio.hpp"

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

VolumeRatio::VolumeRatio(const VolumeRatioParams& p) : sma_(SmaParams{p.period}) {}

void VolumeRatio::reset() {
    sma_.reset();
    value_ = detail::kNan;
}

Status volume_ratio_unchecked(std::span<const double> volume, const VolumeRatioParams& p,
                              std::span<double> out) {
    // The rolling mean row by row (a local window state, kept in registers), then the ratio
    // (vectorised): update()'s operations.
    const std::size_t w = static_cast<std::size_t>(p.period);
    detail::KahanWindow k(w);
    for (std::size_t i = 0; i < volume.size(); ++i) {
        const bool full = i >= w;
        k.slide(volume[i], full, full ? volume[i - w] : 0.0);
        out[i] = k.mean();
    }
    for (std::size_t i = 0; i < volume.size(); ++i) {
        out[i] = volume[i] / out[i];
    }
    return ok_status();
}

Status volume_ratio(std::span<const double> volume, const VolumeRatioParams& p,
                    std::span<double> out) {
    return checked(p, {{"volume", volume}}, {out},
                   [&] { return volume_ratio_unchecked(volume, p, out); });
}

}  // namespace aitp::indicators
