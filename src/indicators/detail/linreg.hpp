// SPDX-License-Identifier: MIT
// Rolling statistics in O(1) per value from plain rolling sums refreshed from the window every n
// values (Squeeze's): LinRegWindow (a regression line's last value), RefreshedMean (a mean),
// RefreshedMoments (mean and variance from deviations from a shift).
//
// LinRegWindow: the least-squares line over the last n values (x = 0..n-1), evaluated at the
// last point, in O(1) per value from two rolling sums, S = sum y_k and T = sum k*y_k (k = 0 for
// the oldest): sliding by one is S' = S - y_0 + y and T' = T - (S - y_0) + (n-1) y. Rounding
// errors of such updates would accumulate without bound over a stream, so every n values both
// sums are recomputed from the window (k = 0..n-1 in order): an O(n) pass every n values,
// O(1) per value, and at most n - 1 updates of rounding in the sums, which bounds the value's
// error by a few times n ulps of the window's largest |y| (the sums' plain additions cost a few
// nanoseconds where exact pairs of sums, tried first, cost three times as much: the FP adders
// are what such a stream waits on). Batch kernels and streams run the same slide() on the same
// schedule (counted from the window's first full slide), so they agree bit for bit. A NaN or
// infinite value restarts the sums (NaN until n finite values follow). Trivially copyable; the
// caller keeps the window's values.
//
// Each class also has slide_steady(): the full-window slide of a finite value with the refresh
// decided by the caller, for a caller that runs several of them in lockstep (Squeeze's stream:
// one position in its ring says when each refreshes). slide() is the count and finiteness
// checks, its own refresh countdown and then slide_steady(), so the two give the same bits on
// the same schedule; after slide_steady() the object's own countdown is stale until reset().
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

namespace aitp::indicators::detail {

/// The refresh countdown slide() keeps: counts one full-window slide down and says whether
/// this one refreshes (every n-th), restarting the count when it does.
[[gnu::always_inline]] inline bool refresh_due(std::size_t& left, std::size_t n) {
    if (--left == 0) [[unlikely]] {
        left = n;
        return true;
    }
    return false;
}

class LinRegWindow {
  public:
    /// Requires: n >= 2.
    explicit LinRegWindow(std::size_t n = 2)
        : n_(n),
          last_x_(static_cast<double>(n) - 1.0),
          inv_n_(1.0 / static_cast<double>(n)),
          // value = mean + (2T - (n-1)S) * 3 / (n (n+1)): slope = (T - (n-1)/2 S) / Sxx with
          // Sxx = n (n^2 - 1) / 12, times (n-1)/2, the last point's distance from the mean x.
          factor_(3.0 / (static_cast<double>(n) * (static_cast<double>(n) + 1.0))) {}

    void reset() {
        count_ = 0;
        refresh_in_ = n_;
        s_ = t_ = 0.0;
    }

    /// Number of values since the last reset or non-finite value (saturates at n).
    std::size_t count() const { return count_; }

    /// Pushes y. `leaving`: the value pushed n values ago (read only when count() == n);
    /// `window`: the window with y in it, n values oldest first (read every n-th value, to
    /// refresh the sums). Returns the line's value at the last point, or NaN until n values
    /// have come since the last reset or non-finite value (which restarts the sums, as a fresh
    /// window).
    [[gnu::always_inline]] double slide(double y, double leaving, const double* window) {
        if (!(y - y == 0.0)) {  // NaN or infinite: restart (an infinity would stay in the sums)
            reset();
            return std::numeric_limits<double>::quiet_NaN();
        }
        if (count_ == n_) {
            return slide_steady(y, leaving, window, refresh_due(refresh_in_, n_));
        }
        t_ += static_cast<double>(count_) * y;
        s_ += y;
        if (++count_ < n_) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        return value();
    }

    /// slide() of a finite y into a full window (count() == n), refreshing the sums from
    /// `window` when `refresh` (every n-th such slide).
    [[gnu::always_inline]] double slide_steady(double y, double leaving, const double* window,
                                               bool refresh) {
        if (refresh) [[unlikely]] {
            refresh_sums(window);
        } else {
            // T' = T - (S - y_0) + (n-1) y, S' = (S - y_0) + y.
            const double rest = s_ - leaving;
            t_ = (t_ - rest) + last_x_ * y;
            s_ = rest + y;
        }
        return value();
    }

  private:
    double value() const { return s_ * inv_n_ + ((t_ + t_) - last_x_ * s_) * factor_; }

    /// S and T afresh from the window, oldest first.
    void refresh_sums(const double* window) {
        double s = 0.0;
        double t = 0.0;
        for (std::size_t k = 0; k < n_; ++k) {
            s += window[k];
            t += static_cast<double>(k) * window[k];
        }
        s_ = s;
        t_ = t;
    }

    std::size_t n_;
    double last_x_;  ///< n - 1
    double inv_n_;   ///< 1 / n
    double factor_;
    std::size_t count_ = 0;
    std::size_t refresh_in_ = n_;  ///< slides until the sums are recomputed from the window
    double s_ = 0.0;               ///< S = sum of the window's values
    double t_ = 0.0;               ///< T = sum of k * value, k = 0 for the oldest
};

/// The mean of the last n values from a plain rolling sum, recomputed from the window every n
/// values (LinRegWindow's scheme; at most n - 1 rounded updates between refreshes). A window of
/// equal values has that value as its mean exactly (pandas' rule).
class RefreshedMean {
  public:
    /// Requires: n >= 1.
    explicit RefreshedMean(std::size_t n = 1) : n_(n), inv_n_(1.0 / static_cast<double>(n)) {}

