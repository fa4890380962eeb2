// SPDX-License-Identifier: MIT
#include "indicators/talib/oscillators.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/check.hpp"
#include "indicators/common.hpp"
#include "indicators/detail/unchecked.hpp"

namespace aitp::indicators::talib {

namespace {
constexpr double kNan = detail::kNan;

// TA-Lib's TRUE_RANGE macro (selects, not branches: which term wins is unpredictable).
double ta_true_range(double high, double low, double prev_close) {
    double out = high - low;
    const double a = std::fabs(high - prev_close);
    out = a > out ? a : out;
    const double b = std::fabs(low - prev_close);
    out = b > out ? b : out;
    return out;
}

std::size_t as_size(int v) { return static_cast<std::size_t>(v); }

// OBV's change of the total: +volume, -volume, or -0.0 when the close is unchanged (x + -0.0 is
// x for every x, zeros included; x + -v is x - v).
double obv_step(double close, double prev, double volume) {
    return detail::select(close > prev, volume, detail::select(close < prev, -volume, -0.0));
}
}  // namespace

Status PeriodParams::validate() const { return check_min("period", period); }
Status MacdParams::validate() const {
    AITP_TRY(check_min("fast_period", fast_period, 2));
    AITP_TRY(check_min("slow_period", slow_period, 2));
    return check_min("signal_period", signal_period);
}
Status StochParams::validate() const {
    AITP_TRY(check_min("fastk_period", fastk_period));
    AITP_TRY(check_min("slowk_period", slowk_period));
    return check_min("slowd_period", slowd_period);
}

// RSI (ta_RSI.c, default compatibility): sums of the first `period` changes, then Wilder.
Rsi::Rsi(const PeriodParams& p) : period_(p.period) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Rsi::reset() {
    count_ = 0;
    gain_ = loss_ = 0.0;
    value_ = kNan;
}
double Rsi::update(double close) {
    const double per = static_cast<double>(period_);
    if (count_ == 0) {
        prev_ = close;
        ++count_;
        return value_ = kNan;
    }
    const double diff = close - prev_;
    prev_ = close;
    // Branch-free form of TA-Lib's `if (diff < 0) loss -= diff; else gain += diff;` (the
    // sign of a random walk's change is unpredictable); adding or subtracting 0.0 leaves the
    // non-negative sums unchanged.
    const double down = detail::select(diff < 0, diff, 0.0);
    const double up = detail::select(diff < 0, 0.0, diff);
    if (count_ <= period_) {
        loss_ -= down;
        gain_ += up;
        if (count_++ < period_) {
            return value_ = kNan;
        }
        loss_ /= per;
        gain_ /= per;
    } else {
        loss_ *= per - 1.0;
        gain_ *= per - 1.0;
        loss_ -= down;
        gain_ += up;
        loss_ /= per;
        gain_ /= per;
    }
    const double total = gain_ + loss_;
    value_ = ta_is_zero(total) ? 0.0 : 100.0 * (gain_ / total);
    return value_;
}

// MACD (ta_MACD.c): both EMAs start at index slow-1; the fast one is seeded with the SMA of the
// `fast` values ending there, the slow one with the SMA of the first `slow` values.
Macd::Macd(const MacdParams& p)
    : fast_(p.fast_period < p.slow_period ? p.fast_period : p.slow_period),
      slow_(p.fast_period < p.slow_period ? p.slow_period : p.fast_period),
      signal_(p.signal_period),
      k_fast_(per_to_k(fast_)),
      k_slow_(per_to_k(slow_)),
      k_signal_(per_to_k(signal_)),
      fast_window_(as_size(fast_)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::MacdParams");
}
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

// STOCH (ta_STOCH.c): fast %K = (close - LL) / ((HH - LL) / 100), 0 on a zero range; slow K and
// slow D are TA-Lib SMAs.
Stoch::Stoch(const StochParams& p)
    : high_low_(as_size(p.fastk_period)),
      slowk_(SmaParams{p.slowk_period}),
      slowd_(SmaParams{p.slowd_period}) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::StochParams");
}
void Stoch::reset() {
    high_low_.reset();
    slowk_.reset();
    slowd_.reset();
    value_ = {kNan, kNan};
}
const StochValue& Stoch::update(double high, double low, double close) {
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);
    return step(hh, ll, close);
}
double Stoch::fast_k(double hh, double ll, double close) {
    const double diff = (hh - ll) / 100.0;
    return diff != 0.0 ? (close - ll) / diff : 0.0;
}
const StochValue& Stoch::step(double hh, double ll, double close) {
    if (hh != hh) {
        return value_ = {kNan, kNan};
    }
    const double k = slowk_.update(fast_k(hh, ll, close));
    if (k != k) {
        return value_ = {kNan, kNan};
    }
    const double d = slowd_.update(k);
    value_ = (d != d) ? StochValue{kNan, kNan} : StochValue{k, d};
    return value_;
}

