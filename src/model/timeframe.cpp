// SPDX-License-Identifier: MIT
#include "model/timeframe.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/time.hpp"

namespace aitp::model {

std::int64_t timeframe_millis(Timeframe tf) {
    switch (tf) {
        case Timeframe::M1:
            return kMillisPerMinute;
        case Timeframe::M5:
            return 5 * kMillisPerMinute;
        case Timeframe::M15:
            return 15 * kMillisPerMinute;
        case Timeframe::H1:
            return kMillisPerHour;
        case Timeframe::H4:
            return 4 * kMillisPerHour;
        case Timeframe::D1:
            return kMillisPerDay;
    }
    return kMillisPerHour;
}

std::int64_t bar_interval_millis(std::span<const UnixMillis> ts) {
    std::vector<std::int64_t> d;
    d.reserve(ts.size());
    for (std::size_t i = 1; i < ts.size(); ++i) {
        if (ts[i] > ts[i - 1]) d.push_back(ts[i] - ts[i - 1]);
    }
    if (d.empty()) return kMillisPerHour;
    const auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
    std::nth_element(d.begin(), mid, d.end());
    return *mid;
}

std::string_view timeframe_name(Timeframe tf) {
    switch (tf) {
        case Timeframe::M1:
            return "1m";
        case Timeframe::M5:
            return "5m";
        case Timeframe::M15:
            return "15m";
        case Timeframe::H1:
            return "1h";
        case Timeframe::H4:
            return "4h";
        case Timeframe::D1:
            return "1d";
    }
    return "1h";
}

Result<Timeframe> parse_timeframe(std::string_view text) {
    std::string s(text);
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "1m" || s == "1min") return Timeframe::M1;
    if (s == "5m" || s == "5min") return Timeframe::M5;
    if (s == "15m" || s == "15min") return Timeframe::M15;
    if (s == "1h" || s == "60m" || s == "60min") return Timeframe::H1;
    if (s == "4h" || s == "240m" || s == "240min") return Timeframe::H4;
    if (s == "1d" || s == "24h") return Timeframe::D1;
    return fail(Error::invalid_argument(
        fmt::format("timeframe must be one of 1m 5m 15m 1h 4h 1d, was '{}'", text)));
}

}  // namespace aitp::model