    void reset() {
        count_ = 0;
        refresh_in_ = n_;
        same_run_ = 0;
        prev_ = std::numeric_limits<double>::quiet_NaN();
        s_ = 0.0;
    }

    /// As LinRegWindow::slide: the window's mean, or NaN until n finite values have come since
    /// the last reset or non-finite value.
    [[gnu::always_inline]] double slide(double x, double leaving, const double* window) {
        if (!(x - x == 0.0)) {
            reset();
            return std::numeric_limits<double>::quiet_NaN();
        }
        if (count_ == n_) {
            return slide_steady(x, leaving, window, refresh_due(refresh_in_, n_));
        }
        same_run_ = static_cast<std::size_t>(x == prev_) * same_run_ + 1;
        prev_ = x;
        s_ += x;
        if (++count_ < n_) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        return same_run_ >= n_ ? x : s_ * inv_n_;
    }

    /// slide() of a finite x into a full window (as LinRegWindow::slide_steady).
    [[gnu::always_inline]] double slide_steady(double x, double leaving, const double* window,
                                               bool refresh) {
        same_run_ = static_cast<std::size_t>(x == prev_) * same_run_ + 1;
        prev_ = x;
        if (refresh) [[unlikely]] {
            double s = 0.0;
            for (std::size_t k = 0; k < n_; ++k) {
                s += window[k];
            }
            s_ = s;
        } else {
            s_ = (s_ - leaving) + x;
        }
        return same_run_ >= n_ ? x : s_ * inv_n_;
    }

  private:
    std::size_t n_;
    double inv_n_;  ///< 1 / n
    std::size_t count_ = 0;
    std::size_t refresh_in_ = n_;
    std::size_t same_run_ = 0;  ///< values equal to the newest, in a row
    double prev_ = std::numeric_limits<double>::quiet_NaN();
    double s_ = 0.0;
};

/// The mean and the variance (ddof 0: population, 1: sample) of the last n values from rolling
/// sums of their deviations from a shift k (S = sum (x - k), Q = sum (x - k)^2), refreshed from
/// the window every n values with k = the window's newest value: the deviations are small beside
/// the values, so Q - S^2/n does not cancel as sum x^2 - (sum x)^2/n would. A window of equal
/// values has that value as its mean and variance 0, exactly (pandas' rule, by the run of equal
/// values).
class RefreshedMoments {
  public:
    /// Requires: n >= 1, 0 <= ddof < n.
    explicit RefreshedMoments(std::size_t n = 1, int ddof = 0)
        : n_(n),
          inv_n_(1.0 / static_cast<double>(n)),
          inv_var_div_(1.0 / (static_cast<double>(n) - ddof)) {}

    void reset() {
        count_ = 0;
        refresh_in_ = n_;
        same_run_ = 0;
        prev_ = std::numeric_limits<double>::quiet_NaN();
        s_ = q_ = 0.0;
    }

    /// As LinRegWindow::slide, giving the window's mean and variance (NaN both until n finite
    /// values have come since the last reset or non-finite value). The variance is never
    /// negative.
    [[gnu::always_inline]] void slide(double x, double leaving, const double* window, double& mean,
                                      double& var) {
        if (!(x - x == 0.0)) {
            reset();
            mean = var = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        if (count_ == n_) {
            slide_steady(x, leaving, window, refresh_due(refresh_in_, n_), mean, var);
            return;
        }
        same_run_ = static_cast<std::size_t>(x == prev_) * same_run_ + 1;
        prev_ = x;
        if (count_ == 0) {
            k_ = x;
        }
        const double d = x - k_;
        s_ += d;
        q_ += d * d;
        if (++count_ < n_) {
            mean = var = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        moments(x, mean, var);
    }

    /// slide() of a finite x into a full window (as LinRegWindow::slide_steady).
    [[gnu::always_inline]] void slide_steady(double x, double leaving, const double* window,
                                             bool refresh, double& mean, double& var) {
        same_run_ = static_cast<std::size_t>(x == prev_) * same_run_ + 1;
        prev_ = x;
        if (refresh) [[unlikely]] {
            refresh_sums(window);
        } else {
            const double d = x - k_;
            const double dl = leaving - k_;
            s_ = (s_ - dl) + d;
            q_ = (q_ - dl * dl) + d * d;
        }
        moments(x, mean, var);
    }

  private:
    /// The window's mean and variance from the sums (x: the newest value).
    [[gnu::always_inline]] void moments(double x, double& mean, double& var) const {
        const double ds = s_ * inv_n_;
        const double v = (q_ - s_ * ds) * inv_var_div_;
        // A window of equal values: that value and variance 0 exactly (pandas' rule).
        const bool constant = same_run_ >= n_;
        mean = constant ? x : k_ + ds;
        var = constant ? 0.0 : (v > 0.0 ? v : 0.0);
    }

    void refresh_sums(const double* window) {
        k_ = window[n_ - 1];
        double s = 0.0;
        double q = 0.0;
        for (std::size_t j = 0; j < n_; ++j) {
            const double d = window[j] - k_;
            s += d;
            q += d * d;
        }
        s_ = s;
        q_ = q;
    }

    std::size_t n_;
    double inv_n_;        ///< 1 / n
    double inv_var_div_;  ///< 1 / (n - ddof)
    std::size_t count_ = 0;
    std::size_t refresh_in_ = n_;
    std::size_t same_run_ = 0;  ///< values equal to the newest, in a row
    double prev_ = std::numeric_limits<double>::quiet_NaN();
    double k_ = 0.0;  ///< the shift
    double s_ = 0.0;
    double q_ = 0.0;
};

}  // namespace aitp::indicators::detail
