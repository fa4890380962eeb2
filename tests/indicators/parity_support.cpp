// SPDX-License-Identifier: MIT
#include "indicators/parity_support.hpp"

#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace aitp::testing {

OhlcvData load_ohlcv(const std::filesystem::path& path) {
    const CsvTable t = read_csv(path);
    OhlcvData d;
    const int o = t.find("open"), h = t.find("high"), l = t.find("low"), c = t.find("close"),
              v = t.find("volume");
    if (o < 0 || h < 0 || l < 0 || c < 0 || v < 0) {
        ADD_FAILURE() << path << " lacks an OHLCV column";
        return d;
    }
    d.ts = t.timestamps;
    d.open = t.columns[static_cast<std::size_t>(o)];
    d.high = t.columns[static_cast<std::size_t>(h)];
    d.low = t.columns[static_cast<std::size_t>(l)];
    d.close = t.columns[static_cast<std::size_t>(c)];
    d.volume = t.columns[static_cast<std::size_t>(v)];
    return d;
}

std::string compare_column(std::span<const double> got, std::span<const double> want) {
    if (got.size() != want.size()) {
        return fmt::format("size {} vs golden {}", got.size(), want.size());
    }
    std::size_t bad = 0;
    std::string first;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const double g = got[i];
        const double w = want[i];
        bool ok;
        if (std::isnan(w) || std::isnan(g)) {
            ok = std::isnan(w) && std::isnan(g);
        } else if (std::isinf(w) || std::isinf(g)) {
            ok = g == w;
        } else {
            const double diff = std::fabs(g - w);
            ok = diff <= 1e-9 * std::fabs(w) || diff <= 1e-12;
        }
        if (!ok) {
            if (bad == 0) {
                first = fmt::format("row {}: got {:.17g}, golden {:.17g}", i, g, w);
            }
            ++bad;
        }
    }
    return bad == 0 ? std::string() : fmt::format("{} mismatches, first {}", bad, first);
}

std::string compare_exact(std::span<const double> got, std::span<const double> want) {
    if (got.size() != want.size()) {
        return fmt::format("size {} vs {}", got.size(), want.size());
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        const bool both_nan = std::isnan(got[i]) && std::isnan(want[i]);
        if (!both_nan && std::memcmp(&got[i], &want[i], sizeof(double)) != 0) {
            return fmt::format("row {}: {:.17g} vs {:.17g}", i, got[i], want[i]);
        }
    }
    return {};
}

}  // namespace aitp::testing
