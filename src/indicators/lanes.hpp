// SPDX-License-Identifier: MIT
// The chunk lanes kernel of a set (used by the planner, plan.cpp): the pandas ewm recurrences
// that are not whole moving-average columns of an input (RSI's and ADX's Wilder averages, MACD
// signal lines, plain EMAs) in the lanes of one vector per chunk of rows, with Bollinger's
// variance and ADX's DX smoothing in one row loop. Internal to the module; stateless.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/plan.hpp"
#include "indicators/volatility/bollinger_bands.hpp"

namespace aitp::indicators::detail {

/// Whether x[k][0..len) is finite for every k < count.
bool all_finite(const double* const* x, std::size_t count, std::size_t len);

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

/// Runs the lanes' jobs. Requires: finite inputs; at most 8 lanes. Returns false, with the
/// outputs unspecified, when a lane's input is not finite (a price change or a MACD line that
/// overflows): the lanes' steady-state step does not restart after a NaN as Ewm::update does,
/// so the caller then runs run_lanes_alone.
bool run_lanes(const SeriesInput& in, const Lanes& l);

/// The single kernels of the lanes' jobs.
Status run_lanes_alone(const SeriesInput& in, const Lanes& l);

}  // namespace aitp::indicators::detail
