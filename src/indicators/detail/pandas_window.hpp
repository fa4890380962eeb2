// SPDX-License-Identifier: MIT
// Streaming re-implementations of the pandas 2.2 window kernels the original indicator code
// relies on, operation for operation, so results match pandas bit for bit (or to 1e-16):
// roll_sum/roll_mean (Kahan, constant-window detection), roll_var (Welford with Kahan
// compensation), ewm (adjust=False), rolling max/min, and numpy's pairwise sum.
// Source: pandas/_libs/window/aggregations.pyx (v2.2.3), numpy/_core/src/umath/loops_utils.h.src.
// Not thread-safe; one object per stream.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "indicators/detail/ring.hpp"
#include "indicators/detail/window.hpp"

namespace aitp::indicators::detail {

inline constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

/// c ? a : b without a branch (bit masks), for selects on unpredictable conditions such as the
/// sign of a price change, which compilers otherwise often turn into mispredicted jumps.
[[gnu::always_inline]] inline double select(bool c, double a, double b) {
    const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & m) |
                                 (std::bit_cast<std::uint64_t>(b) & ~m));
}

/// Division by a fixed small positive integer d that gives exactly a / d (correctly rounded),
/// computed where the build has FMA as a multiplication by y = RN(1/d) and one correction
/// (q = a*y, q' = q + (a - q*d)*y with two FMAs): off the divider, whose latency and
/// occupancy bound the rolling recurrences. Exactness: when |d*y - 1| <= 2^-54, q is within
/// one ulp of a/d, and then q' = RN(a/d) (Markstein's theorem; Muller et al., Handbook of
/// Floating-Point Arithmetic, 2nd ed., 4.9); the constructor checks that bound exactly
/// (d*y - 1 is representable for d < 2^26) and otherwise divides. So the numbers are the
/// division's, with or without FMA (tested for every d used, against a / d). Outside the
/// normal range (a quotient that underflows) the division itself is used.
class Divisor {
  public:
    explicit Divisor(double d = 1.0) : d_(d), y_(1.0 / d) {
        exact_ = d >= 1.0 && d < 67108864.0 && d == std::floor(d) &&
                 std::fabs(std::fma(d, y_, -1.0)) <= 0x1p-54;
    }
    double value() const { return d_; }
    /// True when divide() may take the multiply-and-correct form.
    bool exact_by_fma() const { return exact_; }
    [[gnu::always_inline]] double divide(double a) const {
#ifdef __FMA__
        if (exact_) {
            return divide_fma(a);
        }
#endif
        return a / d_;
    }
    /// The multiply-and-correct form whatever the build (for tests; a libm call without FMA).
    /// Requires exact_by_fma() for the result to be a / d.
    [[gnu::always_inline]] double divide_fma(double a) const {
        // Zero (whose sign the correction would lose), quotients near the subnormal range and
        // non-finite values take the division.
        const double m = std::fabs(a);
        if (__builtin_expect(m >= 0x1p-900 && m <= 0x1p1000, 1)) {
            const double q = a * y_;
            return std::fma(std::fma(-q, d_, a), y_, q);
        }
        return a / d_;
    }

  private:
    double d_;
    double y_;
    bool exact_ = false;
};

/// pandas roll_sum / roll_mean state over a fixed window with min_periods = window, without the
/// window's values: the caller passes the value leaving the window (RollingKahan keeps them in a
/// ring; a batch kernel reads them from its input). Trivially copyable, so a batch kernel can
/// hold it in a local that the compiler keeps in registers.
class KahanWindow {
  public:
    explicit KahanWindow(std::size_t window = 1) : window_(window) {}

    void reset() { clear_state(); }

    /// Slides the window forward by one value (pandas removes the leaving value first): `full`
    /// tells whether `window` values were added before, `leaving` is the one added `window`
    /// slides ago.
    [[gnu::always_inline]] void slide(double x, bool full, double leaving) {
        if (window_ == 1) {
            clear_state();  // pandas re-runs its setup branch when windows do not overlap
        } else if (full) {
            remove(leaving);
        }
        add(x);
    }

