// SPDX-License-Identifier: MIT
#include "indicators/talib/macd.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

namespace {
constexpr double kNan = detail::kNan;
}  // namespace

Status MacdParams::validate() const {
    AITP_TRY(check_min("fast_period", fast_period, 2));
    AITP_TRY(check_min("slow_period", slow_period, 2));
    return check_min("signal_period", signal_period);
}

Macd::Macd(const MacdParams& p)
    : fast_(valid(p).fast_period < p.slow_period ? p.fast_period : p.slow_period),
      slow_(p.fast_period < p.slow_period ? p.slow_period : p.fast_period),
      signal_(p.signal_period),
      k_fast_(per_to_k(fast_)),
      k_slow_(per_to_k(slow_)),
      k_signal_(per_to_k(signal_)),
      fast_window_(static_cast<std::size_t>(fast_)) {}
void Macd::reset() {
    fast_window_.clear();
    count_ = 0;
    slow_sum_ = 0.0;
    signal_count_ = 0;
    signal_sum_ = 0.0;
    value_ = {kNan, kNan, kNan};
}
const MacdValue& Macd::update(double close) {
    ++count_;
    fast_window_.push(close);
    if (count_ < slow_) {
        slow_sum_ += close;
        return value_ = {kNan, kNan, kNan};
    }
    if (count_ == slow_) {
        slow_sum_ += close;
        slow_ema_ = slow_sum_ / static_cast<double>(slow_);
        double fast_sum = 0.0;
        for (std::size_t k = 0; k < fast_window_.size(); ++k) {
            fast_sum += fast_window_.at(k);
        }
        fast_ema_ = fast_sum / static_cast<double>(fast_);
    } else {
        fast_ema_ = ((close - fast_ema_) * k_fast_) + fast_ema_;
        slow_ema_ = ((close - slow_ema_) * k_slow_) + slow_ema_;
    }
    const double line = fast_ema_ - slow_ema_;
    if (signal_count_ < signal_) {
        signal_sum_ += line;
        if (++signal_count_ < signal_) {
            return value_ = {kNan, kNan, kNan};
        }
        signal_ema_ = signal_sum_ / static_cast<double>(signal_);
    } else {
        signal_ema_ = ((line - signal_ema_) * k_signal_) + signal_ema_;
    }
    return value_ = {line, signal_ema_, line - signal_ema_};
}

Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return detail::macd_stream_rows(Macd(p), close, out);
}

Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return checked(p, {{"close", close}}, {out.macd, out.signal, out.hist},
                   [&] { return macd_unchecked(close, p, out); });
}

}  // namespace aitp::indicators::talib