// WILLR (ta_WILLR.c): (HH - close) / ((HH - LL) / -100), 0 on a zero range.
Willr::Willr(const PeriodParams& p) : high_low_(as_size(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Willr::reset() {
    high_low_.reset();
    value_ = kNan;
}
double Willr::update(double high, double low, double close) {
    double hh;
    double ll;
    high_low_.update(high, low, hh, ll);
    return step(hh, ll, close);
}
double Willr::step(double hh, double ll, double close) {
    if (hh != hh) {
        return value_ = kNan;
    }
    const double diff = (hh - ll) / (-100.0);
    value_ = diff != 0.0 ? (hh - close) / diff : 0.0;
    return value_;
}

// CCI (ta_CCI.c): typical prices in a circular buffer, summed in slot order (ta_cci_value).
Cci::Cci(const PeriodParams& p)
    : window_(as_size(p.period)), period_(static_cast<double>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Cci::reset() {
    window_.clear();
    slot_ = 0;
    prefix_ = 0.0;
    value_ = kNan;
}
double Cci::update(double high, double low, double close) {
    const double tp = (high + low + close) / 3;
    window_.push(tp);
    const std::size_t m = slot_;
    prefix_ = (m == 0 ? 0.0 : prefix_) + tp;
    if (++slot_ == window_.size()) {
        slot_ = 0;
    }
    if (!window_.is_full()) {
        return value_ = kNan;
    }
    return value_ = ta_cci_value(window_.data(), window_.size(), m, prefix_, period_);
}

// ATR (ta_ATR.c): true range from the second bar, SMA seed over `period` ranges, then Wilder.
Atr::Atr(const PeriodParams& p) : period_(p.period) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Atr::reset() {
    count_ = 0;
    sum_ = 0.0;
    value_ = kNan;
}
double Atr::update(double high, double low, double close) {
    if (count_ == 0) {
        prev_close_ = close;
        ++count_;
        return value_ = kNan;
    }
    const double tr = ta_true_range(high, low, prev_close_);
    prev_close_ = close;
    const double per = static_cast<double>(period_);
    if (count_ <= period_) {
        sum_ += tr;
        if (count_++ < period_) {
            return value_ = kNan;
        }
        return value_ = sum_ / per;
    }
    double v = value_ * (per - 1.0);
    v += tr;
    v /= per;
    return value_ = v;
}

// ADX (ta_ADX.c): sums of the first period-1 DMs/TRs, then Wilder; the first ADX is the mean of
// `period` DX values.
Adx::Adx(const PeriodParams& p) : period_(p.period), dp_(static_cast<double>(p.period)) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Adx::reset() {
    count_ = 0;
    dx_count_ = 0;
    plus_dm_ = minus_dm_ = tr_ = sum_dx_ = 0.0;
    value_ = kNan;
}
void Adx::directional_step(double high, double low, double& diff_p, double& diff_m) {
    diff_p = high - prev_high_;
    prev_high_ = high;
    diff_m = prev_low_ - low;
    prev_low_ = low;
}
double Adx::update(double high, double low, double close) {
    double minus_dm = 0.0;
    double plus_dm = 0.0;
    double tr = 0.0;
    if (!accumulate(high, low, close, minus_dm, plus_dm, tr)) {
        return value_ = kNan;
    }
    return smooth(dx_of(minus_dm, plus_dm, tr));
}
[[gnu::always_inline]] inline bool Adx::accumulate(double high, double low, double close,
                                                   double& minus_dm, double& plus_dm,
                                                   double& tr_sum) {
    if (count_ == 0) {
        prev_high_ = high;
        prev_low_ = low;
        prev_close_ = close;
        ++count_;
        return false;
    }
    double diff_p = 0.0;
    double diff_m = 0.0;
    directional_step(high, low, diff_p, diff_m);
    const long long p = period_;
    if (count_ >= p) {
        minus_dm_ -= minus_dm_ / dp_;
        plus_dm_ -= plus_dm_ / dp_;
    }
    // Branch-free form of TA-Lib's if / else-if (adding 0.0 leaves the non-negative sums
    // unchanged).
    const bool take_minus = (diff_m > 0) & (diff_p < diff_m);
    const bool take_plus = (!take_minus) & (diff_p > 0) & (diff_p > diff_m);
    minus_dm_ += detail::select(take_minus, diff_m, 0.0);
    plus_dm_ += detail::select(take_plus, diff_p, 0.0);
    const double tr = ta_true_range(prev_high_, prev_low_, prev_close_);
    prev_close_ = close;
    if (count_ < p) {
        tr_ += tr;
        ++count_;
        return false;
    }
    // count_ stays at p from here; smooth() counts the DX bars itself, so a batch may run
    // accumulate() ahead of smooth().
    tr_ = tr_ - (tr_ / dp_) + tr;
    minus_dm = minus_dm_;
    plus_dm = plus_dm_;
    tr_sum = tr_;
    return true;
}
[[gnu::always_inline]] inline double Adx::dx_of(double minus_dm, double plus_dm, double tr) {
    // Every quotient is evaluated and the zero tests select (no branches, so loops vectorise).
    const double minus_di = 100.0 * (minus_dm / tr);
    const double plus_di = 100.0 * (plus_dm / tr);
    const double sum_di = minus_di + plus_di;
    const double dx = 100.0 * (std::fabs(minus_di - plus_di) / sum_di);
    return (ta_is_zero(tr) || ta_is_zero(sum_di)) ? kNan : dx;
}
[[gnu::always_inline]] inline double Adx::smooth(double dx) {
    const long long p = period_;
    const bool seeding = dx_count_ < p;  // TA-Lib: bar count < 2 * period
    ++dx_count_;
    if (dx == dx) {  // NaN: TA-Lib skips the bar (zero true range or DI sum)
        if (seeding) {
            sum_dx_ += dx;
        } else {
            value_ = ((value_ * (dp_ - 1)) + dx) / dp_;
        }
    }
    if (seeding) {
        if (dx_count_ < p) {
            return value_ = kNan;
        }
        value_ = sum_dx_ / dp_;
    }
    return value_;
}

// OBV (ta_OBV.c): starts at the first volume.
void Obv::reset() {
    started_ = false;
    total_ = 0.0;
    value_ = kNan;
}
double Obv::update(double close, double volume) {
    if (!started_) {
        started_ = true;
        total_ = volume;
    } else {
        total_ += obv_step(close, prev_, volume);
    }
    prev_ = close;
    return value_ = total_;
}

// MFI (ta_MFI.c): money flows in a circular buffer; 0 when pos + neg < 1.
Mfi::Mfi(const PeriodParams& p)
    : pos_(as_size(p.period)), neg_(as_size(p.period)), period_(p.period) {
    AITP_CHECK(p.validate().has_value(), "Condition failed: valid talib::PeriodParams");
}
void Mfi::reset() {
    pos_.clear();
    neg_.clear();
    count_ = 0;
    pos_sum_ = neg_sum_ = 0.0;
    value_ = kNan;
}
double Mfi::update(double high, double low, double close, double volume) {
    if (count_ == 0) {
        prev_tp_ = (high + low + close) / 3.0;
        ++count_;
        return value_ = kNan;
    }
    if (count_ > period_) {
        pos_sum_ -= pos_.oldest();
        neg_sum_ -= neg_.oldest();
    }
    double tp = (high + low + close) / 3.0;
    const double change = tp - prev_tp_;
    prev_tp_ = tp;
    tp *= volume;
    // Branch-free form of TA-Lib's three cases (adding 0.0 leaves the sums unchanged).
    const double neg = detail::select(change < 0, tp, 0.0);
    const double pos = detail::select(change > 0, tp, 0.0);
    neg_.push(neg);
    neg_sum_ += neg;
    pos_.push(pos);
    pos_sum_ += pos;
    if (count_ < period_) {
        ++count_;
        return value_ = kNan;
    }
    if (count_ == period_) {
        ++count_;
    }
    const double total = pos_sum_ + neg_sum_;
    value_ = total < 1.0 ? 0.0 : 100.0 * (pos_sum_ / total);
    return value_;
}

namespace {

// ADX over rows [0, size) with `each_row(i)` run in the loop that accumulates row i: chunk k's
// Wilder sums run in the same loop as chunk k-1's DX smoothing (their division chains overlap),
// with DX (three divisions per row) vectorised in between; update()'s operations, as
// accumulate() never depends on smooth(). `s` is taken by value: a copy whose address never
// escapes, so its state stays in registers. each_row lets other recurrences share the loop.
template <class EachRow>
[[gnu::always_inline]] inline void adx_rows(Adx s, const double* high, const double* low,
                                            const double* close, std::size_t size, double* out,
                                            EachRow&& each_row) {
    constexpr std::size_t kChunk = 512;
    double minus_dm[kChunk];
    double plus_dm[kChunk];
    double tr[kChunk];
    double dx[kChunk];
    bool live[kChunk];
    bool live_prev[kChunk];
    std::size_t prev_len = 0;
    for (std::size_t c = 0; c < size + kChunk; c += kChunk) {
        const std::size_t len = c < size ? std::min(kChunk, size - c) : 0;
        const std::size_t both = std::min(len, prev_len);
        std::size_t j = 0;
        for (; j < both; ++j) {
            each_row(c + j);
            live[j] =
                s.accumulate(high[c + j], low[c + j], close[c + j], minus_dm[j], plus_dm[j], tr[j]);
            out[c - kChunk + j] = live_prev[j] ? s.smooth(dx[j]) : kNan;
        }
        for (std::size_t k = j; k < len; ++k) {
            each_row(c + k);
            live[k] =
                s.accumulate(high[c + k], low[c + k], close[c + k], minus_dm[k], plus_dm[k], tr[k]);
        }
        for (std::size_t k = j; k < prev_len; ++k) {
            out[c - kChunk + k] = live_prev[k] ? s.smooth(dx[k]) : kNan;
        }
        for (std::size_t k = 0; k < len; ++k) {
            dx[k] = Adx::dx_of(minus_dm[k], plus_dm[k], tr[k]);
            live_prev[k] = live[k];
        }
        prev_len = len;
    }
}

}  // namespace

[[gnu::flatten]] Status chains(std::span<const double> high, std::span<const double> low,
                               std::span<const double> close, const ChainsJob& job) {
    const bool do_rsi = !job.rsi_out.empty();
    const bool do_atr = !job.atr_out.empty();
    const bool do_adx = !job.adx_out.empty();
    const bool do_ema = !job.ema_out.empty();
    const bool do_macd = !job.macd_out.macd.empty();
    for (const auto& [on, p] :
         {std::pair{do_rsi, job.rsi}, std::pair{do_atr, job.atr}, std::pair{do_adx, job.adx}}) {
        if (on) {
            AITP_TRY(p.validate());
        }
    }
    if (do_ema) {
        AITP_TRY(job.ema.validate());
    }
    if (do_macd) {
        AITP_TRY(job.macd.validate());
    }
    const std::size_t size = close.size();
    for (const std::span<double> o : {job.rsi_out, job.atr_out, job.adx_out, job.ema_out,
                                      job.macd_out.macd, job.macd_out.signal, job.macd_out.hist}) {
        if (!o.empty() && o.size() != size) {
            return fail(Error::invalid_argument(
                fmt::format("output has {} rows but the input has {}", o.size(), size)));
        }
    }
    // Local copies of the streams (their addresses never escape, so their states stay in
    // registers); the per-row flags are loop-invariant and perfectly predicted.
    const Rsi rsi0(do_rsi ? job.rsi : PeriodParams{});
    const Atr atr0(do_atr ? job.atr : PeriodParams{});
    const Ema ema0(do_ema ? job.ema : EmaParams{});
    const Macd macd0(do_macd ? job.macd : MacdParams{});
    Rsi rsi = rsi0;
    Atr atr = atr0;
    Ema ema = ema0;
    Macd macd = macd0;
    const auto each_row = [&](std::size_t i) {
        if (do_rsi) {
            job.rsi_out[i] = rsi.update(close[i]);
        }
        if (do_atr) {
            job.atr_out[i] = atr.update(high[i], low[i], close[i]);
        }
        if (do_ema) {
            job.ema_out[i] = ema.update(close[i]);
        }
        if (do_macd) {
            const MacdValue& v = macd.update(close[i]);
            job.macd_out.macd[i] = v.macd;
            job.macd_out.signal[i] = v.signal;
            job.macd_out.hist[i] = v.hist;
        }
    };
    if (do_adx) {
        // ADX's chunked form (its DX vectorised) with the other chains in its row loop.
        adx_rows(Adx(job.adx), high.data(), low.data(), close.data(), size, job.adx_out.data(),
                 each_row);
    } else {
        for (std::size_t i = 0; i < size; ++i) {
            each_row(i);
        }
    }
    return ok_status();
}

[[gnu::flatten]] Status rsi_unchecked(std::span<const double> close, const PeriodParams& p,
                                      std::span<double> out) {
    detail::stream_rows(Rsi(p), out, close);  // flatten: the updates inlined
    return ok_status();
}

Status rsi(std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"close", close}}, {out}, [&] { return rsi_unchecked(close, p, out); });
}

