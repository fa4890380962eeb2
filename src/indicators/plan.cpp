// SPDX-License-Identifier: MIT
#include "indicators/plan.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string_view>
#include <type_traits>

#include "indicators/average/ema.hpp"
#include "indicators/average/hull_ma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/many.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/cci.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/momentum/stochastic.hpp"
#include "indicators/ratio/returns.hpp"
#include "indicators/talib/oscillators.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "indicators/volatility/keltner_channels.hpp"
#include "indicators/volatility/supertrend.hpp"
#include "indicators/volume/mfi.hpp"
#include "indicators/volume/obv.hpp"
#include "indicators/volume/vwap.hpp"

namespace aitp::indicators::detail {

namespace {

// The reference set at 1M rows takes 4 scratch columns of 8 MB.
constexpr std::size_t kPoolBytes = std::size_t{64} << 20;

struct Pool {
    std::vector<std::vector<double>> free;
    std::size_t bytes = 0;
};
Pool& pool() {
    thread_local Pool p;
    return p;
}

}  // namespace

ScratchColumns::~ScratchColumns() {
    Pool& p = pool();
    for (std::vector<double>& v : held_) {
        const std::size_t bytes = v.capacity() * sizeof(double);
        if (p.bytes + bytes <= kPoolBytes) {
            p.bytes += bytes;
            p.free.push_back(std::move(v));
        }
    }
}

std::span<double> ScratchColumns::take(std::size_t n) {
    Pool& p = pool();
    std::vector<double> v;
    // The smallest pooled column that is large enough.
    std::size_t best = p.free.size();
    for (std::size_t k = 0; k < p.free.size(); ++k) {
        if (p.free[k].capacity() >= n &&
            (best == p.free.size() || p.free[k].capacity() < p.free[best].capacity())) {
            best = k;
        }
    }
    if (best < p.free.size()) {
        v = std::move(p.free[best]);
        p.free.erase(p.free.begin() + static_cast<std::ptrdiff_t>(best));
        p.bytes -= v.capacity() * sizeof(double);
    }
    v.resize(n);
    held_.push_back(std::move(v));
    return held_.back();
}

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
    const v8d p = (up > down) & (up > zero) ? up : zero;
    const v8d m = (down > p) & (down > zero) ? down : zero;
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

// Whether x[k][0..len) is finite for every k < count: x * 0 is 0 for finite x and NaN
// otherwise, summed 8 lanes at a time in two accumulators (a scalar sum would be one long
// dependency chain).
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

// Rows per chunk of run_lanes.
constexpr std::size_t kLaneChunk = 512;

// Jobs of the chunk lanes kernel (run_lanes).
struct LaneEwm {  // a plain EMA column: out = ema(in)
    std::span<const double> in;
    std::span<double> out;
    double alpha;
    int period;
};
struct LaneMacd {  // macd_rows(fast, slow, signal, out)
    std::span<const double> fast, slow;
    int signal;
    MacdOutputs out;
};
struct LaneBollinger {  // bollinger_bands_given_mid(close, p, out)
    std::span<const double> close;
    BollingerBandsParams p;
    BollingerBandsOutputs out;
};
struct Lanes {
    PlannedCall* rsi = nullptr;
    PlannedCall* adx = nullptr;
    std::vector<LaneMacd> macds;
    std::vector<LaneEwm> emas;
    std::vector<LaneBollinger> bollinger;  // at most one: its variance rows share ADX's loop
};

// The pandas ewm(adjust=False) recurrences of a set that are not whole moving-average columns
// of an input, in the lanes of one vector per chunk of rows (ewm_lanes_chunk): RSI's two Wilder
// averages, ADX's first three, MACD signal lines, and plain EMAs that would otherwise make a
// part-empty group. Each output is what the single kernel gives (Rsi/Adx/Macd/Ema::update's
// operations). Requires: finite inputs; at most 8 lanes. Returns false, with the outputs
// unspecified, when a lane's input is not finite (a price change or a MACD line that
// overflows): the lanes' steady-state step does not restart after a NaN as Ewm::update does,
// so the caller then runs the single kernels.
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

enum class Average { Mean, Ema };

// The distinct averages a set of calls needs, each with the span it is computed into, plus the
// copies and follow-up steps of the calls.
class Plan {
  public:
    /// `true_range`, when not empty, comes from true_range_finite() that returned true.
    Plan(const SeriesInput& in, ScratchColumns& scratch, std::span<const double> true_range)
        : in_(in),
          scratch_(scratch),
          true_range_(true_range),
          finite_{in.high.data(), in.low.data(), in.close.data(), in.volume.data()} {
        if (!true_range.empty()) {
            finite_.push_back(true_range.data());
        }
    }