    /// True when the window holds `window` (>= 2) observations: a slide by a non-NaN value then
    /// may take slide_steady() (the leaving value is an observation, so not NaN either).
    [[gnu::always_inline]] bool steady() const {
        return nobs_ == static_cast<std::int64_t>(window_) && window_ > 1;
    }
    /// slide(x, true, leaving) when steady() and x is not NaN: the same operations without the
    /// NaN tests and the observation count (which stays `window`).
    [[gnu::always_inline]] void slide_steady(double x, double leaving) {
        remove_value(leaving);
        add_value(x);
    }
    /// mean() when steady().
    [[gnu::always_inline]] double mean_steady() const {
        return clamp_mean(sum_ / static_cast<double>(window_));
    }
    std::int64_t same_run() const { return same_run_; }

    /// pandas calc_mean.
    [[gnu::always_inline]] double mean() const {
        if (nobs_ < static_cast<std::int64_t>(window_) || nobs_ == 0) {
            return kNan;
        }
        return clamp_mean(sum_ / static_cast<double>(nobs_));
    }

  private:
    /// calc_mean's corrections of the quotient: a window of equal values gives that value, and
    /// rounding may not change the sign the observations' signs imply.
    [[gnu::always_inline]] double clamp_mean(double result) const {
        // The usual case in one test: a run shorter than the window and values of both signs
        // (0 < neg_ct < nobs, as one unsigned comparison).
        if (same_run_ < nobs_ && static_cast<std::uint64_t>(neg_ct_ - 1) <
                                     static_cast<std::uint64_t>(nobs_ - 1)) [[likely]] {
            return result;
        }
        if (same_run_ >= nobs_) {
            result = prev_value_;
        } else if (neg_ct_ == 0 && result < 0.0) {
            result = 0.0;
        } else if (neg_ct_ == nobs_ && result > 0.0) {
            result = 0.0;
        }
        return result;
    }

  public:
    /// The running state, for kernels that continue it elsewhere (e.g. in vector lanes).
    struct State {
        double sum, comp_add, comp_remove, prev_value;
        std::int64_t nobs, neg_ct, same_run;
    };
    State state() const {
        return {sum_, comp_add_, comp_remove_, prev_value_, nobs_, neg_ct_, same_run_};
    }

    /// pandas calc_sum.
    [[gnu::always_inline]] double sum() const {
        if (nobs_ < static_cast<std::int64_t>(window_)) {
            return kNan;
        }
        if (same_run_ >= nobs_) {
            return prev_value_ * static_cast<double>(nobs_);
        }
        return sum_;
    }

  private:
    void clear_state() {
        nobs_ = 0;
        neg_ct_ = 0;
        same_run_ = 0;
        sum_ = 0.0;
        comp_add_ = 0.0;
        comp_remove_ = 0.0;
        prev_value_ = kNan;
    }
    [[gnu::always_inline]] void add(double val) {
        if (val != val) {
            return;
        }
        ++nobs_;
        add_value(val);
    }
    [[gnu::always_inline]] void remove(double val) {
        if (val != val) {
            return;
        }
        --nobs_;
        remove_value(val);
    }
    [[gnu::always_inline]] void add_value(double val) {
        const double y = val - comp_add_;
        const double t = sum_ + y;
        comp_add_ = t - sum_ - y;
        sum_ = t;
        // Counters without data-dependent branches (zeros and ties come in random runs).
        neg_ct_ += std::signbit(val) ? 1 : 0;
        same_run_ = static_cast<std::int64_t>(val == prev_value_) * same_run_ + 1;
        prev_value_ = val;
    }
    [[gnu::always_inline]] void remove_value(double val) {
        const double y = -val - comp_remove_;
        const double t = sum_ + y;
        comp_remove_ = t - sum_ - y;
        sum_ = t;
        neg_ct_ -= std::signbit(val) ? 1 : 0;
    }

    std::size_t window_;
    std::int64_t nobs_ = 0;
    std::int64_t neg_ct_ = 0;
    std::int64_t same_run_ = 0;
    double sum_ = 0.0;
    double comp_add_ = 0.0;
    double comp_remove_ = 0.0;
    double prev_value_ = kNan;
};

