// SPDX-License-Identifier: MIT
#include "indicators/lanes.hpp"

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "indicators/average/ema.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/unchecked.hpp"
#include "indicators/many.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/rsi.hpp"

namespace aitp::indicators::detail {

namespace {

// Adx::movement (with a previous bar) of rows 0..7 of h/l (their previous bars at index -1,
// the previous closes at c[-1..7)) in vector lanes: the same operations and selects per lane.
[[gnu::always_inline]] inline void movement8(const double* h, const double* l, const double* c,
                                             double* plus, double* minus, double* range) {
    using lanes::v8d;
    using lanes::v8l;
    v8d hi;
    v8d lo;
    v8d hp;
    v8d lp;
    v8d cp;
    load8(hi, h);
    load8(lo, l);
    load8(hp, h - 1);
    load8(lp, l - 1);
    load8(cp, c - 1);
    const v8d zero = v8d{} + 0.0;
    const v8d up = hi - hp;
    const v8d down = lp - lo;
    const v8d p = ((up > down) & (up > zero)) ? up : zero;
    const v8d m = ((down > p) & (down > zero)) ? down : zero;
    const v8l magnitude = v8l{} + 0x7fffffffffffffff;  // std::fabs: clear the sign bit
    const v8d hc = (v8d)((v8l)(hi - cp) & magnitude);
    const v8d lc = (v8d)((v8l)(lo - cp) & magnitude);
    v8d r = hi - lo;  // true_range()
    r = hc > r ? hc : r;
    r = lc > r ? lc : r;
    store8(plus, p);
    store8(minus, m);
    store8(range, r);
}

// Rows per chunk of run_lanes.
constexpr std::size_t kLaneChunk = 512;

}  // namespace

// x * 0 is 0 for finite x and NaN otherwise, summed 8 lanes at a time in two accumulators (a scalar
// sum would be one long dependency chain).
bool all_finite(const double* const* x, std::size_t count, std::size_t len) {
    using lanes::v8d;
    v8d a0 = v8d{} + 0.0;
    v8d a1 = a0;
    double tail = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
        const double* v = x[k];
        std::size_t j = 0;
        for (; j + 16 <= len; j += 16) {
            v8d t0;
            v8d t1;
            load8(t0, v + j);
            load8(t1, v + j + 8);
            a0 += t0 * 0.0;
            a1 += t1 * 0.0;
        }
        for (; j < len; ++j) {
            tail += v[j] * 0.0;
        }
    }
    const v8d a = a0 + a1;
    double sum = tail;
    for (int k = 0; k < 8; ++k) {
        sum += a[k];
    }
    return sum == 0.0;
}

