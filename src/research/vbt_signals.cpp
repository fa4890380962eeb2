// SPDX-License-Identifier: MIT
#include "research/vbt_signals.hpp"

#include <cmath>
#include <limits>

#include "core/check.hpp"

namespace aitp::research {

void prefix_sums(std::span<const double> x, std::span<double> out) {
    AITP_CHECK(out.size() == x.size(), "Condition failed: out.size() == x.size()");
    double sum = 0.0;
    for (std::size_t t = 0; t < x.size(); ++t) {
        sum += x[t];
        out[t] = sum;
    }
}

void vbt_moving_average(std::span<const double> prefix, int window, std::span<double> out) {
    AITP_CHECK(window >= 1, "Condition failed: window >= 1");
    AITP_CHECK(out.size() == prefix.size(), "Condition failed: out.size() == prefix.size()");
    const auto w = static_cast<std::size_t>(window);
    const auto wd = static_cast<double>(window);
    const std::size_t n = prefix.size();
    for (std::size_t t = 0; t < n && t + 1 < w; ++t) {
        out[t] = std::numeric_limits<double>::quiet_NaN();
    }
    if (n >= w) out[w - 1] = prefix[w - 1] / wd;
    for (std::size_t t = w; t < n; ++t) out[t] = (prefix[t] - prefix[t - w]) / wd;
}

// Transcribes vectorbt's crossed_above_1d_nb (vectorbt/generic/nb.py) with wait = 0.
void crossed_above(std::span<const double> a, std::span<const double> b,
                   std::span<std::uint8_t> out) {
    AITP_CHECK(a.size() == b.size() && out.size() == a.size(),
               "Condition failed: a, b and out must have equal sizes");
    bool was_below = false;
    long crossed_ago = -1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        out[i] = 0;
        if (was_below) {
            if (a[i] > b[i]) {
                ++crossed_ago;
                out[i] = crossed_ago == 0 ? 1 : 0;
            } else if (std::isnan(a[i]) || std::isnan(b[i])) {
                crossed_ago = -1;
                was_below = false;
            } else {
                crossed_ago = -1;
            }
        } else if (a[i] < b[i]) {
            was_below = true;
        }
    }
}

}  // namespace aitp::research