Status macd_unchecked(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    detail::macd_stream_rows(Macd(p), close, out);
    return ok_status();
}

Status macd(std::span<const double> close, const MacdParams& p, const MacdOutputs& out) {
    return checked(p, {{"close", close}}, {out.macd, out.signal, out.hist},
                   [&] { return macd_unchecked(close, p, out); });
}

Status stoch_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const StochParams& p,
                       const StochOutputs& out) {
    // Fast %K over the rolling extremes (8 windows per step, vectorised formula), then slow K
    // and slow D as TA-Lib SMAs in one loop: Stoch::step's operations.
    const std::size_t size = close.size();
    const std::size_t fk = as_size(p.fastk_period);
    const std::size_t sk = as_size(p.slowk_period);
    const std::size_t sd = as_size(p.slowd_period);
    const double pk = static_cast<double>(sk);
    const double pd = static_cast<double>(sd);
    const std::size_t k0 = fk - 1;       // first %K row
    const std::size_t d0 = k0 + sk - 1;  // first slow K row
    const std::size_t v0 = d0 + sd - 1;  // first slow D row
    double total_k = 0.0;
    double total_d = 0.0;
    // This chunk's fast %K with the sk - 1 previous ones in front (the values leaving slow K).
    std::vector<double> fast(sk - 1 + detail::kHighLowChunk);
    detail::for_each_high_low(
        high.data(), low.data(), size, fk,
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            if (c > 0) {
                std::copy(fast.end() - static_cast<std::ptrdiff_t>(sk - 1), fast.end(),
                          fast.begin());
            }
            double* fk_row = fast.data() + (sk - 1);  // fk_row[j]: row c + j
            for (std::size_t j = 0; j < len; ++j) {
                fk_row[j] = Stoch::fast_k(hh[j], ll[j], close[c + j]);
            }
            for (std::size_t j = 0; j < len; ++j) {
                const std::size_t i = c + j;
                out.slowk[i] = kNan;
                out.slowd[i] = kNan;
                if (i < k0) {
                    continue;
                }
                total_k += fk_row[j];
                if (i < d0) {
                    continue;
                }
                const double sum_k = total_k;  // TA-Lib's SMA: the sum, then the oldest leaves
                total_k -= fast[j];            // row i + 1 - sk
                out.slowk[i] = sum_k / pk;
                total_d += out.slowk[i];
                if (i < v0) {
                    continue;
                }
                const double sum_d = total_d;
                total_d -= out.slowk[i + 1 - sd];
                out.slowd[i] = sum_d / pd;
            }
        });
    std::fill(out.slowk.begin() + static_cast<std::ptrdiff_t>(std::min(d0, size)),
              out.slowk.begin() + static_cast<std::ptrdiff_t>(std::min(v0, size)), kNan);
    return ok_status();
}

