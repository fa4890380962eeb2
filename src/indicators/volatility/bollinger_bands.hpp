// SPDX-License-Identifier: MIT
// Bollinger Bands as the original computes them: mid = pandas rolling mean, std = pandas rolling
// std (ddof 1 by default; Welford/Kahan online update, exactly 0 in constant windows), bands
// mid +/- std_dev*std, width = (upper-lower)/mid, pct = (close-lower)/(upper-lower).
// Streaming BollingerBands is not thread-safe.
#pragma once

#include <cmath>
#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct BollingerBandsParams {
    int period = 20;
    double std_dev = 2.0;
    /// Degrees of freedom of the std: 1 = sample (the original), 0 = population.
    int ddof = 1;
    Status validate() const;
};

inline int lookback(const BollingerBandsParams& p) { return p.period - 1; }

struct BollingerBandsValue {
    double upper, mid, lower, width, pct;
};

struct BollingerBandsOutputs {
    std::span<double> upper, mid, lower, width, pct;
};

Status bollinger_bands(std::span<const double> close, const BollingerBandsParams& p,
                       const BollingerBandsOutputs& out);

namespace detail {
/// BollingerBands::bands over len rows (mid, variance and close per row); the outputs do not
/// overlap the inputs, so the loop vectorises.
void bollinger_bands_rows(std::size_t len, const double* __restrict mid,
                          const double* __restrict var, const double* __restrict close, double k,
                          double* __restrict upper, double* __restrict lower,
                          double* __restrict width, double* __restrict pct);

/// bollinger_bands() for a caller that has already written the rolling mean of `close` over
/// p.period (sma(), the same bits as the mid) into out.mid: only the variance recurrence and the
/// bands run. Requires: valid p, finite close, outputs of close's length.
void bollinger_bands_given_mid(std::span<const double> close, const BollingerBandsParams& p,
                               const BollingerBandsOutputs& out);
}  // namespace detail

/// The recurrences of BollingerBands (pandas' rolling mean and variance states, without the
/// window's values): the stream and the batch kernels slide this one definition. Trivially
/// copyable, so a batch kernel keeps it in registers.
struct BollingerRecurrence {
    explicit BollingerRecurrence(const BollingerBandsParams& p)
        : mean(static_cast<std::size_t>(p.period)),
          var(static_cast<std::size_t>(p.period), p.ddof) {}
    /// Slides the window by `close` (`leaving` left it when `full`); gives the mid and variance.
    [[gnu::always_inline]] void slide(double close, bool full, double leaving, double& mid,
                                      double& v) {
        mean.slide(close, full, leaving);
        var.slide(close, full, leaving);
        mid = mean.mean();
        v = var.var();
    }
    detail::KahanWindow mean;
    detail::VarWindow var;
};

class BollingerBands : public detail::StreamOutput<BollingerBandsValue, &BollingerBandsValue::mid> {
  public:
    explicit BollingerBands(const BollingerBandsParams& p = {});
    /// Returns value() (a reference: copying the members just written back out as one wide
    /// load stalls on store forwarding).
    const BollingerBandsValue& update(double close) {
        const bool full = ring_.is_full();
        const double leaving = full ? ring_.oldest() : 0.0;
        ring_.push(close);
        double mid;
        double var;
        slide_state(close, full, leaving, mid, var);
        value_ = bands(mid, var, close, std_dev_);
        return value_;
    }
    /// The recurrences of update() only, giving the mid and the variance (BollingerRecurrence's
    /// numbers, with a steady-state path); bands() turns them into the value.
    [[gnu::always_inline]] void slide_state(double close, bool full, double leaving, double& mid,
                                            double& var) {
        window_.slide(close, full, leaving, mid, var);
    }
    /// The bands from the mid, the variance (pandas zsqrt: negative -> 0) and the close.
    [[gnu::always_inline]] static BollingerBandsValue bands(double mid, double var, double close,
                                                            double std_dev) {
        const double sd = var < 0.0 ? 0.0 : std::sqrt(var);
        const double upper = mid + std_dev * sd;
        const double lower = mid - std_dev * sd;
        return {upper, mid, lower, (upper - lower) / mid, (close - lower) / (upper - lower)};
    }
    double std_dev() const { return std_dev_; }
    void reset();

  private:
    detail::Ring ring_;  ///< the window's closes, shared by the mean and the variance
    detail::MeanVarWindow window_;
    double std_dev_;
};

}  // namespace aitp::indicators
