// SPDX-License-Identifier: MIT
#include "indicators/talib/macd.hpp"

#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

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
    value_ = {detail::kNan, detail::kNan, detail::kNan};
}

Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return detail::macd_stream_rows(Macd(p), close, out);
}

Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return checked(p, {{"close", close}}, {out.macd, out.signal, out.hist},
                   [&] { return macd_unchecked(close, p, out); });
}

}  // namespace aitp::indicators::talib