Status stoch(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const StochParams& p, const StochOutputs& out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out.slowk, out.slowd},
                   [&] { return stoch_unchecked(high, low, close, p, out); });
}

Status willr_unchecked(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, const PeriodParams& p,
                       std::span<double> out) {
    Willr s(p);
    detail::for_each_high_low(
        high.data(), low.data(), close.size(), as_size(p.period),
        [&](std::size_t c, std::size_t len, const double* hh, const double* ll) {
            for (std::size_t j = 0; j < len; ++j) {
                out[c + j] = s.step(hh[j], ll[j], close[c + j]);
            }
        });
    return ok_status();
}

Status willr(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out},
                   [&] { return willr_unchecked(high, low, close, p, out); });
}
namespace {

// ta_cci_value for one bar from its window alone (the prefix folded here).
double ta_cci_scalar(const double* w, std::size_t n, std::size_t m, double period) {
    double prefix = 0.0;
    for (std::size_t i = n - 1 - m; i < n; ++i) {
        prefix += w[i];
    }
    return ta_cci_value(w, n, m, prefix, period);
}

// ta_cci_value for the 8 bars b0..b0+7 at once, one bar per lane; every lane performs exactly
// the scalar sequence of operations. x(r) = x0[r - r0] is the typical price of bar r. A lane's
// slot-order sequence is tp[B + t] for t <= m and tp[B + t - n] after, with B its block start
// (a multiple of n) and m = bar - B; in 8 consecutive bars B takes at most two values, B0 and
// B0 + n (when n >= 8), so each step needs three candidate values and two selects. Requires
// 8 <= n <= kCciMaxN.
constexpr std::size_t kCciMaxN = 128;
// kGroups groups of 8 bars (b0, b0 + 8, ...) at once: each lane's sums are sequential chains
// (TA-Lib's order), so independent groups in one loop let those chains overlap.
template <std::size_t kGroups>
void ta_cci_lanes(const double* x0, std::size_t r0, std::size_t r_end, std::size_t b0,
                  std::size_t n, double period, double* out) {
    using detail::lanes::v8d;
    using detail::lanes::v8l;
    // Candidates no lane selects may fall outside [r0, r_end), up to n rows either side: the
    // caller's buffer has that much padding, so they are read (and discarded) unclamped.
    (void)r_end;
    const auto at = [&](std::ptrdiff_t r) { return x0[r - static_cast<std::ptrdiff_t>(r0)]; };
    std::size_t base[kGroups];
    v8l m[kGroups];
    v8l hi[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        // One integer division per group: lane j's slot is (b % n) + j, wrapped into the next
        // block (n >= 8, so at most once).
        const std::size_t b = b0 + 8 * g;
        const std::size_t m0 = b % n;
        base[g] = b - m0;
        for (int j = 0; j < 8; ++j) {
            const std::size_t slot = m0 + static_cast<std::size_t>(j);
            const bool wraps = slot >= n;
            m[g][j] = static_cast<std::int64_t>(wraps ? slot - n : slot);
            hi[g][j] = wraps ? -1 : 0;
        }
    }
    v8d avg[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        avg[g] = v8d{} + 0.0;
    }
    const std::ptrdiff_t sn = static_cast<std::ptrdiff_t>(n);
    for (std::size_t t = 0; t < n; ++t) {
        const v8l tv = v8l{} + static_cast<std::int64_t>(t);
        for (std::size_t g = 0; g < kGroups; ++g) {
            const std::ptrdiff_t r = static_cast<std::ptrdiff_t>(base[g] + t);
            const v8d lo = v8d{} + at(r - sn);
            const v8d mid = v8d{} + at(r);
            const v8d up = v8d{} + at(r + sn);
            const v8l in_block = tv <= m[g];
            const v8d v = hi[g] != 0 ? (in_block != 0 ? up : mid) : (in_block != 0 ? mid : lo);
            avg[g] += v;
        }
    }
    const v8d per = v8d{} + period;
    const v8l abs_mask = v8l{} + INT64_MAX;
    v8d dev[kGroups];
    for (std::size_t g = 0; g < kGroups; ++g) {
        avg[g] /= per;
        // ta_cci_value's deviation order: the window oldest first, w[i] into partial sum i % 4.
        // Lane j's window starts at bar b0 + 8g + j + 1 - n: contiguous loads.
        const double* w0 = x0 + (b0 + 8 * g + 1 - n - r0);
        v8d d[4];
        for (v8d& v : d) {
            v = v8d{} + 0.0;
        }
        v8d v;
        std::size_t i = 0;
        for (; i + 4 <= n; i += 4) {
            for (std::size_t q = 0; q < 4; ++q) {
                std::memcpy(&v, w0 + i + q, sizeof v);
                d[q] += (v8d)((v8l)(v - avg[g]) & abs_mask);
            }
        }
        for (std::size_t q = 0; i < n; ++i, ++q) {
            std::memcpy(&v, w0 + i, sizeof v);
            d[q] += (v8d)((v8l)(v - avg[g]) & abs_mask);
        }
        dev[g] = (d[0] + d[1]) + (d[2] + d[3]);
    }
    const v8d zero = v8d{} + 0.0;
    for (std::size_t g = 0; g < kGroups; ++g) {
        v8d tp;
        std::memcpy(&tp, &x0[b0 + 8 * g - r0], sizeof tp);
        const v8d num = tp - avg[g];
        const v8d q = (num / dev[g]) * (per / 0.015);
        const v8d res = (num != 0.0 && dev[g] != 0.0) != 0 ? q : zero;
        std::memcpy(out + 8 * g, &res, sizeof res);
    }
}

}  // namespace

