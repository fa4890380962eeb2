// SPDX-License-Identifier: MIT
// Many-series batch API: the same flavour columns for N independent series (N symbols x M bars),
// spread over worker threads (std::thread). Each series is computed exactly as compute_flavor()
// would compute it alone, so results are identical to the single-series call. Thread-safe: the
// inputs are only read and every series writes its own table.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "indicators/registry.hpp"

namespace aitp::indicators {

/// Computes the selected columns of `f` for every series. threads = 0 uses
/// std::thread::hardware_concurrency(). The first error (lowest series index) is returned,
/// prefixed with "series <i>".
Result<std::vector<ColumnTable>> compute_many(Flavor f, std::span<const SeriesInput> series,
                                              std::span<const std::string> only = {},
                                              unsigned threads = 0);

}  // namespace aitp::indicators
