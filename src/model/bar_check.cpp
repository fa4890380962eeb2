// SPDX-License-Identifier: MIT
#include "model/bar_check.hpp"

#include <cmath>

#include <fmt/format.h>

namespace aitp::model {

namespace {

bool is_bad_price(double p, BarDefect& defect) {
    if (std::isnan(p)) return false;
    if (std::isinf(p)) {
        defect = BarDefect::PriceNotFinite;
        return true;
    }
    if (p <= 0.0) {
        defect = BarDefect::PriceNotPositive;
        return true;
    }
    return false;
}

// The first price of open, high, low, close that is infinite or <= 0, and its column name.
std::pair<const char*, double> first_bad_price(const Bar& b) {
    const std::pair<const char*, double> prices[] = {
        {"open", b.open}, {"high", b.high}, {"low", b.low}, {"close", b.close}};
    for (const auto& p : prices) {
        BarDefect d = BarDefect::None;
        if (is_bad_price(p.second, d)) return p;
    }
    return {"price", 0.0};
}

// "4h", "90m", "1d", "1500 ms": the largest unit that divides the step.
std::string format_step(std::int64_t ms) {
    if (ms != 0 && ms % kMillisPerDay == 0) return fmt::format("{}d", ms / kMillisPerDay);
    if (ms != 0 && ms % kMillisPerHour == 0) return fmt::format("{}h", ms / kMillisPerHour);
    if (ms != 0 && ms % kMillisPerMinute == 0) return fmt::format("{}m", ms / kMillisPerMinute);
    return fmt::format("{} ms", ms);
}

}  // namespace

BarDefect find_bar_defect(double open, double high, double low, double close, double volume) {
    BarDefect d = BarDefect::None;
    if (is_bad_price(open, d) || is_bad_price(high, d) || is_bad_price(low, d) ||
        is_bad_price(close, d)) {
        return d;
    }
    if (high < low) return BarDefect::HighBelowLow;
    if (std::isinf(volume)) return BarDefect::VolumeNotFinite;
    if (volume < 0.0) return BarDefect::VolumeNegative;
    return BarDefect::None;
}

std::string describe_bar_defect(const Bar& b, BarDefect defect) {
    switch (defect) {
        case BarDefect::None:
            return "no defect";
        case BarDefect::PriceNotFinite: {
            const auto [name, value] = first_bad_price(b);
            return fmt::format("{} is {} (prices must be finite)", name, value);
        }
        case BarDefect::PriceNotPositive: {
            const auto [name, value] = first_bad_price(b);
            return fmt::format("{} is {} (prices must be > 0)", name, value);
        }
        case BarDefect::HighBelowLow:
            return fmt::format("high {} is below low {}", b.high, b.low);
        case BarDefect::VolumeNotFinite:
            return fmt::format("volume is {} (must be finite)", b.volume);
        case BarDefect::VolumeNegative:
            return fmt::format("volume is {} (must be >= 0)", b.volume);
    }
    return "unknown defect";
}

Status check_bar(const Bar& b) {
    const BarDefect d = find_bar_defect(b.open, b.high, b.low, b.close, b.volume);
    if (d == BarDefect::None) return ok_status();
    return fail(Error::invalid_argument(describe_bar_defect(b, d)));
}

Status check_bars(const BarSeries& bars) {
    const auto ts = bars.ts();
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (!is_supported_time(ts[i])) {
            return fail(Error::invalid_argument(
                fmt::format("row {}: timestamp {} ms is outside years 1-9999", i, ts[i])));
        }
        const BarDefect d = find_bar_defect(bars.open()[i], bars.high()[i], bars.low()[i],
                                            bars.close()[i], bars.volume()[i]);
        if (d != BarDefect::None) {
            return fail(Error::invalid_argument(fmt::format(
                "row {} ({}): {}", i, format_iso8601(ts[i]), describe_bar_defect(bars.bar(i), d))));
        }
    }
    return ok_status();
}

bool is_spacing_consistent(std::int64_t step, Timeframe tf, AssetClass asset_class) {
    const std::int64_t len = timeframe_millis(tf);
    if (step <= 0) return false;
    if (step % len == 0) return true;
    if (asset_class == AssetClass::Crypto || len < 2 * kMillisPerHour) return false;
    for (const std::int64_t shifted : {step - kMillisPerHour, step + kMillisPerHour}) {
        if (shifted > 0 && shifted % len == 0) return true;
    }
    return false;
}

std::string describe_spacing_mismatch(const BarSeries& bars, std::size_t i, Timeframe tf) {
    const auto ts = bars.ts();
    const std::int64_t step = ts[i] - ts[i - 1];
    return fmt::format("bar {} comes {} after the bar {}, not a whole number of {} bars",
                       format_iso8601(ts[i]), format_step(step), format_iso8601(ts[i - 1]),
                       timeframe_name(tf));
}

Status check_spacing(const BarSeries& bars, Timeframe tf, AssetClass asset_class) {
    const auto ts = bars.ts();
    for (std::size_t i = 1; i < ts.size(); ++i) {
        if (!is_spacing_consistent(ts[i] - ts[i - 1], tf, asset_class)) {
            return fail(Error::invalid_argument(describe_spacing_mismatch(bars, i, tf)));
        }
    }
    return ok_status();
}

}  // namespace aitp::model
