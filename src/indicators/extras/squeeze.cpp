// SPDX-License-Identifier: MIT
#include "indicators/extras/squeeze.hpp"

#include <algorithm>
#include <vector>

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators {

Status SqueezeParams::validate() const {
    AITP_TRY(check_min("period", period, 2));
    AITP_TRY(check_non_negative("bb_mult", bb_mult));
    return check_non_negative("kc_mult", kc_mult);
}

Squeeze::Squeeze(const SqueezeParams& p)
    : n_(valid_period(p)),
      ring_(6 * n_, 0.0),
      close_stats_(n_, 0),
      range_mean_(n_),
      high_low_(n_),
      linreg_(n_),
      bb_mult_(p.bb_mult),
      kc_mult_(p.kc_mult),
      steady_bars_(2 * n_ - 1) {}

void Squeeze::reset() {
    head_ = 0;
    bars_ = 0;
    close_stats_.reset();
    range_mean_.reset();
    high_low_.reset();
    linreg_.reset();
    has_prev_ = false;
    value_ = {detail::kNan, detail::kNan};
}

inline Squeeze::RingPush Squeeze::push_ring(double close, double tr) {
    const std::size_t n = n_;
    double* slot =
        ring_.data() + head_;  // close at slot[0], [n]; true range [2n], [3n]; delta [4n], [5n]
    head_ = head_ + 1 == n ? 0 : head_ + 1;
    const RingPush r{slot, ring_.data() + head_, slot[0], slot[2 * n], slot[4 * n]};
    slot[0] = slot[n] = close;
    slot[2 * n] = slot[3 * n] = tr;
    return r;
}

const SqueezeValue& Squeeze::update(double high, double low, double close) {
    const double tr = detail::true_range(high, low, prev_close_, has_prev_);
    // The steady state: every window full, and the bar finite (a finite true range has a finite
    // high, low and previous close). Its refreshes come from the ring's position alone.
    if (bars_ == steady_bars_ && (tr - tr) + (close - close) == 0.0) [[likely]] {
        prev_close_ = close;
        const std::size_t n = n_;
        const std::size_t pos = head_;
        const bool wrap = pos + 1 == n;  // the close and true-range sums refresh (bar = n-1 mod n)
        const RingPush r = push_ring(close, tr);
        double* slot = r.slot;
        const double* window = r.window;
        double mid;
        double var;
        close_stats_.slide_steady(close, r.leaving_close, window, wrap, mid, var);
        const double range = range_mean_.slide_steady(tr, r.leaving_tr, window + 2 * n, wrap);
        double hh;
        double ll;
        high_low_.update_steady(high, low, hh, ll);
        const double delta = close - ((hh + ll) / 2.0 + mid) / 2.0;
        slot[4 * n] = slot[5 * n] = delta;
        // The regression's sums refresh one bar earlier (its window filled n - 1 bars later).
        const double momentum =
            linreg_.slide_steady(delta, r.leaving_delta, window + 4 * n, pos + 2 == n);
        value_ = {momentum, state_of(mid, std::sqrt(var), range, bb_mult_, kc_mult_)};
        if (!(delta - delta == 0.0)) [[unlikely]] {
            reset();  // the delta overflowed
        }
        return value_;
    }
    return update_filling(high, low, close, tr);
}

const SqueezeValue& Squeeze::update_filling(double high, double low, double close, double tr) {
    if (!((tr - tr) + (close - close) == 0.0)) {
        reset();  // a non-finite bar: a fresh stream from the next one
        return value_;
    }
    prev_close_ = close;
    has_prev_ = true;
    const RingPush r = push_ring(close, tr);
    double* slot = r.slot;
    const double* window = r.window;
    double mid;
    double var;
    close_stats_.slide(close, r.leaving_close, window, mid, var);
    const double range = range_mean_.slide(tr, r.leaving_tr, window + 2 * n_);
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);

    const double delta = close - ((hh + ll) / 2.0 + mid) / 2.0;
    slot[4 * n_] = slot[5 * n_] = delta;
    const double momentum = linreg_.slide(delta, r.leaving_delta, window + 4 * n_);
    value_ = {momentum, state_of(mid, detail::zsqrt(var), range, bb_mult_, kc_mult_)};
    if (bars_ + 1 >= n_ && !(delta - delta == 0.0)) {
        reset();  // the delta overflowed
        return value_;
    }
    ++bars_;
    return value_;
}

Status squeeze_unchecked(std::span<const double> high, std::span<const double> low,
                         std::span<const double> close, const SqueezeParams& p,
                         const SqueezeOutputs& out) {
    // Per chunk of rows: the rolling extremes (8 windows per step); the true ranges into a
    // buffer that keeps the period previous ones in front (the windows their mean refreshes
    // from); the close mean/variance and the true-range mean row by row on local window states;
    // the deltas and states element-wise; then the momentum row by row over a delta buffer kept
    // the same way. update()'s operations. Inputs are finite (checked), so a delta is NaN only
    // before row period - 1 and the momentum starts at row 2 * (period - 1).
    const Squeeze s(p);
    const std::size_t n = static_cast<std::size_t>(p.period);
    const std::size_t size = close.size();
    detail::RefreshedMoments close_stats(n, 0);
    detail::RefreshedMean range_mean(n);
    std::vector<double> trs(n + detail::kHighLowChunk);  // true ranges, the n previous in front
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
                std::copy(trs.end() - static_cast<std::ptrdiff_t>(n), trs.end(), trs.begin());
            }
            double* tr = trs.data() + n;  // tr[j]: row c + j
            detail::true_range_rows(high.data(), low.data(), close.data(), c, len, tr);
            for (std::size_t j = 0; j < len; ++j) {
                const std::size_t i = c + j;
                const double leaving = i >= n ? close[i - n] : 0.0;
                const double* window = i + 1 >= n ? &close[i + 1 - n] : close.data();
                double var;
                close_stats.slide(close[i], leaving, window, mid[j], var);
                range[j] = range_mean.slide(tr[j], trs[j], &trs[j + 1]);
                sd[j] = detail::zsqrt(var);
            }
            double* delta = deltas.data() + n;  // delta[j]: row c + j
            for (std::size_t j = 0; j < len; ++j) {
                delta[j] = close[c + j] - ((hh[j] + ll[j]) / 2.0 + mid[j]) / 2.0;
                out.state[c + j] =
                    Squeeze::state_of<true>(mid[j], sd[j], range[j], s.bb_mult(), s.kc_mult());
            }
            // Row c + j's window is delta[j + 1 - n .. j] (deltas[j + 1 .. j + n]); deltas[j]
            // leaves it.
            for (std::size_t j = 0; j < len; ++j) {
                out.momentum[c + j] = linreg.slide(delta[j], deltas[j], &deltas[j + 1]);
            }
        });
    return ok_status();
}

Status squeeze(std::span<const double> high, std::span<const double> low,
               std::span<const double> close, const SqueezeParams& p, const SqueezeOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out.momentum, out.state},
                   [&] { return squeeze_unchecked(high, low, close, p, out); });
}

}  // namespace aitp::indicators
