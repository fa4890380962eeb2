// SPDX-License-Identifier: MIT
#include "indicators/talib/chains.hpp"

#include <utility>

#include <fmt/format.h>

#include "indicators/talib/adx.hpp"

namespace aitp::indicators::talib {

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

}  // namespace aitp::indicators::talib
