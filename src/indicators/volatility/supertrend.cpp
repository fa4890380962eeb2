// SPDX-License-Identifier: MIT
#include "indicators/volatility/supertrend.hpp"

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

namespace {
// Python's built-in max(a, b)/min(a, b): keep the first unless the second compares greater/smaller.
double py_max(double a, double b) { return b > a ? b : a; }
double py_min(double a, double b) { return b < a ? b : a; }
}  // namespace

Status SupertrendParams::validate() const {
    AITP_TRY(check_min("period", period));
    return check_non_negative("multiplier", multiplier);
}

Supertrend::Supertrend(const SupertrendParams& p)
    : atr_(AtrParams{valid(p).period}), multiplier_(p.multiplier) {}

void Supertrend::reset() {
    atr_.reset();
    started_ = false;
    prev_upper_ = detail::kNan;
    prev_lower_ = detail::kNan;
    value_ = {detail::kNan, detail::kNan};
}

const SupertrendValue& Supertrend::step(double high, double low, double close, double atr) {
    const double hl2 = (high + low) / 2.0;
    const double band = multiplier_ * atr;
    const double upper = hl2 + band;
    const double lower = hl2 - band;
    if (!started_) {
        started_ = true;
        value_ = {upper, -1.0};
    } else {
        const double prev_dir = value_.direction;
        const double prev_line = value_.line;
        double dir = prev_dir;
        if (close > prev_upper_) {
            dir = 1.0;
        } else if (close < prev_lower_) {
            dir = -1.0;
        }
        double line;
        if (dir == 1.0) {
            line = prev_dir == 1.0 ? py_max(lower, prev_line) : lower;
        } else {
            line = prev_dir == -1.0 ? py_min(upper, prev_line) : upper;
        }
        value_ = {line, dir};
    }
    prev_upper_ = upper;
    prev_lower_ = lower;
    return value_;
}

Status supertrend_unchecked(std::span<const double> high, std::span<const double> low,
                            std::span<const double> close, const SupertrendParams& p,
                            const SupertrendOutputs& out) {
    // The ATR series into `line`, then step() row by row (a local copy of the stream object,
    // whose state stays in registers); update()'s operations.
    detail::atr_rows(high.data(), low.data(), close.data(), close.size(), p.period,
                     out.line.data());
    detail::supertrend_rows(high.data(), low.data(), close.data(), p, out.line.data(), out);
    return ok_status();
}

Status supertrend(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const SupertrendParams& p,
                  const SupertrendOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out.line, out.direction},
                   [&] { return supertrend_unchecked(high, low, close, p, out); });
}

namespace detail {
void supertrend_rows(const double* high, const double* low, const double* close,
                     const SupertrendParams& p, const double* atr, const SupertrendOutputs& out) {
    const Supertrend proto(p);
    Supertrend s = proto;  // a copy whose address never escapes: its state stays in registers
    for (std::size_t i = 0; i < out.line.size(); ++i) {
        const SupertrendValue v = s.step(high[i], low[i], close[i], atr[i]);
        out.line[i] = v.line;
        out.direction[i] = v.direction;
    }
}
}  // namespace detail

}  // namespace aitp::indicators