Status cci_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    // Typical prices go to a chunk buffer that keeps the n-1 previous ones in front, so each
    // bar's window is contiguous; bars are computed 8 at a time in lanes (ta_cci_lanes) or one
    // by one, both with the stream's sequence of operations (ta_cci_value).
    const std::size_t n = as_size(p.period);
    const double period = static_cast<double>(p.period);
    constexpr std::size_t kChunk = 1024;
    // n - 1 previous typical prices, the chunk, and padding of n in front and 2n behind for the
    // candidates ta_cci_lanes reads but never selects.
    std::vector<double> store(n + (n - 1 + kChunk) + 2 * n);
    const std::span<double> buf(store.data() + n, n - 1 + kChunk);
    const std::size_t size = close.size();
    std::fill_n(out.begin(), std::min(size, n - 1), kNan);
    for (std::size_t c = 0; c < size; c += kChunk) {
        const std::size_t len = std::min(kChunk, size - c);
        if (c > 0) {
            std::copy(buf.end() - static_cast<std::ptrdiff_t>(n - 1), buf.end(), buf.begin());
        }
        for (std::size_t j = 0; j < len; ++j) {
            const std::size_t i = c + j;
            buf[n - 1 + j] = (high[i] + low[i] + close[i]) / 3;
        }
        // buf[k] holds the typical price of bar c - (n - 1) + k (k >= n - 1 - c when c < n - 1).
        const std::size_t first = std::max(c, n - 1);
        const std::size_t r0 = c + 1 >= n ? c + 1 - n : 0;  // oldest bar held
        const double* x0 = buf.data() + (r0 + n - 1 - c);
        std::size_t i = first;
        if (n >= 8 && n <= kCciMaxN) {
            for (; i + 32 <= c + len; i += 32) {
                ta_cci_lanes<4>(x0, r0, c + len, i, n, period, &out[i]);
            }
            for (; i + 8 <= c + len; i += 8) {
                ta_cci_lanes<1>(x0, r0, c + len, i, n, period, &out[i]);
            }
        }
        for (; i < c + len; ++i) {
            out[i] = ta_cci_scalar(&buf[i - c], n, i % n, period);
        }
    }
    return ok_status();
}

