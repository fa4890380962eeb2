// SPDX-License-Identifier: MIT
#include "indicators/extras/ichimoku.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"

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
    : tenkan_high_(as_size(p.tenkan_period)),
      tenkan_low_(as_size(p.tenkan_period)),
      kijun_high_(as_size(p.kijun_period)),
      kijun_low_(as_size(p.kijun_period)),
      senkou_high_(as_size(p.senkou_b_period)),
      senkou_low_(as_size(p.senkou_b_period)),
      delay_a_(as_size(p.displacement + 1)),
      delay_b_(as_size(p.displacement + 1)),
      displacement_(p.displacement) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid IchimokuParams");
}

void Ichimoku::reset() {
    tenkan_high_.reset();
    tenkan_low_.reset();
    kijun_high_.reset();
    kijun_low_.reset();
    senkou_high_.reset();
    senkou_low_.reset();
    delay_a_.clear();
    delay_b_.clear();
    count_ = 0;
    value_ = {detail::kNan, detail::kNan, detail::kNan, detail::kNan, detail::kNan};
}

IchimokuValue Ichimoku::update(double high, double low, double close) {
    const double tenkan = (tenkan_high_.update(high) + tenkan_low_.update(low)) / 2;
    const double kijun = (kijun_high_.update(high) + kijun_low_.update(low)) / 2;
    const double span_b = (senkou_high_.update(high) + senkou_low_.update(low)) / 2;
    // The rings hold displacement + 1 values: once full, the oldest is from `displacement` bars ago.
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

Status ichimoku(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, const IchimokuParams& p,
                const IchimokuOutputs& out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}},
                          {out.tenkan, out.kijun, out.senkou_a, out.senkou_b, out.chikou}));
    Ichimoku s(p);
    const std::size_t n = close.size();
    const std::size_t d = static_cast<std::size_t>(p.displacement);
    for (std::size_t i = 0; i < n; ++i) {
        const IchimokuValue v = s.update(high[i], low[i], close[i]);
        out.tenkan[i] = v.tenkan;
        out.kijun[i] = v.kijun;
        out.senkou_a[i] = v.senkou_a;
        out.senkou_b[i] = v.senkou_b;
        if (i >= d) {
            out.chikou[i - d] = v.chikou_delayed;
        }
    }
    for (std::size_t i = (n > d ? n - d : 0); i < n; ++i) {
        out.chikou[i] = detail::kNan;
    }
    return ok_status();
}

}  // namespace aitp::indicators