/// KahanWindow with the window's values kept in a ring (for streams).
class RollingKahan {
  public:
    using State = KahanWindow::State;
    explicit RollingKahan(std::size_t window = 1) : ring_(window), k_(window) {}

    void reset() {
        ring_.clear();
        k_.reset();
    }

    /// Slides the window forward by one value.
    void push(double x) {
        const bool full = ring_.is_full();
        const double leaving = full ? ring_.oldest() : 0.0;
        ring_.push(x);
        k_.slide(x, full, leaving);
    }

    /// push() for a caller that holds the series itself (see KahanWindow::slide); the ring is
    /// then not used; do not mix with push().
    [[gnu::always_inline]] void slide(double x, bool full, double leaving) {
        k_.slide(x, full, leaving);
    }

    [[gnu::always_inline]] double mean() const { return k_.mean(); }
    [[gnu::always_inline]] double sum() const { return k_.sum(); }
    State state() const { return k_.state(); }
    /// The state without the ring (a copy continues where this one is).
    const KahanWindow& window() const { return k_; }

  private:
    Ring ring_;
    KahanWindow k_;
};

/// pandas zsqrt: the square root of a variance, 0 for negative ones.
[[gnu::always_inline]] inline double zsqrt(double v) { return v < 0.0 ? 0.0 : std::sqrt(v); }

/// pandas roll_var state over a fixed window with min_periods = window, without the window's
/// values (the caller passes the leaving value; see KahanWindow). Trivially copyable.
class VarWindow {
  public:
    explicit VarWindow(std::size_t window = 1, int ddof = 1)
        : window_(window),
          ddof_(ddof),
          full_(static_cast<double>(window)),
          by_full_(full_),
          by_full_less_one_(full_ - 1.0 >= 1.0 ? full_ - 1.0 : 1.0),
          by_dof_(full_ - ddof > 0.0 ? full_ - ddof : 1.0) {}

    void reset() { clear_state(); }

    /// As KahanWindow::slide.
    [[gnu::always_inline]] void slide(double x, bool full, double leaving) {
        if (window_ == 1) {
            clear_state();
        } else if (full) {
            remove(leaving);
        }
        add(x);
    }

    /// True when the window holds `window` (>= 2) observations (see KahanWindow::steady()).
    [[gnu::always_inline]] bool steady() const { return nobs_ == full_ && window_ > 1; }
    /// slide(x, true, leaving) when steady() and x is not NaN, without the NaN tests, the
    /// observation count and the run of equal values (MeanVarWindow counts it once, in its
    /// KahanWindow; see there why this window's stale count is never read wrongly).
    [[gnu::always_inline]] void slide_steady_values(double x, double leaving) {
        remove_steady(leaving);
        add_steady(x);
    }
    /// slide(x, true, leaving) and then var() when steady() and x is not NaN: the steady-state
    /// forms, with this window's own run of equal values (add()'s count).
    [[gnu::always_inline]] double slide_steady_var(double x, double leaving) {
        same_run_ = static_cast<std::int64_t>(x == prev_value_) * same_run_ + 1;
        prev_value_ = x;
        slide_steady_values(x, leaving);
        return var_steady(same_run_);
    }
    /// var() when steady(), given the run of equal values ending at the newest.
    [[gnu::always_inline]] double var_steady(std::int64_t same_run) const {
        if (!(full_ > ddof_)) {
            return kNan;
        }
        if (static_cast<double>(same_run) >= full_) {
            return 0.0;
        }
        return by_dof_.divide(ssqdm_);
    }

    /// pandas calc_var.
    [[gnu::always_inline]] double var() const {
        if (nobs_ >= static_cast<double>(window_) && nobs_ > ddof_) {
            if (nobs_ == 1.0 || static_cast<double>(same_run_) >= nobs_) {
                return 0.0;
            }
            return nobs_ == full_ ? by_dof_.divide(ssqdm_)
                                  : ssqdm_ / (nobs_ - static_cast<double>(ddof_));
        }
        return kNan;
    }

    /// pandas zsqrt(var): negative variances become 0.
    double stddev() const { return zsqrt(var()); }

