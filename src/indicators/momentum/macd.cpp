// SPDX-License-Identifier: MIT
#include "indicators/momentum/macd.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status MacdParams::validate() const {
    AITP_TRY(check_min("fast_period", fast_period));
    AITP_TRY(check_min("slow_period", slow_period));
    return check_min("signal_period", signal_period);
}

Macd::Macd(const MacdParams& p)
    : fast_(EmaParams{valid(p).fast_period}),
      slow_(EmaParams{p.slow_period}),
      signal_(EmaParams{p.signal_period}) {}

void Macd::reset() {
    fast_.reset();
    slow_.reset();
    signal_.reset();
    value_ = {detail::kNan, detail::kNan, detail::kNan};
}

Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return detail::macd_stream_rows(Macd(p), close, out);
}

Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return checked(p, {{"close", close}}, {out.macd, out.signal, out.hist},
                   [&] { return macd_unchecked(close, p, out); });
}

namespace detail {
void macd_rows(const double* fast, const double* slow, int signal_period, const MacdOutputs& out) {
    const Ema proto(EmaParams{signal_period});
    Ema signal = proto;  // a copy whose address never escapes: its state stays in registers
    for (std::size_t i = 0; i < out.macd.size(); ++i) {
        const double line = fast[i] - slow[i];
        const double sig = signal.update(line);
        out.macd[i] = line;
        out.signal[i] = sig;
        out.hist[i] = line - sig;
    }
}
}  // namespace detail

}  // namespace aitp::indicators
