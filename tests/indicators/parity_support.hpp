// SPDX-License-Identifier: MIT
// Loading an OHLCV CSV into SeriesInput form and comparing columns under the reference tolerance
// rule (1e-9 relative or 1e-12 absolute, identical NaN positions, equal infinities).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "indicators/registry.hpp"
#include "support/csv_table.hpp"

namespace aitp::testing {

/// Owned OHLCV columns with a SeriesInput view.
struct OhlcvData {
    std::vector<std::int64_t> ts;
    std::vector<double> open, high, low, close, volume;
    indicators::SeriesInput input() const { return {ts, open, high, low, close, volume}; }
    indicators::BarInput bar(std::size_t i) const {
        return {ts[i], open[i], high[i], low[i], close[i], volume[i]};
    }
    std::size_t size() const { return close.size(); }
};

OhlcvData load_ohlcv(const std::filesystem::path& path);

/// Returns "" when every value matches under the tolerance rule, else a description of the
/// first mismatch and the mismatch count.
std::string compare_column(std::span<const double> got, std::span<const double> want);

/// Returns "" when got and want are identical bit patterns (NaN equal to NaN).
std::string compare_exact(std::span<const double> got, std::span<const double> want);

}  // namespace aitp::testing