    /// The span that will hold the average `kind` of `series` over `period`: an existing one, or
    /// `want` (or scratch when empty) for a new average. A `want` other than an existing span is
    /// filled by a copy after the averages.
    /// `plain`: the average is only this call's output (an ema column), so it may run in the
    /// chunk lanes after every other average and step.
    std::span<const double> need(Average kind, std::span<const double> series, int period,
                                 std::span<double> want = {}, bool plain = false,
                                 std::size_t lead = 0) {
        for (Entry& e : entries_) {
            if (e.kind == kind && e.job.in.data() == series.data() && e.job.period == period) {
                if (!want.empty() && want.data() != e.job.out.data()) {
                    copies_.push_back({e.job.out, want});
                }
                e.plain = false;
                return e.job.out;
            }
        }
        if (want.empty()) {
            want = scratch();
        }
        AverageJob job{series, period, want};
        job.lead = lead;
        job.finite = std::find(finite_.begin(), finite_.end(), series.data()) != finite_.end();
        entries_.push_back({kind, job, plain && !want.empty()});
        return want;
    }

    /// RSI's and ADX's Wilder averages and the MACD signal EMAs run in the chunk lanes
    /// (run_lanes), with as many plain EMAs as fill the last 8-lane group.
    /// Bollinger's variance rows and bands in the lanes kernel (the first call; others run as
    /// a step).
    void bollinger(std::span<const double> close, const BollingerBandsParams& p,
                   const BollingerBandsOutputs& out) {
        if (lanes_.bollinger.empty()) {
            lanes_.bollinger.push_back({close, p, out});
        } else {
            steps_.push_back([close, p, out] { bollinger_bands_given_mid(close, p, out); });
        }
    }

    /// VWAP (unanchored) and OBV, whose running sums share one row loop when the set has both
    /// (vwap_rows); further calls run alone.
    void vwap(std::span<const double> typical, std::span<double> out) {
        if (vwap_.empty()) {
            vwap_typical_ = typical;
            vwap_ = out;
        } else {
            steps_.push_back([in = &in_, typical, out] {
                vwap_rows(in->high, in->low, in->close, typical, in->volume, out);
            });
        }
    }
    void obv(std::span<double> out) {
        if (obv_.empty()) {
            obv_ = out;
        } else {
            steps_.push_back([in = &in_, out] { obv_rows(in->close, in->volume, out); });
        }
    }

    /// Takes the call unless the lanes already have one of its kind.
    bool lanes_rsi(PlannedCall* call) { return take(lanes_.rsi, call); }
    bool lanes_adx(PlannedCall* call) { return take(lanes_.adx, call); }
    void macd(std::span<const double> fast, std::span<const double> slow, int signal,
              const MacdOutputs& out) {
        macds_.push_back({fast, slow, signal, out});
    }

    /// A scratch column of the input's length.
    std::span<double> column() { return scratch(); }

