// SPDX-License-Identifier: MIT
// Synthetic OHLCV: geometric Brownian motion whose drift and volatility switch between trend,
// range (mean-reverting) and high-volatility (Student-t shocks) regimes by a sticky Markov
// chain; consistent high/low; prices on a 5-significant-digit tick; volume log-normal and
// correlated with |return|. The model of ../shared/tools/gen_ohlcv.py, with aitp's own Rng, so
// the same seed gives the same bars on every machine. Optional edge cases (flat run, zero
// volume, extreme gaps) and calendar-aware timestamps. Pure function of its parameters.
#pragma once

#include <cstdint>
#include <optional>

#include "core/status.hpp"
#include "core/time.hpp"
#include "model/bar_series.hpp"
#include "model/symbol.hpp"
#include "model/timeframe.hpp"

namespace aitp::data {

struct SyntheticParams {
    std::size_t bars = 1000;
    std::uint64_t seed = 1;
    model::Timeframe timeframe = model::Timeframe::H1;
    UnixMillis start = 1704067200000;  ///< first bar (2024-01-01T00:00Z)
    double start_price = 100.0;
    double base_volume = 1000.0;
    /// Inject a 32-bar flat run, zero-volume bars and a +35 % / -30 % open gap.
    bool edge_cases = false;
    /// When set, only bars the asset class's trading calendar expects are produced (equity
    /// daily bars fall on NYSE trading days, forex skips the weekend); otherwise 24/7.
    std::optional<model::AssetClass> calendar;

    Status validate() const;
};

/// Generates bars; timestamps are strictly increasing, low <= min(open, close) and
/// max(open, close) <= high hold for every bar.
Result<model::BarSeries> generate_bars(const SyntheticParams& params);

}  // namespace aitp::data
