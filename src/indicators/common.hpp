// SPDX-License-Identifier: MIT
// Shared helpers for indicator kernels: the NaN constant and the argument checks every batch
// kernel runs before its loop. Stateless; safe to use from any thread.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "core/check.hpp"
#include "core/status.hpp"

namespace aitp::indicators {

/// The value written during lookback and wherever an indicator is undefined.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A named input column, for error messages ("close[12] is NaN").
struct NamedInput {
    std::string_view name;
    std::span<const double> values;
};

/// Returns InvalidArgument "<name> must be >= <min>, was <value>" unless value >= min.
Status check_min(std::string_view name, long long value, long long min = 1);

/// Returns InvalidArgument unless value is finite and >= 0.
Status check_non_negative(std::string_view name, double value);

/// The parameters of an indicator with one window length: `period`, kDefault unless set, at least
/// kMin. Tag (a struct named after the indicator) makes each indicator's parameters a type of its
/// own, so that lookback() and the batch kernels overload on it.
template <class Tag, int kDefault, int kMin = 1>
struct PeriodParams {
    int period = kDefault;
    /// Returns InvalidArgument "period must be >= <kMin>, was <period>" for a bad period.
    Status validate() const { return check_min("period", period, kMin); }
};

/// Returns `params` after checking them: a stream's constructor passes its parameters through
/// valid() in its first initializer, so that invalid ones abort ("Condition failed: valid
/// parameters: <why>", reported at the constructor's file and line) before anything is built
/// from them. Streams trust their caller; batch kernels return the error instead. (The file and
/// line are __builtin_FILE/__builtin_LINE defaults, which GCC and the lint's Clang both have.)
template <class P>
const P& valid(const P& params, const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
    if (const Status st = params.validate(); !st.has_value()) [[unlikely]] {
        ::aitp::detail::check_failed(
            file, line, "params.validate()",
            std::string("Condition failed: valid parameters: ") + st.error().message());
    }
    return params;
}

/// valid(params).period as a size.
template <class P>
std::size_t valid_period(const P& params, const char* file = __builtin_FILE(),
                         int line = __builtin_LINE()) {
    return static_cast<std::size_t>(valid(params, file, line).period);
}

/// Returns the finiteness check of one input column (the scan check_series runs).
Status check_finite(const NamedInput& input);

/// Checks that all inputs have the same length and hold only finite values, and that every
/// output has that length too. Errors name the column and row.
///
/// Every batch kernel `x()` validates its parameters, runs these checks, then calls
/// `x_unchecked()` (same arguments), which callers that have made the checks already call
/// directly: the registry's sets scan each input column once for all their kernels.
/// `x_unchecked()` requires valid parameters, finite inputs of one length and outputs of that
/// length.
Status check_series(std::span<const NamedInput> inputs, std::span<const std::span<double>> outputs);
Status check_series(std::initializer_list<NamedInput> inputs,
                    std::initializer_list<std::span<double>> outputs);

/// The body of a checked batch kernel x(): validates `params`, runs check_series(inputs,
/// outputs), then returns kernel() (which calls x_unchecked()).
template <class Params, class Kernel>
Status checked(const Params& params, std::initializer_list<NamedInput> inputs,
               std::initializer_list<std::span<double>> outputs, Kernel kernel) {
    AITP_TRY(params.validate());
    AITP_TRY(check_series(inputs, outputs));
    return kernel();
}
/// checked() for a kernel without parameters.
template <class Kernel>
Status checked(std::initializer_list<NamedInput> inputs,
               std::initializer_list<std::span<double>> outputs, Kernel kernel) {
    AITP_TRY(check_series(inputs, outputs));
    return kernel();
}

/// checked() for a kernel over the high, low and close columns (named so in errors) with one
/// output: the body of such a kernel x(), kKernel being x_unchecked.
template <auto kKernel, class Params>
Status checked_hlc(std::span<const double> high, std::span<const double> low,
                   std::span<const double> close, const Params& params, std::span<double> out) {
    return checked(params, {{"high", high}, {"low", low}, {"close", close}}, {out},
                   [&] { return kKernel(high, low, close, params, out); });
}

namespace detail {
/// A stream's update(in[i]...) for every row i into out[i]; returns OK (the body of a kernel
/// that runs its stream). The stream is a local copy whose address never escapes, so its state
/// stays in registers.
template <class Stream, class... In>
Status stream_rows(const Stream& proto, std::span<double> out, In... in) {
    Stream s = proto;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = s.update(in[i]...);
    }
    return ok_status();
}

/// A MACD stream's update() over the closes into the macd, signal and hist outputs (either
/// flavour); returns OK. The stream is a local copy whose address never escapes, so its state
/// stays in registers.
template <class Stream, class Outputs>
Status macd_stream_rows(const Stream& proto, std::span<const double> close, const Outputs& out) {
    Stream s = proto;
    for (std::size_t i = 0; i < close.size(); ++i) {
        const auto v = s.update(close[i]);
        out.macd[i] = v.macd;
        out.signal[i] = v.signal;
        out.hist[i] = v.hist;
    }
    return ok_status();
}
}  // namespace detail

}  // namespace aitp::indicators