    /// The typical prices (high + low + close) / 3 of the input bars (computed on first use;
    /// Cci::update's, Mfi::typical_price's and Vwap::price_volume's).
    std::span<const double> typical_price() {
        if (typical_.empty()) {
            const std::span<double> tp = scratch();
            for (std::size_t i = 0; i < tp.size(); ++i) {
                tp[i] = (in_.high[i] + in_.low[i] + in_.close[i]) / 3.0;
            }
            typical_ = tp;
            const double* column = tp.data();
            if (all_finite(&column, 1, tp.size())) {
                finite_.push_back(tp.data());
            }
        }
        return typical_;
    }

    /// Whether the true range (typical prices) has only finite values (computing it if needed):
    /// finite prices can overflow it, and then the calls built on it run alone.
    bool true_range_ok() {
        const std::span<const double> tr = true_range();
        return std::find(finite_.begin(), finite_.end(), tr.data()) != finite_.end();
    }
    bool typical_price_ok() {
        const std::span<const double> tp = typical_price();
        return std::find(finite_.begin(), finite_.end(), tp.data()) != finite_.end();
    }

    /// Marks a derived series the caller has checked: its values after any lead are finite.
    void known_finite(const double* series) { finite_.push_back(series); }

    /// The true range of the input bars (computed on first use).
    std::span<const double> true_range() {
        if (true_range_.empty()) {
            const std::span<double> tr = scratch();
            if (true_range_finite(in_.high, in_.low, in_.close, tr)) {
                finite_.push_back(tr.data());
            }
            true_range_ = tr;
        }
        return true_range_;
    }

    /// Adds a step that runs after the averages and copies.
    void then(std::function<void()> step) { steps_.push_back(std::move(step)); }

    Status run() {
        std::vector<AverageJob> means;
        std::vector<const Entry*> emas;
        for (const Entry& e : entries_) {
            if (e.kind == Average::Mean) {
                means.push_back(e.job);
            } else {
                emas.push_back(&e);
            }
        }
        AITP_TRY(sma_many(means));
        // Lanes left in the chunk kernel's vector take MACD signals, then the EMAs that would
        // otherwise make a last, part-empty group (plain ones only: nothing reads them).
        std::size_t free =
            kLanes - (lanes_.rsi != nullptr ? 2 : 0) - (lanes_.adx != nullptr ? 3 : 0);
        std::vector<AverageJob> grouped;
        for (const LaneMacd& m : macds_) {
            if (free > 0) {
                --free;
                lanes_.macds.push_back(m);
            } else {
                steps_.push_back([m] { macd_rows(m.fast.data(), m.slow.data(), m.signal, m.out); });
            }
        }
        const std::size_t rest = emas.size() % kLanes;
        const std::size_t plain = static_cast<std::size_t>(
            std::count_if(emas.begin(), emas.end(), [](const Entry* e) { return e->plain; }));
        const bool to_lanes = in_.size() >= kLanes && rest > 0 && rest <= free && plain >= rest;
        std::size_t moved = 0;
        for (const Entry* e : emas) {
            if (to_lanes && moved < rest && e->plain) {
                lanes_.emas.push_back({e->job.in, e->job.out,
                                       ewm_alpha_from_span(static_cast<double>(e->job.period)),
                                       e->job.period});
                ++moved;
            } else {
                grouped.push_back(e->job);
            }
        }
        AITP_TRY(ema_many(grouped));
        for (const Copy& c : copies_) {
            std::copy(c.from.begin(), c.from.end(), c.to.begin());
        }
        for (const std::function<void()>& step : steps_) {
            step();
        }
        if (!vwap_.empty()) {
            vwap_rows(in_.high, in_.low, in_.close, vwap_typical_, in_.volume, vwap_, obv_);
        } else if (!obv_.empty()) {
            obv_rows(in_.close, in_.volume, obv_);
        }
        if (!run_lanes(in_, lanes_)) {
            AITP_TRY(run_lanes_alone(in_, lanes_));
        }
        return ok_status();
    }