// The pandas ewm(adjust=False) recurrences of a set that are not whole moving-average columns
// of an input, in the lanes of one vector per chunk of rows (ewm_lanes_chunk): RSI's two Wilder
// averages, ADX's first three, MACD signal lines, and plain EMAs that would otherwise make a
// part-empty group. Each output is what the single kernel gives (Rsi/Adx/Macd/Ema::update's
// operations). Requires: finite inputs; at most 8 lanes. Returns false, with the outputs
// unspecified, when a lane's input is not finite (a price change or a MACD line that
// overflows): the lanes' steady-state step does not restart after a NaN as Ewm::update does,
// so the caller then runs the single kernels.
// The one row loop of every lane group (the speed of the reference set); over the complexity
// ceiling by design until it is split per lane kind (issue 15's follow-up).
// NOLINTNEXTLINE(readability-function-cognitive-complexity)
bool run_lanes(const SeriesInput& in, const Lanes& l) {
    if (l.rsi == nullptr && l.adx == nullptr && l.macds.empty() && l.emas.empty() &&
        l.bollinger.empty()) {
        return true;
    }
    const std::size_t size = in.size();
    const std::span<const double> high = in.high;
    const std::span<const double> low = in.low;
    const std::span<const double> close = in.close;
    const std::size_t rn = l.rsi != nullptr ? static_cast<std::size_t>((*l.rsi->params)[0]) : 1;
    const std::size_t an = l.adx != nullptr ? static_cast<std::size_t>((*l.adx->params)[0]) : 1;
    // RSI's gains and losses and ADX's +DM, -DM and true range in separate local arrays (so the
    // loops that fill and read them vectorise); MACD signals and plain EMAs in place in their
    // output columns.
    constexpr std::size_t kChunk = kLaneChunk;
    double gain[kChunk];
    double loss[kChunk];
    double plus[kChunk];
    double minus[kChunk];
    double range[kChunk];
    double dx[kChunk];
    double* x[8];
    double alpha[8];
    double w[8] = {};
    std::size_t count = 0;
    const double rsi_alpha = ewm_alpha_from_alpha(1.0 / static_cast<double>(rn));
    const double adx_alpha = ewm_alpha_from_alpha(1.0 / static_cast<double>(an));
    if (l.rsi != nullptr) {
        x[count] = gain;
        alpha[count++] = rsi_alpha;
        x[count] = loss;
        alpha[count++] = rsi_alpha;
    }
    if (l.adx != nullptr) {
        for (double* v : {plus, minus, range}) {
            x[count] = v;
            alpha[count++] = adx_alpha;
        }
    }
    const std::size_t m0 = count;
    for (const LaneMacd& m : l.macds) {
        alpha[count++] = ewm_alpha_from_span(static_cast<double>(m.signal));  // Ema's
    }
    const std::size_t e0 = count;
    for (const LaneEwm& e : l.emas) {
        alpha[count++] = e.alpha;
    }
    Ewm dx_smooth(adx_alpha, static_cast<std::int64_t>(an));  // Adx::smooth_dx
    const LaneBollinger* bb = l.bollinger.empty() ? nullptr : &l.bollinger[0];
    const std::size_t bw = bb != nullptr ? static_cast<std::size_t>(bb->p.period) : 1;
    VarWindow bb_var(bw, bb != nullptr ? bb->p.ddof : 1);  // BollingerRecurrence::var
    double var[kChunk];
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (l.rsi != nullptr) {  // Rsi::update_averages' inputs
            for (std::size_t j = 0; j < len; ++j) {
                const std::size_t i = c + j;
                const double delta = i > 0 ? close[i] - close[i - 1] : kNan;
                gain[j] = Rsi::gain(delta);
                loss[j] = Rsi::loss(delta);
            }
        }
        if (l.adx != nullptr) {  // Adx::update_averages' inputs
            const std::size_t from = c == 0 ? 1 : 0;
            if (c == 0) {
                Adx::movement(high[0], low[0], 0.0, 0.0, 0.0, false, plus[0], minus[0], range[0]);
            }
            std::size_t j = from;
            for (; j + 8 <= len; j += 8) {  // Adx::movement in 8 lanes, the same operations
                movement8(high.data() + c + j, low.data() + c + j, close.data() + c + j, plus + j,
                          minus + j, range + j);
            }
            for (; j < len; ++j) {
                const std::size_t i = c + j;
                Adx::movement(high[i], low[i], high[i - 1], low[i - 1], close[i - 1], true, plus[j],
                              minus[j], range[j]);
            }
        }
        for (std::size_t k = 0; k < l.macds.size(); ++k) {  // macd_rows' line
            const LaneMacd& m = l.macds[k];
            double* __restrict line = m.out.macd.data() + c;
            double* __restrict sig = m.out.signal.data() + c;
            for (std::size_t j = 0; j < len; ++j) {
                line[j] = m.fast[c + j] - m.slow[c + j];
                sig[j] = line[j];
            }
            x[m0 + k] = sig;
        }
        for (std::size_t k = 0; k < l.emas.size(); ++k) {
            const LaneEwm& e = l.emas[k];
            std::copy_n(e.in.data() + c, len, e.out.data() + c);
            x[e0 + k] = e.out.data() + c;
        }
        if (!all_finite(const_cast<const double* const*>(x), count, len)) {
            return false;
        }
        ewm_lanes_chunk(x, alpha, count, len, w, c == 0);
        // The Wilder averages are NaN until `period` observations (Ewm's min_periods).
        if (l.rsi != nullptr) {
            double* out = l.rsi->outs[0].data() + c;
            for (std::size_t j = 0; j < len; ++j) {
                out[j] = c + j + 1 < rn ? kNan : Rsi::finish(gain[j], loss[j]);
            }
        }
        if (l.adx != nullptr) {
            for (std::size_t j = 0; j < len; ++j) {
                const bool ready = c + j + 1 >= an;
                dx[j] = Adx::dx(ready ? range[j] : kNan, ready ? plus[j] : kNan,
                                ready ? minus[j] : kNan);
            }
        }
        // ADX's DX smoothing and Bollinger's variance (BollingerRecurrence::slide's variance
        // part, in its steady-state form once the window is full: the closes are finite): two
        // independent row-by-row chains in one loop, so they overlap; local copies of the
        // states stay in registers.
        double* adx_out = l.adx != nullptr ? l.adx->outs[0].data() + c : nullptr;
        Ewm s = dx_smooth;
        VarWindow v = bb_var;
        const auto rows = [&](auto with_adx, auto with_bb, auto steady) {
            for (std::size_t j = 0; j < len; ++j) {
                if constexpr (decltype(with_adx)::value) {
                    adx_out[j] = s.update(dx[j]);
                }
                if constexpr (decltype(with_bb)::value) {
                    const std::size_t i = c + j;
                    if constexpr (decltype(steady)::value) {  // i >= bw
                        var[j] = v.slide_steady_var(bb->close[i], bb->close[i - bw]);
                    } else {
                        const bool full = i >= bw;
                        v.slide(bb->close[i], full, full ? bb->close[i - bw] : 0.0);
                        var[j] = v.var();
                    }
                }
            }
        };
        using yes = std::true_type;
        using no = std::false_type;
        if (bb == nullptr) {
            if (adx_out != nullptr) {
                rows(yes{}, no{}, no{});
            }
        } else if (v.steady()) {
            adx_out != nullptr ? rows(yes{}, yes{}, yes{}) : rows(no{}, yes{}, yes{});
        } else {
            adx_out != nullptr ? rows(yes{}, yes{}, no{}) : rows(no{}, yes{}, no{});
        }
        dx_smooth = s;
        bb_var = v;
        if (bb != nullptr) {  // BollingerBands::bands, vectorised
            const BollingerBandsOutputs& o = bb->out;
            bollinger_bands_rows(len, o.mid.data() + c, var, bb->close.data() + c, bb->p.std_dev,
                                 o.upper.data() + c, o.lower.data() + c, o.width.data() + c,
                                 o.pct.data() + c);
        }
        for (const LaneMacd& m : l.macds) {  // macd_rows' histogram
            const double* __restrict line = m.out.macd.data() + c;
            const double* __restrict sig = m.out.signal.data() + c;
            double* __restrict hist = m.out.hist.data() + c;
            for (std::size_t j = 0; j < len; ++j) {
                hist[j] = line[j] - sig[j];
            }
        }
    }
    return true;
}

// The single kernels of the lanes' jobs (when run_lanes returned false).
Status run_lanes_alone(const SeriesInput& in, const Lanes& l) {
    if (l.rsi != nullptr) {
        AITP_TRY(rsi_unchecked(in.close, {static_cast<int>((*l.rsi->params)[0])}, l.rsi->outs[0]));
    }
    if (l.adx != nullptr) {
        AITP_TRY(adx_unchecked(in.high, in.low, in.close, {static_cast<int>((*l.adx->params)[0])},
                               l.adx->outs[0]));
    }
    for (const LaneMacd& m : l.macds) {
        macd_rows(m.fast.data(), m.slow.data(), m.signal, m.out);
    }
    for (const LaneEwm& e : l.emas) {
        AITP_TRY(ema_unchecked(e.in, {e.period}, e.out));
    }
    for (const LaneBollinger& b : l.bollinger) {
        bollinger_bands_given_mid(b.close, b.p, b.out);
    }
    return ok_status();
}

}  // namespace aitp::indicators::detail