Status cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out},
                   [&] { return cci_unchecked(high, low, close, p, out); });
}

// flatten inlines update() into stream_rows' loop.
[[gnu::flatten]] Status atr_unchecked(std::span<const double> high, std::span<const double> low,
                                      std::span<const double> close, const PeriodParams& p,
                                      std::span<double> out) {
    detail::stream_rows(Atr(p), out, high, low, close);
    return ok_status();
}

Status atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out},
                   [&] { return atr_unchecked(high, low, close, p, out); });
}
Status adx_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const PeriodParams& p, std::span<double> out) {
    adx_rows(Adx(p), high.data(), low.data(), close.data(), close.size(), out.data(),
             [](std::size_t) {});
    return ok_status();
}

Status adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}}, {out},
                   [&] { return adx_unchecked(high, low, close, p, out); });
}

Status obv_unchecked(std::span<const double> close, std::span<const double> volume,
                     std::span<double> out) {
    // The steps (vectorised), then the running total: update()'s operations.
    const std::size_t size = close.size();
    if (size == 0) {
        return ok_status();
    }
    for (std::size_t i = 1; i < size; ++i) {
        out[i] = obv_step(close[i], close[i - 1], volume[i]);
    }
    double total = volume[0];
    out[0] = total;
    for (std::size_t i = 1; i < size; ++i) {
        total += out[i];
        out[i] = total;
    }
    return ok_status();
}

Status obv(std::span<const double> close, std::span<const double> volume, std::span<double> out) {
    return checked({{"close", close}, {"volume", volume}}, {out},
                   [&] { return obv_unchecked(close, volume, out); });
}

Status mfi_unchecked(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<const double> volume,
                     const PeriodParams& p, std::span<double> out) {
    Mfi s(p);
    for (std::size_t i = 0; i < close.size(); ++i) {
        out[i] = s.update(high[i], low[i], close[i], volume[i]);
    }
    return ok_status();
}

Status mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
           std::span<const double> volume, const PeriodParams& p, std::span<double> out) {
    return checked(p, {{"high", high}, {"low", low}, {"close", close}, {"volume", volume}}, {out},
                   [&] { return mfi_unchecked(high, low, close, volume, p, out); });
}

}  // namespace aitp::indicators::talib
