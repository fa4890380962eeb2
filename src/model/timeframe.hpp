// SPDX-License-Identifier: MIT
// Timeframe: the bar intervals the platform stores (1m 5m 15m 1h 4h 1d), and the interval of a
// time series inferred from its timestamps. Value type and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"

namespace aitp::model {

enum class Timeframe { M1, M5, M15, H1, H4, D1 };

inline constexpr std::array<Timeframe, 6> kAllTimeframes = {
    Timeframe::M1, Timeframe::M5, Timeframe::M15, Timeframe::H1, Timeframe::H4, Timeframe::D1};

/// Returns the bar length in milliseconds.
std::int64_t timeframe_millis(Timeframe tf);

/// Returns the canonical name: "1m", "5m", "15m", "1h", "4h" or "1d".
std::string_view timeframe_name(Timeframe tf);

/// Returns the bar interval of a time series, the one rule for data without a declared
/// timeframe (backtest annualisation, research `--freq` default): the median of the positive
/// spacings between consecutive timestamps (the upper median for an even count), so gaps such
/// as weekends and missing bars do not move it; 1h (the original's default) when fewer than
/// two distinct timestamps exist.
std::int64_t bar_interval_millis(std::span<const UnixMillis> ts);

/// Parses a canonical name (also "15min", "1H", "1D" and "60m"/"240m" aliases).
Result<Timeframe> parse_timeframe(std::string_view text);

}  // namespace aitp::model
