// SPDX-License-Identifier: MIT
// Stochastic oscillator as the original computes it: raw %K over k_period bars (NaN when the
// high-low range is 0) and %D = pandas rolling mean of %K over d_period bars. Not thread-safe.
#pragma once

#include <span>

#include "core/status.hpp"
#include "indicators/detail/pandas_window.hpp"
#include "indicators/detail/stream_output.hpp"

namespace aitp::indicators {

struct StochasticParams {
    int k_period = 14;
    int d_period = 3;
    Status validate() const;
};

/// Returns the lookback of %D: k_period + d_period - 2 (%K alone has k_period - 1).
inline int lookback(const StochasticParams& p) { return p.k_period + p.d_period - 2; }

struct StochasticValue {
    double k;
    double d;
};

struct StochasticOutputs {
    std::span<double> k, d;
};

Status stochastic(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, const StochasticParams& p,
                  const StochasticOutputs& out);

namespace detail {
/// stochastic() without its checks, also writing Williams %R over k_period from the same window
/// extremes into `williams_r` when it is not empty (williams_r() with period k_period, the same
/// bits); without %D when `with_d` is false (a caller that smooths %K itself: %D is sma() of
/// %K over d_period, whose first k_period - 1 values are NaN). Requires: valid p, finite
/// inputs, outputs of the input length.
void stochastic_rows(std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, const StochasticParams& p,
                     const StochasticOutputs& out, std::span<double> williams_r,
                     bool with_d = true);
}  // namespace detail

class Stochastic : public detail::StreamOutput<StochasticValue, &StochasticValue::d> {
  public:
    explicit Stochastic(const StochasticParams& p = {});
    const StochasticValue& update(double high, double low, double close) {
        double hh;
        double ll;
        high_low_.update(high, low, hh, ll);
        return step(hh, ll, close);
    }
    /// The update given this bar's k_period highest high and lowest low (NaN while not full);
    /// batch kernels compute those on the input spans.
    const StochasticValue& step(double hh, double ll, double close) {
        const double k = percent_k(hh, ll, close);
        value_ = {k, smooth(k)};
        return value_;
    }
    /// Raw %K (NaN when the range is 0).
    [[gnu::always_inline]] static double percent_k(double hh, double ll, double close) {
        const double range = hh - ll;
        return (range == 0.0) ? detail::kNan : 100.0 * (close - ll) / range;
    }
    /// %D after this bar's %K (the recurrence of step()).
    [[gnu::always_inline]] double smooth(double k) {
        d_.push(k);
        return d_.mean();
    }
    /// The %D window state, for batch kernels that slide a local copy over their own %K.
    const detail::KahanWindow& d_window() const { return d_.window(); }
    std::size_t d_period() const { return d_period_; }
    void reset();

  private:
    detail::RollingHighLow high_low_;
    detail::RollingKahan d_;
    std::size_t d_period_;
};

}  // namespace aitp::indicators
