// SPDX-License-Identifier: MIT
#include "indicators/momentum/cci.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Cci::Cci(const CciParams& p)
    : mean_(valid_period(p)),
      window_(static_cast<std::size_t>(p.period)),
      scratch_(static_cast<std::size_t>(p.period)),
      dev_sum_(detail::fixed_abs_dev_sum_last(static_cast<std::size_t>(p.period))),
      mad_scale_(0.015 / static_cast<double>(p.period)) {}

void Cci::reset() {
    mean_.reset();
    window_.clear();
    steady_ = false;
    value_ = detail::kNan;
}

double Cci::update_general(double tp, bool full, double leaving) {
    mean_.slide(tp, full, full ? leaving : 0.0);
    steady_ = mean_.steady();
    if (!window_.is_full()) {
        value_ = detail::kNan;
        return value_;
    }
    value_ = window_value(window_.data(), window_.size(), tp, mean_.mean(), scratch_.data());
    return value_;
}

double Cci::window_value(const double* w, std::size_t n, double tp, double mean, double* scratch) {
    const double dn = static_cast<double>(n);
    const double inner_mean = detail::pairwise_sum(w, n) / dn;
    const double dev = detail::pairwise_abs_dev_sum(w, n, inner_mean, scratch);
    return (tp - mean) / (dev * (0.015 / dn));
}

Status cci_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const CciParams& p, std::span<double> out) {
    // Typical prices go to a chunk buffer that keeps the n previous ones in front (bar r at
    // buf[r - c + n]), so each window is contiguous and the value leaving the rolling mean is at
    // hand. Per chunk: the typical prices, the rolling mean (a sequential recurrence) into
    // `means`, then the window values 8 bars per step in vector lanes where 8 <= n <= 128. The
    // arithmetic is the stream's (RollingKahan::slide = push, Cci::window_value(s8)).
    const std::size_t n = static_cast<std::size_t>(p.period);
    constexpr std::size_t kChunk = 1024;
    std::vector<double> buf(n + kChunk);
    std::vector<double> means(kChunk);
    std::vector<double> scratch(n);
    detail::KahanWindow mean(n);
    const bool lanes = n >= 8 && n <= 128;
    const std::size_t size = close.size();
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (c > 0) {
            std::copy(buf.end() - static_cast<std::ptrdiff_t>(n), buf.end(), buf.begin());
        }
        for (std::size_t j = 0; j < len; ++j) {
            buf[n + j] = (high[c + j] + low[c + j] + close[c + j]) / 3.0;
        }
        for (std::size_t j = 0; j < len; ++j) {
            const std::size_t i = c + j;
            const bool full = i >= n;
            mean.slide(buf[n + j], full, full ? buf[j] : 0.0);
            means[j] = mean.mean();
        }
        std::size_t j = 0;
        for (; j < len && c + j + 1 < n; ++j) {
            out[c + j] = detail::kNan;
        }
        if (lanes) {
            detail::lanes::v8d tp;
            detail::lanes::v8d m;
            detail::lanes::v8d v;
            for (; j + 8 <= len; j += 8) {
                detail::load8(tp, &buf[n + j]);
                detail::load8(m, &means[j]);
                Cci::window_values8(&buf[j + 1], n, tp, m, v);
                detail::store8(&out[c + j], v);
            }
        }
        for (; j < len; ++j) {
            out[c + j] = Cci::window_value(&buf[j + 1], n, buf[n + j], means[j], scratch.data());
        }
    }
    return ok_status();
}

Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const CciParams& p, std::span<double> out) {
    return checked_hlc<&cci_unchecked>(high, low, close, p, out);
}

namespace detail {
void cci_from_mean(std::span<const double> tp, std::span<const double> mean, int period,
                   std::span<double> out) {
    // cci()'s window values over whole columns: window r is tp[r + 1 - n .. r].
    const std::size_t n = static_cast<std::size_t>(period);
    const std::size_t size = tp.size();
    std::vector<double> scratch(n);
    std::size_t i = 0;
    for (; i < size && i + 1 < n; ++i) {
        out[i] = kNan;
    }
    if (n >= 8 && n <= 128) {
        lanes::v8d t;
        lanes::v8d m;
        lanes::v8d v;
        for (; i + 8 <= size; i += 8) {
            load8(t, &tp[i]);
            load8(m, &mean[i]);
            Cci::window_values8(&tp[i + 1 - n], n, t, m, v);
            store8(&out[i], v);
        }
    }
    for (; i < size; ++i) {
        out[i] = Cci::window_value(&tp[i + 1 - n], n, tp[i], mean[i], scratch.data());
    }
}
}  // namespace detail

}  // namespace aitp::indicators