  private:
    static bool take(PlannedCall*& slot, PlannedCall* call) {
        if (slot != nullptr) {
            return false;
        }
        slot = call;
        return true;
    }
    static constexpr std::size_t kLanes = 8;
    struct Entry {
        Average kind;
        AverageJob job;
        bool plain = false;
    };
    struct Copy {
        std::span<const double> from;
        std::span<double> to;
    };
    std::span<double> scratch() { return scratch_.take(in_.size()); }

    const SeriesInput& in_;
    std::vector<Entry> entries_;
    std::vector<Copy> copies_;
    std::vector<std::function<void()>> steps_;
    ScratchColumns& scratch_;
    std::span<const double> true_range_;
    std::span<const double> typical_;
    std::vector<const double*> finite_;  // series known finite: the inputs, derived ones checked
    std::vector<LaneMacd> macds_;
    Lanes lanes_;
    std::span<const double> vwap_typical_;
    std::span<double> vwap_;
    std::span<double> obv_;
};

}  // namespace

bool true_range_finite(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, std::span<double> out) {
    // x * 0 is 0 for finite x and NaN otherwise (check_finite's test), per block.
    constexpr std::size_t kBlock = 512;
    const std::size_t n = close.size();
    for (std::size_t b = 0; b < n; b += kBlock) {
        const std::size_t len = std::min(kBlock, n - b);
        true_range_rows(high.data(), low.data(), close.data(), b, len, out.data() + b);
        const double* block[4] = {high.data() + b, low.data() + b, close.data() + b,
                                  out.data() + b};
        if (!all_finite(block, 4, len)) {
            return false;
        }
    }
    return true;
}

namespace {
// The first call named `name` not yet done whose first parameter is `first` (any when NaN).
// Calls with invalid parameters are left to run alone (and report their error).
PlannedCall* find_call(std::span<PlannedCall> calls, std::string_view name, double first) {
    for (PlannedCall& call : calls) {
        if (!call.done && call.info->name == name &&
            call.info->validate_params(*call.params).has_value() &&
            (first != first || (!call.params->empty() && (*call.params)[0] == first))) {
            return &call;
        }
    }
    return nullptr;
}
}  // namespace