  private:
    void clear_state() {
        nobs_ = 0.0;
        mean_ = 0.0;
        ssqdm_ = 0.0;
        comp_add_ = 0.0;
        comp_remove_ = 0.0;
        same_run_ = 0;
        prev_value_ = kNan;
    }
    [[gnu::always_inline]] void add(double val) {
        if (val != val) {
            return;
        }
        nobs_ += 1.0;  // so nobs_ >= 1 (pandas' nobs == 0 branch cannot be taken here)
        same_run_ = static_cast<std::int64_t>(val == prev_value_) * same_run_ + 1;
        prev_value_ = val;
        // Divisor: exactly t / nobs_, without the divider in the steady state.
        welford_step<true>(val, comp_add_, [&](double t) {
            return nobs_ == full_ ? by_full_.divide(t) : t / nobs_;
        });
    }
    [[gnu::always_inline]] void remove(double val) {
        if (val != val) {
            return;
        }
        nobs_ -= 1.0;
        if (nobs_ != 0.0) {
            welford_step<false>(val, comp_remove_, [&](double t) {
                return nobs_ == full_ - 1.0 ? by_full_less_one_.divide(t) : t / nobs_;
            });
        } else {
            mean_ = 0.0;
            ssqdm_ = 0.0;
        }
    }
    // add() and remove() at nobs_ == full_, the run of equal values aside.
    [[gnu::always_inline]] void add_steady(double val) {
        welford_step<true>(val, comp_add_, [&](double t) { return by_full_.divide(t); });
    }
    [[gnu::always_inline]] void remove_steady(double val) {
        welford_step<false>(val, comp_remove_,
                            [&](double t) { return by_full_less_one_.divide(t); });
    }
    /// pandas' Kahan-compensated Welford step of val into (kAdd) or out of the window, with its
    /// compensation term; divide(t) is t / nobs_ (nobs_ already counted).
    template <bool kAdd, class Divide>
    [[gnu::always_inline]] void welford_step(double val, double& comp, Divide divide) {
        const double prev_mean = mean_ - comp;
        const double y = val - comp;
        const double t = y - mean_;
        comp = t + mean_ - y;
        mean_ = kAdd ? mean_ + divide(t) : mean_ - divide(t);
        const double d = (val - prev_mean) * (val - mean_);
        ssqdm_ = kAdd ? ssqdm_ + d : ssqdm_ - d;
    }

    std::size_t window_;
    int ddof_;
    double full_;               ///< the window as a double
    Divisor by_full_;           ///< nobs_ in the steady state after add()
    Divisor by_full_less_one_;  ///< ... after remove()
    Divisor by_dof_;            ///< nobs_ - ddof_ when full
    double nobs_ = 0.0;
    double mean_ = 0.0;
    double ssqdm_ = 0.0;
    double comp_add_ = 0.0;
    double comp_remove_ = 0.0;
    std::int64_t same_run_ = 0;
    double prev_value_ = kNan;
};

/// pandas' rolling mean and rolling variance of the same values (Bollinger Bands, Squeeze): a
/// KahanWindow and a VarWindow slid together; in the steady state (both full of observations,
/// a non-NaN value coming) without their bookkeeping, and the run of equal values, which both
/// count alike, kept once (in the KahanWindow). The VarWindow's own run count is left stale
/// while steady and not handed back when a NaN ends the steady state: it is read only when the
/// window is full again, that is after `window` observations past the NaN, and a run reaching
/// back past them means all of them are equal, so both counts reach the window alike. The same
/// numbers as the two windows slid apart (tested). Trivially copyable.
class MeanVarWindow {
  public:
    explicit MeanVarWindow(std::size_t window = 1, int ddof = 1)
        : mean_(window), var_(window, ddof) {}

    void reset() {
        mean_.reset();
        var_.reset();
        steady_ = false;
    }

    /// As KahanWindow::slide; gives the mean and the variance after it.
    [[gnu::always_inline]] void slide(double x, bool full, double leaving, double& mean,
                                      double& var) {
        if (steady_ && x == x) [[likely]] {
            mean_.slide_steady(x, leaving);
            var_.slide_steady_values(x, leaving);
            mean = mean_.mean_steady();
            var = var_.var_steady(mean_.same_run());
            return;
        }
        mean_.slide(x, full, leaving);
        var_.slide(x, full, leaving);
        mean = mean_.mean();
        var = var_.var();
        steady_ = mean_.steady();
    }

