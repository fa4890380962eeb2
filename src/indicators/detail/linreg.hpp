// SPDX-License-Identifier: MIT
// LinRegWindow: the least-squares line over the last n values (x = 0..n-1), evaluated at the
// last point, in O(1) per value from two rolling sums, S = sum y_k and T = sum k*y_k (k = 0 for
// the oldest). Sliding by one is S' = S - y_0 + y and T' = T - (S - y_0) + (n-1)*y. Rounding
// such sums step after step would drift, and the slope's numerator 2T - (n-1)S cancels (a
// window of deltas around zero), so both sums are kept as unevaluated pairs hi + lo with
// error-free transformations (two_sum, two_prod: Knuth, Dekker; Ogita, Rump and Oishi's
// cascaded summation): hi carries the rounded sum, lo the exact rounding errors, and every n
// values the pair is renormalised (hi = fl(hi + lo)), so lo stays near one ulp of hi whatever
// the stream's length. The result is within a few units in the last place of its two terms
// (the window's mean and the slope's part) of the exact line value, however long the stream
// (tested against an exact integer evaluation), not the rounding of one summation order.
// Batch kernels and streams run the same slide(), so they agree bit for bit. A NaN or infinite
// value restarts the sums (NaN until n finite values follow; an infinity would otherwise stay in
// them for good).
// Trivially copyable; the caller keeps the window's values (it passes the leaving one).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

namespace aitp::indicators::detail {

/// s + e == a + b exactly, s = fl(a + b) (Knuth's TwoSum; no condition on magnitudes).
[[gnu::always_inline]] inline void two_sum(double a, double b, double& s, double& e) {
    s = a + b;
    const double bb = s - a;
    e = (a - (s - bb)) + (b - bb);
}

/// p + e == a * b exactly, p = fl(a * b), when no overflow or underflow occurs: an FMA where
/// the build has one, otherwise Dekker's product with Veltkamp splitting. Both are exact, so
/// the pair is the same whichever is compiled.
[[gnu::always_inline]] inline void two_prod(double a, double b, double& p, double& e) {
    p = a * b;
#ifdef __FMA__
    e = std::fma(a, b, -p);
#else
    constexpr double kSplit = 134217729.0;  // 2^27 + 1
    const double ca = kSplit * a;
    const double ah = ca - (ca - a);
    const double al = a - ah;
    const double cb = kSplit * b;
    const double bh = cb - (cb - b);
    const double bl = b - bh;
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
}

class LinRegWindow {
public:
    /// Requires: n >= 2.
    explicit LinRegWindow(std::size_t n = 2)
        : n_(n), last_x_(static_cast<double>(n) - 1.0), dn_(static_cast<double>(n)),
          // value = mean + (2T - (n-1)S) * 3 / (n (n+1)): slope = (T - (n-1)/2 S) / Sxx with
          // Sxx = n (n^2 - 1) / 12, times (n-1)/2, the last point's distance from the mean x.
          factor_(3.0 / (static_cast<double>(n) * (static_cast<double>(n) + 1.0))) {}

    void reset() {
        count_ = 0;
        renorm_in_ = n_;
        s_hi_ = s_lo_ = t_hi_ = t_lo_ = 0.0;
    }

    /// Number of values since the last reset or NaN (saturates at n).
    std::size_t count() const { return count_; }

    /// Pushes y; `leaving` is the value pushed n values ago (read only when count() == n).
    /// Returns the line's value at the last point, or NaN until n values have come since the
    /// last reset or non-finite value (which restarts the sums, as a fresh window).
    [[gnu::always_inline]] double slide(double y, double leaving) {
        if (!(y - y == 0.0)) {  // NaN or infinite: restart (an infinity would stay in the sums)
            reset();
            return std::numeric_limits<double>::quiet_NaN();
        }
        double s;
        double e;
        if (count_ == n_) {
            // S -= y_0; T -= S; S += y; T += (n-1) y.
            two_sum(s_hi_, -leaving, s, e);
            s_hi_ = s;
            s_lo_ += e;
            two_sum(t_hi_, -s_hi_, s, e);
            t_hi_ = s;
            t_lo_ = (t_lo_ + e) - s_lo_;
            add(y, last_x_);
        } else {
            add(y, static_cast<double>(count_));
            ++count_;
            if (count_ < n_) {
                return std::numeric_limits<double>::quiet_NaN();
            }
        }
        if (--renorm_in_ == 0) {
            renorm_in_ = n_;
            two_sum(s_hi_, s_lo_, s_hi_, s_lo_);  // hi = fl(hi + lo), lo = the exact rest
            two_sum(t_hi_, t_lo_, t_hi_, t_lo_);
        }
        return value();
    }

    /// The line's value at the last point from the current sums. Requires: count() == n.
    [[gnu::always_inline]] double value() const {
        const double mean = (s_hi_ + s_lo_) / dn_;
        double q;
        double qe;
        two_prod(last_x_, s_hi_, q, qe);
        double u;
        double ue;
        two_sum(t_hi_ + t_hi_, -q, u, ue);
        const double num = u + (ue + (((t_lo_ + t_lo_) - qe) - last_x_ * s_lo_));
        return mean + num * factor_;
    }

private:
    [[gnu::always_inline]] void add(double y, double k) {
        double s;
        double e;
        two_sum(s_hi_, y, s, e);
        s_hi_ = s;
        s_lo_ += e;
        double p;
        double pe;
        two_prod(k, y, p, pe);
        two_sum(t_hi_, p, s, e);
        t_hi_ = s;
        t_lo_ += e + pe;
    }

    std::size_t n_;
    double last_x_;  ///< n - 1
    double dn_;
    double factor_;
    std::size_t count_ = 0;
    std::size_t renorm_in_ = n_;
    double s_hi_ = 0.0;
    double s_lo_ = 0.0;
    double t_hi_ = 0.0;
    double t_lo_ = 0.0;
};

}  // namespace aitp::indicators::detail
