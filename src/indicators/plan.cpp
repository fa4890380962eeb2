// SPDX-License-Identifier: MIT
#include "indicators/plan.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <type_traits>

#include "indicators/average/ema.hpp"
#include "indicators/average/hull_ma.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/unchecked.hpp"
#include "indicators/lanes.hpp"
#include "indicators/many.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/cci.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/momentum/stochastic.hpp"
#include "indicators/ratio/returns.hpp"
#include "indicators/talib/chains.hpp"
#include "indicators/volatility/bollinger_bands.hpp"
#include "indicators/volatility/keltner_channels.hpp"
#include "indicators/volatility/supertrend.hpp"
#include "indicators/volume/mfi.hpp"
#include "indicators/volume/obv.hpp"
#include "indicators/volume/vwap.hpp"

namespace aitp::indicators::detail {

namespace {

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

bool on_true_range(IndicatorId id) {
    return id == IndicatorId::AtrIndicator || id == IndicatorId::KeltnerChannels ||
           id == IndicatorId::Supertrend;
}

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
// The first call of entry `id` not yet done whose first parameter is `first` (any when NaN).
// Calls with invalid parameters are left to run alone (and report their error).
PlannedCall* find_call(std::span<PlannedCall> calls, IndicatorId id, double first) {
    for (PlannedCall& call : calls) {
        if (!call.done && call.info->id == id &&
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
        const IndicatorId id = call.info->id;
        const std::vector<double>& p = *call.params;
        const std::vector<std::span<double>>& o = call.outs;
        const bool planned =
            id == IndicatorId::Sma || id == IndicatorId::VolumeSma || id == IndicatorId::Ema ||
            id == IndicatorId::Rsi || id == IndicatorId::Adx || id == IndicatorId::VolumeRatio ||
            id == IndicatorId::AtrIndicator || id == IndicatorId::KeltnerChannels ||
            id == IndicatorId::Supertrend || id == IndicatorId::Macd ||
            id == IndicatorId::BollingerBands || id == IndicatorId::Cci || id == IndicatorId::Mfi ||
            id == IndicatorId::Stochastic || id == IndicatorId::Vwap || id == IndicatorId::Obv;
        if (!planned) {
            continue;
        }
        AITP_TRY(call.info->validate_params(p));
        if (id == IndicatorId::Vwap && p[0] != 0.0) {
            continue;  // anchored per UTC day: runs alone
        }
        const bool true_range_based = on_true_range(id);
        const bool on_typical_price =
            id == IndicatorId::Cci || id == IndicatorId::Mfi || id == IndicatorId::Vwap;
        if ((true_range_based && !plan.true_range_ok()) ||
            (on_typical_price && !plan.typical_price_ok())) {
            continue;  // an overflowing derived series: the single kernel's values
        }
        const auto period = [&](std::size_t k) { return static_cast<int>(p[k]); };
        if (id == IndicatorId::Sma) {
            plan.need(Average::Mean, in.close, period(0), o[0]);
        } else if (id == IndicatorId::VolumeSma) {
            plan.need(Average::Mean, in.volume, period(0), o[0]);
        } else if (id == IndicatorId::Ema) {
            plan.need(Average::Ema, in.close, period(0), o[0], true);
        } else if (id == IndicatorId::Rsi) {
            if (!plan.lanes_rsi(&call)) {
                continue;  // a second RSI runs alone
            }
        } else if (id == IndicatorId::Adx) {
            if (!plan.lanes_adx(&call)) {
                continue;
            }
        } else if (id == IndicatorId::VolumeRatio) {
            const std::span<const double> mean = plan.need(Average::Mean, in.volume, period(0));
            plan.then([mean, out = o[0], volume = in.volume] {
                for (std::size_t i = 0; i < out.size(); ++i) {
                    out[i] = volume[i] / mean[i];  // VolumeRatio::update
                }
            });
        } else if (id == IndicatorId::AtrIndicator) {
            plan.need(Average::Mean, plan.true_range(), period(0), o[0]);
        } else if (id == IndicatorId::KeltnerChannels) {
            plan.need(Average::Ema, in.close, period(0), o[1]);
            const std::span<const double> atr =
                plan.need(Average::Mean, plan.true_range(), period(1));
            plan.then([atr, multiplier = p[2], out = KeltnerChannelsOutputs{o[0], o[1], o[2]}] {
                keltner_bands(atr.data(), multiplier, out);
            });
        } else if (id == IndicatorId::Supertrend) {
            const std::span<const double> atr =
                plan.need(Average::Mean, plan.true_range(), period(0));
            plan.then([atr, &in, params = SupertrendParams{period(0), p[1]},
                       out = SupertrendOutputs{o[0], o[1]}] {
                supertrend_rows(in.high.data(), in.low.data(), in.close.data(), params, atr.data(),
                                out);
            });
        } else if (id == IndicatorId::Stochastic) {
            // %K now (with %R of a williams_r call over the same window, from the same window
            // extremes); %D, the SMA of %K, among the planned SMAs when %K is finite after its
            // warm-up (a zero high-low range makes it NaN), else row by row here.
            const std::size_t kn = static_cast<std::size_t>(period(0));
            PlannedCall* r = find_call(calls, IndicatorId::WilliamsR, p[0]);
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
        } else if (id == IndicatorId::Mfi) {  // the typical prices shared
            plan.then([&in, tp = plan.typical_price(), params = MfiParams{period(0)}, out = o[0]] {
                mfi_rows(in.high, in.low, in.close, tp, in.volume, params, out);
            });
        } else if (id == IndicatorId::Vwap) {  // without an anchor
            plan.vwap(plan.typical_price(), o[0]);
        } else if (id == IndicatorId::Obv) {
            plan.obv(o[0]);
        } else if (id == IndicatorId::Cci) {
            // The rolling mean of the typical price among the planned SMAs.
            const std::span<const double> tp = plan.typical_price();
            const std::span<const double> mean = plan.need(Average::Mean, tp, period(0));
            plan.then([tp, mean, n = period(0), out = o[0]] { cci_from_mean(tp, mean, n, out); });
        } else if (id == IndicatorId::BollingerBands) {
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
    // The chains with one period and one output (the first call of each).
    struct Single {
        IndicatorId id;
        int* period;
        std::span<double>* out;
    };
    const Single singles[] = {{IndicatorId::TalibRsi, &job.rsi.period, &job.rsi_out},
                              {IndicatorId::TalibAtr, &job.atr.period, &job.atr_out},
                              {IndicatorId::TalibAdx, &job.adx.period, &job.adx_out},
                              {IndicatorId::TalibEma, &job.ema.period, &job.ema_out}};
    std::vector<PlannedCall*> taken;
    const auto period = [](const PlannedCall& c, std::size_t k) {
        return static_cast<int>((*c.params)[k]);
    };
    for (PlannedCall& call : calls) {
        const IndicatorId id = call.info->id;
        const std::vector<std::span<double>>& o = call.outs;
        if (call.done) {
            continue;
        }
        bool take = false;
        for (const Single& s : singles) {
            if (id == s.id && s.out->empty()) {
                *s.period = period(call, 0);
                *s.out = o[0];
                take = true;
            }
        }
        if (id == IndicatorId::TalibMacd && job.macd_out.macd.empty()) {
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
    if (PlannedCall* stoch = find_call(calls, IndicatorId::Stochastic, any)) {
        if (PlannedCall* r = find_call(calls, IndicatorId::WilliamsR, (*stoch->params)[0])) {
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
    if (PlannedCall* simple = find_call(calls, IndicatorId::Returns, any)) {
        if (PlannedCall* log = find_call(calls, IndicatorId::LogReturns, any)) {
            returns_rows(in.close, simple->outs[0], log->outs[0]);
            simple->done = true;
            log->done = true;
        }
    }
    for (PlannedCall& hull : calls) {
        if (hull.done || hull.info->id != IndicatorId::HullMa ||
            !hull.info->validate_params(*hull.params).has_value()) {
            continue;
        }
        if (PlannedCall* w = find_call(calls, IndicatorId::Wma, (*hull.params)[0])) {
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