  private:
    KahanWindow mean_;
    VarWindow var_;
    bool steady_ = false;
};

/// Returns pandas' alpha for ewm(span=span): 1 / (1 + (span - 1) / 2).
inline double ewm_alpha_from_span(double span) { return 1.0 / (1.0 + (span - 1.0) / 2.0); }
/// Returns pandas' effective alpha for ewm(alpha=a): com = (1 - a) / a, alpha = 1 / (1 + com).
inline double ewm_alpha_from_alpha(double a) { return 1.0 / (1.0 + (1.0 - a) / a); }

/// pandas ewm(..., adjust=False, ignore_na=False).mean().
class Ewm {
  public:
    Ewm(double alpha = 1.0, std::int64_t min_periods = 0)
        : alpha_(alpha), factor_(1.0 - alpha), min_periods_(min_periods < 1 ? 1 : min_periods) {}

    void reset() {
        started_ = false;
        weighted_ = kNan;
        old_wt_ = 1.0;
        nobs_ = 0;
    }

    double update(double x) {
        const bool obs = x == x;
        if (!started_) {
            started_ = true;
            weighted_ = x;
            nobs_ = obs ? 1 : 0;
            old_wt_ = 1.0;
        } else {
            nobs_ += obs ? 1 : 0;
            if (weighted_ == weighted_) {
                old_wt_ *= factor_;
                if (obs) {
                    if (weighted_ != x) {  // pandas leaves constant series untouched
                        // old_wt + alpha rounds to exactly 1 whenever old_wt = 1 - alpha (every
                        // step without a preceding NaN), and x / 1.0 == x: skip that division.
                        const double num = old_wt_ * weighted_ + alpha_ * x;
                        const double den = old_wt_ + alpha_;
                        weighted_ = den == 1.0 ? num : num / den;
                    }
                    old_wt_ = 1.0;
                }
            } else if (obs) {
                weighted_ = x;
            }
        }
        return nobs_ >= min_periods_ ? weighted_ : kNan;
    }

  private:
    double alpha_;
    double factor_;
    std::int64_t min_periods_;
    bool started_ = false;
    double weighted_ = kNan;
    double old_wt_ = 1.0;
    std::int64_t nobs_ = 0;
};

/// Rolling maximum (or minimum) over a full window of finite values; NaN until full. O(1)
/// amortised per update without data-dependent branches (van Herk / Gil-Werman): the stream is
/// cut into blocks of `window` values; the window's extreme is the extreme of the current
/// block's running extreme and the suffix extreme of the previous block, whose suffix extremes
/// are computed once when it completes. The extreme of a set does not depend on the evaluation
/// order, so this equals window_extreme() over the same values.
template <bool kMax>
class RollingExtreme {
  public:
    explicit RollingExtreme(std::size_t window = 1)
        : k_(window < 1 ? 1 : window), block_(k_), suffix_(k_) {}
    void reset() {
        pos_ = 0;
        count_ = 0;
    }
    double update(double x) {
        block_[pos_] = x;
        cur_ = pos_ == 0 ? x : pick(cur_, x);
        const std::size_t j = pos_;
        if (count_ < k_) {
            ++count_;
        }
        const bool full = count_ == k_;
        // The window: this block's values 0..j and the previous block's j+1..k-1.
        const double result = j + 1 < k_ ? pick(suffix_[j + 1], cur_) : cur_;
        if (++pos_ == k_) {
            double m = block_[k_ - 1];
            suffix_[k_ - 1] = m;
            for (std::size_t t = k_ - 1; t-- > 0;) {
                m = pick(block_[t], m);
                suffix_[t] = m;
            }
            pos_ = 0;
        }
        return full ? result : kNan;
    }

  private:
    static double pick(double a, double b) { return kMax ? (b > a ? b : a) : (b < a ? b : a); }