Status run_shared_averages(std::span<PlannedCall> calls, const SeriesInput& in,
                           ScratchColumns& scratch, std::span<const double> true_range) {
    Plan plan(in, scratch, true_range);
    for (PlannedCall& call : calls) {
        const std::string_view name = call.info->name;
        const std::vector<double>& p = *call.params;
        const std::vector<std::span<double>>& o = call.outs;
        const bool planned = name == "sma" || name == "volume_sma" || name == "ema" ||
                             name == "rsi" || name == "adx" || name == "volume_ratio" ||
                             name == "atr_indicator" || name == "keltner_channels" ||
                             name == "supertrend" || name == "macd" || name == "bollinger_bands" ||
                             name == "cci" || name == "mfi" || name == "stochastic" ||
                             name == "vwap" || name == "obv";
        if (!planned) {
            continue;
        }
        AITP_TRY(call.info->validate_params(p));
        if (name == "vwap" && p[0] != 0.0) {
            continue;  // anchored per UTC day: runs alone
        }
        const bool on_true_range =
            name == "atr_indicator" || name == "keltner_channels" || name == "supertrend";
        const bool on_typical_price = name == "cci" || name == "mfi" || name == "vwap";
        if ((on_true_range && !plan.true_range_ok()) ||
            (on_typical_price && !plan.typical_price_ok())) {
            continue;  // an overflowing derived series: the single kernel's values
        }
        const auto period = [&](std::size_t k) { return static_cast<int>(p[k]); };
        if (name == "sma") {
            plan.need(Average::Mean, in.close, period(0), o[0]);
        } else if (name == "volume_sma") {
            plan.need(Average::Mean, in.volume, period(0), o[0]);
        } else if (name == "ema") {
            plan.need(Average::Ema, in.close, period(0), o[0], true);
        } else if (name == "rsi") {
            if (!plan.lanes_rsi(&call)) {
                continue;  // a second RSI runs alone
            }
        } else if (name == "adx") {
            if (!plan.lanes_adx(&call)) {
                continue;
            }
        } else if (name == "volume_ratio") {
            const std::span<const double> mean = plan.need(Average::Mean, in.volume, period(0));
            plan.then([mean, out = o[0], volume = in.volume] {
                for (std::size_t i = 0; i < out.size(); ++i) {
                    out[i] = volume[i] / mean[i];  // VolumeRatio::update
                }
            });
        } else if (name == "atr_indicator") {
            plan.need(Average::Mean, plan.true_range(), period(0), o[0]);
        } else if (name == "keltner_channels") {
            plan.need(Average::Ema, in.close, period(0), o[1]);
            const std::span<const double> atr =
                plan.need(Average::Mean, plan.true_range(), period(1));
            plan.then([atr, multiplier = p[2], out = KeltnerChannelsOutputs{o[0], o[1], o[2]}] {
                keltner_bands(atr.data(), multiplier, out);
            });
        } else if (name == "supertrend") {
            const std::span<const double> atr =
                plan.need(Average::Mean, plan.true_range(), period(0));
            plan.then([atr, &in, params = SupertrendParams{period(0), p[1]},
                       out = SupertrendOutputs{o[0], o[1]}] {
                supertrend_rows(in.high.data(), in.low.data(), in.close.data(), params, atr.data(),
                                out);
            });
        } else if (name == "stochastic") {
            // %K now (with %R of a williams_r call over the same window, from the same window
            // extremes); %D, the SMA of %K, among the planned SMAs when %K is finite after its
            // warm-up (a zero high-low range makes it NaN), else row by row here.
            const std::size_t kn = static_cast<std::size_t>(period(0));
            PlannedCall* r = find_call(calls, "williams_r", p[0]);
            const StochasticParams params{period(0), period(1)};
            stochastic_rows(in.high, in.low, in.close, params, {o[0], o[1]},
                            r != nullptr ? r->outs[0] : std::span<double>{}, false);
            if (r != nullptr) {
                r->done = true;
            }
            const std::span<const double> k = o[0];
            const bool finite =
                std::all_of(k.begin() + static_cast<std::ptrdiff_t>(std::min(kn - 1, k.size())),
                            k.end(), [](double v) { return v - v == 0.0; });  // not NaN or inf
            if (finite) {
                plan.known_finite(k.data());
                plan.need(Average::Mean, k, period(1), o[1], false, kn - 1);
            } else {
                AverageJob d{k, period(1), o[1]};
                d.lead = k.size();  // no lanes: every value may be NaN
                AITP_TRY(sma_many(std::span(&d, 1)));
            }
        } else if (name == "mfi") {  // the typical prices shared
            plan.then([&in, tp = plan.typical_price(), params = MfiParams{period(0)}, out = o[0]] {
                mfi_rows(in.high, in.low, in.close, tp, in.volume, params, out);
            });
        } else if (name == "vwap") {  // without an anchor
            plan.vwap(plan.typical_price(), o[0]);
        } else if (name == "obv") {
            plan.obv(o[0]);
        } else if (name == "cci") {
            // The rolling mean of the typical price among the planned SMAs.
            const std::span<const double> tp = plan.typical_price();
            const std::span<const double> mean = plan.need(Average::Mean, tp, period(0));
            plan.then([tp, mean, n = period(0), out = o[0]] { cci_from_mean(tp, mean, n, out); });
        } else if (name == "bollinger_bands") {
            // The mid is pandas' rolling mean, the SMA of the close (shared with an sma column).
            plan.need(Average::Mean, in.close, period(0), o[1]);
            plan.bollinger(in.close, BollingerBandsParams{period(0), p[1], period(2)},
                           BollingerBandsOutputs{o[0], o[1], o[2], o[3], o[4]});
        } else {  // macd
            const std::span<const double> fast = plan.need(Average::Ema, in.close, period(0));
            const std::span<const double> slow = plan.need(Average::Ema, in.close, period(1));
            plan.macd(fast, slow, period(2), MacdOutputs{o[0], o[1], o[2]});
        }
        call.done = true;
    }
    return plan.run();
}

