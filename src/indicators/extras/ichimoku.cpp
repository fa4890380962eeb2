// SPDX-License-Identifier: MIT
#include "indicators/extras/ichimoku.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

namespace {
std::size_t as_size(int v) { return static_cast<std::size_t>(v); }
}  // namespace

Status IchimokuParams::validate() const {
    AITP_TRY(check_min("tenkan_period", tenkan_period));
    AITP_TRY(check_min("kijun_period", kijun_period));
    AITP_TRY(check_min("senkou_b_period", senkou_b_period));
    return check_min("displacement", displacement, 0);
}

Ichimoku::Ichimoku(const IchimokuParams& p)
    : tenkan_(as_size(valid(p).tenkan_period)),
      kijun_(as_size(p.kijun_period)),
      senkou_(as_size(p.senkou_b_period)),
      delay_a_(as_size(p.displacement + 1)),
      delay_b_(as_size(p.displacement + 1)),
      displacement_(p.displacement) {}

void Ichimoku::reset() {
    tenkan_.reset();
    kijun_.reset();
    senkou_.reset();
    delay_a_.clear();
    delay_b_.clear();
    count_ = 0;
    value_ = {detail::kNan, detail::kNan, detail::kNan, detail::kNan, detail::kNan};
}

const IchimokuValue& Ichimoku::update(double high, double low, double close) {
    const auto mid = [&](detail::RollingHighLow& w) {
        double hh;
        double ll;
        w.update(high, low, hh, ll);
        return midpoint(hh, ll);
    };
    const double tenkan = mid(tenkan_);
    const double kijun = mid(kijun_);
    const double span_b = mid(senkou_);
    // The rings hold displacement + 1 values: once full, the oldest is from `displacement` bars
    // ago.
    delay_a_.push((tenkan + kijun) / 2);
    delay_b_.push(span_b);
    const bool shifted = delay_a_.is_full();
    value_.tenkan = tenkan;
    value_.kijun = kijun;
    value_.senkou_a = shifted ? delay_a_.oldest() : detail::kNan;
    value_.senkou_b = shifted ? delay_b_.oldest() : detail::kNan;
    value_.chikou_delayed = count_ >= displacement_ ? close : detail::kNan;
    ++count_;
    return value_;
}

Status ichimoku_unchecked(std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, const IchimokuParams& p,
                          const IchimokuOutputs& out) {
    // The three midpoints over 8-lane rolling extremes (senkou_b's into its own column first),
    // then the forward shifts in place from the last row down, and chikou: update()'s
    // operations, placed where the stream's values belong.
    const std::size_t n = close.size();
    const std::size_t d = static_cast<std::size_t>(p.displacement);
    const auto midpoints = [&](int period, std::span<double> dst) {
        detail::for_each_high_low(
            high.data(), low.data(), n, static_cast<std::size_t>(period),
            [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
                for (std::size_t j = 0; j < len; ++j) {
                    dst[c + j] = Ichimoku::midpoint(hh[j], ll[j]);
                }
            });
    };
    midpoints(p.tenkan_period, out.tenkan);
    midpoints(p.kijun_period, out.kijun);
    midpoints(p.senkou_b_period, out.senkou_b);
    for (std::size_t i = n; i-- > d;) {
        out.senkou_a[i] = (out.tenkan[i - d] + out.kijun[i - d]) / 2;
        out.senkou_b[i] = out.senkou_b[i - d];
    }
    for (std::size_t i = 0; i < std::min(d, n); ++i) {
        out.senkou_a[i] = detail::kNan;
        out.senkou_b[i] = detail::kNan;
    }
    for (std::size_t i = 0; i + d < n; ++i) {
        out.chikou[i] = close[i + d];
    }
    for (std::size_t i = (n > d ? n - d : 0); i < n; ++i) {
        out.chikou[i] = detail::kNan;
    }
    return ok_status();
}

Status ichimoku(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, const IchimokuParams& p,
                const IchimokuOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}},
                   {out.tenkan, out.kijun, out.senkou_a, out.senkou_b, out.chikou},
                   [&] { return ichimoku_unchecked(high, low, close, p, out); });
}

}  // namespace aitp::indicators