    std::size_t k_;
    std::vector<double> block_;   ///< the current block's values
    std::vector<double> suffix_;  ///< suffix extremes of the previous block
    double cur_ = 0.0;            ///< running extreme of the current block
    std::size_t pos_ = 0;         ///< position in the current block
    std::size_t count_ = 0;       ///< values seen, saturating at the window
};
using RollingMax = RollingExtreme<true>;
using RollingMin = RollingExtreme<false>;

/// RollingMax of the highs and RollingMin of the lows over one window, sharing the block
/// bookkeeping (one position, one count, one block boundary per update); the same values.
class RollingHighLow {
  public:
    explicit RollingHighLow(std::size_t window = 1)
        : k_(window < 1 ? 1 : window), highs_(k_), lows_(k_), high_suffix_(k_), low_suffix_(k_) {}
    void reset() {
        pos_ = 0;
        count_ = 0;
    }
    /// Pushes a bar; hh and ll become the window's highest high and lowest low (NaN until full).
    [[gnu::always_inline]] void update(double high, double low, double& hh, double& ll) {
        if (count_ < k_) {
            ++count_;
        }
        const bool full = count_ == k_;
        update_steady(high, low, hh, ll);
        hh = full ? hh : kNan;
        ll = full ? ll : kNan;
    }

    /// update() once the window is full (the caller knows it is).
    [[gnu::always_inline]] void update_steady(double high, double low, double& hh, double& ll) {
        highs_[pos_] = high;
        lows_[pos_] = low;
        cur_high_ = pos_ == 0 ? high : max_of(cur_high_, high);
        cur_low_ = pos_ == 0 ? low : min_of(cur_low_, low);
        const std::size_t j = pos_;
        hh = j + 1 < k_ ? max_of(high_suffix_[j + 1], cur_high_) : cur_high_;
        ll = j + 1 < k_ ? min_of(low_suffix_[j + 1], cur_low_) : cur_low_;
        if (++pos_ == k_) {
            double mh = highs_[k_ - 1];
            double ml = lows_[k_ - 1];
            high_suffix_[k_ - 1] = mh;
            low_suffix_[k_ - 1] = ml;
            for (std::size_t t = k_ - 1; t-- > 0;) {
                mh = max_of(highs_[t], mh);
                ml = min_of(lows_[t], ml);
                high_suffix_[t] = mh;
                low_suffix_[t] = ml;
            }
            pos_ = 0;
        }
    }

  private:
    static double max_of(double a, double b) { return b > a ? b : a; }
    static double min_of(double a, double b) { return b < a ? b : a; }

    std::size_t k_;
    std::vector<double> highs_;
    std::vector<double> lows_;
    std::vector<double> high_suffix_;
    std::vector<double> low_suffix_;
    double cur_high_ = 0.0;
    double cur_low_ = 0.0;
    std::size_t pos_ = 0;
    std::size_t count_ = 0;
};

/// True range with the previous close; the first row (no previous close) is high - low.
inline double true_range(double high, double low, double prev_close, bool has_prev) {
    const double hl = high - low;
    if (!has_prev) {
        return hl;
    }
    const double hc = std::fabs(high - prev_close);
    const double lc = std::fabs(low - prev_close);
    double m = hl;
    m = hc > m ? hc : m;
    m = lc > m ? lc : m;
    return m;
}

/// true_range() of row i of the series (row 0 has no previous close).
inline double true_range_at(const double* high, const double* low, const double* close,
                            std::size_t i) {
    return true_range(high[i], low[i], i > 0 ? close[i - 1] : 0.0, i > 0);
}

/// true_range() of rows first..first+len-1 into dst (row 0 has no previous close).
inline void true_range_rows(const double* high, const double* low, const double* close,
                            std::size_t first, std::size_t len, double* dst) {
    std::size_t j = 0;
    if (first == 0 && len > 0) {
        dst[0] = true_range(high[0], low[0], 0.0, false);
        j = 1;
    }
    for (; j < len; ++j) {
        const std::size_t i = first + j;
        dst[j] = true_range(high[i], low[i], close[i - 1], true);
    }
}

}  // namespace aitp::indicators::detail