Status run_talib_chains(std::span<PlannedCall> calls, const SeriesInput& in) {
    talib::ChainsJob job;
    std::vector<PlannedCall*> taken;
    const auto period = [](const PlannedCall& c, std::size_t k) {
        return static_cast<int>((*c.params)[k]);
    };
    for (PlannedCall& call : calls) {
        const std::string_view name = call.info->name;
        const std::vector<std::span<double>>& o = call.outs;
        if (call.done) {
            continue;
        }
        bool take = false;
        if (name == "talib.RSI" && job.rsi_out.empty()) {
            job.rsi = {period(call, 0)};
            job.rsi_out = o[0];
            take = true;
        } else if (name == "talib.ATR" && job.atr_out.empty()) {
            job.atr = {period(call, 0)};
            job.atr_out = o[0];
            take = true;
        } else if (name == "talib.ADX" && job.adx_out.empty()) {
            job.adx = {period(call, 0)};
            job.adx_out = o[0];
            take = true;
        } else if (name == "talib.EMA" && job.ema_out.empty()) {
            job.ema = {period(call, 0)};
            job.ema_out = o[0];
            take = true;
        } else if (name == "talib.MACD" && job.macd_out.macd.empty()) {
            job.macd = {period(call, 0), period(call, 1), period(call, 2)};
            job.macd_out = {o[0], o[1], o[2]};
            take = true;
        }
        if (take) {
            AITP_TRY(call.info->validate_params(*call.params));
            taken.push_back(&call);
        }
    }
    if (taken.size() < 2) {
        return ok_status();
    }
    AITP_TRY(talib::chains(in.high, in.low, in.close, job));
    for (PlannedCall* call : taken) {
        call->done = true;
    }
    return ok_status();
}

Status run_shared_extremes(std::span<PlannedCall> calls, const SeriesInput& in) {
    const double any = std::numeric_limits<double>::quiet_NaN();
    if (PlannedCall* stoch = find_call(calls, "stochastic", any)) {
        if (PlannedCall* r = find_call(calls, "williams_r", (*stoch->params)[0])) {
            AITP_TRY(stoch->info->validate_params(*stoch->params));
            AITP_TRY(r->info->validate_params(*r->params));
            const auto period = [&](std::size_t k) {
                return static_cast<int>((*stoch->params)[k]);
            };
            stochastic_rows(in.high, in.low, in.close, {period(0), period(1)},
                            {stoch->outs[0], stoch->outs[1]}, r->outs[0]);
            stoch->done = true;
            r->done = true;
        }
    }
    if (PlannedCall* simple = find_call(calls, "returns", any)) {
        if (PlannedCall* log = find_call(calls, "log_returns", any)) {
            returns_rows(in.close, simple->outs[0], log->outs[0]);
            simple->done = true;
            log->done = true;
        }
    }
    for (PlannedCall& hull : calls) {
        if (hull.done || hull.info->name != "hull_ma" ||
            !hull.info->validate_params(*hull.params).has_value()) {
            continue;
        }
        if (PlannedCall* w = find_call(calls, "wma", (*hull.params)[0])) {
            AITP_TRY(hull.info->validate_params(*hull.params));
            AITP_TRY(w->info->validate_params(*w->params));
            hull_ma_rows(in.close, {static_cast<int>((*hull.params)[0])}, hull.outs[0], w->outs[0]);
            hull.done = true;
            w->done = true;
        }
    }
    return ok_status();
}

}  // namespace aitp::indicators::detail
