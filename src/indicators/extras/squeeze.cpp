// SPDX-License-Identifier: MIT
#include "indicators/extras/squeeze.hpp"

#include <algorithm>
#include <vector>

#include "core/check.hpp"
#include "indicators/common.hpp"

namespace aitp::indicators {

Status SqueezeParams::validate() const {
    AITP_TRY(check_min("period", period, 2));
    AITP_TRY(check_non_negative("bb_mult", bb_mult));
    return check_non_negative("kc_mult", kc_mult);
}

Squeeze::Squeeze(const SqueezeParams& p)
    : closes_(static_cast<std::size_t>(p.period)),
      close_stats_(static_cast<std::size_t>(p.period), 0),
      range_mean_(static_cast<std::size_t>(p.period)),
      high_low_(static_cast<std::size_t>(p.period)),
      deltas_(static_cast<std::size_t>(p.period)),
      linreg_(static_cast<std::size_t>(p.period)),
      bb_mult_(p.bb_mult),
      kc_mult_(p.kc_mult) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid SqueezeParams");
}

void Squeeze::reset() {
    closes_.clear();
    close_stats_.reset();
    range_mean_.reset();
    high_low_.reset();
    deltas_.clear();
    linreg_.reset();
    has_prev_ = false;
    value_ = {detail::kNan, detail::kNan};
}

double Squeeze::state_of(double mid, double sd, double range, double bb_mult, double kc_mult) {
    if (!(mid == mid && sd == sd && range == range)) {
        return detail::kNan;
    }
    const double upper_bb = mid + bb_mult * sd;
    const double lower_bb = mid - bb_mult * sd;
    const double upper_kc = mid + kc_mult * range;
    const double lower_kc = mid - kc_mult * range;
    if (lower_bb > lower_kc && upper_bb < upper_kc) {
        return 1.0;
    }
    if (lower_bb < lower_kc && upper_bb > upper_kc) {
        return -1.0;
    }
    return 0.0;
}

const SqueezeValue& Squeeze::update(double high, double low, double close) {
    const bool full = closes_.is_full();
    const double leaving = full ? closes_.oldest() : 0.0;
    closes_.push(close);
    double mid;
    double var;
    close_stats_.slide(close, full, leaving, mid, var);
    range_mean_.push(detail::true_range(high, low, prev_close_, has_prev_));
    prev_close_ = close;
    has_prev_ = true;
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);
    const double sd = detail::zsqrt(var);
    const double range = range_mean_.mean();

    const double delta = close - ((hh + ll) / 2.0 + mid) / 2.0;
    const double momentum = linreg_.slide(delta, deltas_.push(delta));
    value_ = {momentum, state_of(mid, sd, range, bb_mult_, kc_mult_)};
    return value_;
}

Status squeeze(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, const SqueezeParams& p, const SqueezeOutputs& out) {
    AITP_TRY(p.validate());
    AITP_TRY(check_series({{"high", high}, {"low", low}, {"close", close}},
                          {out.momentum, out.state}));
    // Per chunk of rows: the rolling extremes (8 windows per step); the close mean/variance and
    // the true-range mean row by row on local window states (the leaving values recomputed from
    // the inputs); the deltas and states element-wise; then the momentum row by row over a delta
    // buffer that keeps the period previous deltas in front (the leaving ones). update()'s
    // operations. Inputs are finite (checked), so a delta is NaN only before row period - 1 and
    // the momentum starts at row 2 * (period - 1).
    const Squeeze s(p);
    const std::size_t n = static_cast<std::size_t>(p.period);
    const std::size_t size = close.size();
    detail::MeanVarWindow close_stats(n, 0);
    detail::KahanWindow range_mean(n);
    const auto tr_at = [&](std::size_t i) {
        return detail::true_range_at(high.data(), low.data(), close.data(), i);
    };
    std::vector<double> deltas(n + detail::kHighLowChunk);
    detail::LinRegWindow linreg(n);
    double mid[detail::kHighLowChunk];
    double sd[detail::kHighLowChunk];
    double range[detail::kHighLowChunk];
    detail::for_each_high_low(
        high.data(), low.data(), size, n,
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            if (c > 0) {
                std::copy(deltas.end() - static_cast<std::ptrdiff_t>(n), deltas.end(),
                          deltas.begin());
            }
            for (std::size_t j = 0; j < len; ++j) {
                const std::size_t i = c + j;
                const bool full = i >= n;
                const double leaving = full ? close[i - n] : 0.0;
                double var;
                close_stats.slide(close[i], full, leaving, mid[j], var);
                range_mean.slide(tr_at(i), full, full ? tr_at(i - n) : 0.0);
                sd[j] = detail::zsqrt(var);
                range[j] = range_mean.mean();
            }
            double* delta = deltas.data() + n;  // delta[j]: row c + j
            for (std::size_t j = 0; j < len; ++j) {
                delta[j] = close[c + j] - ((hh[j] + ll[j]) / 2.0 + mid[j]) / 2.0;
                out.state[c + j] = Squeeze::state_of(mid[j], sd[j], range[j], s.bb_mult(), s.kc_mult());
            }
            // Row c + j's window is delta[j + 1 - n .. j]; delta[j - n] leaves it.
            for (std::size_t j = 0; j < len; ++j) {
                out.momentum[c + j] = linreg.slide(delta[j], deltas[j]);
            }
        });
    return ok_status();
}

}  // namespace aitp::indicators
