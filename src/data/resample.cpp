// SPDX-License-Identifier: MIT
#include "data/resample.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace aitp::data {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t bucket_of(UnixMillis ts, std::int64_t len) {
    std::int64_t b = ts / len;
    if (ts % len < 0) --b;
    return b * len;
}

struct Acc {
    double open = kNaN, high = kNaN, low = kNaN, close = kNaN, volume = 0.0;
    void add(const model::Bar& b) {
        if (std::isnan(open)) open = b.open;
        if (!std::isnan(b.high) && (std::isnan(high) || b.high > high)) high = b.high;
        if (!std::isnan(b.low) && (std::isnan(low) || b.low < low)) low = b.low;
        if (!std::isnan(b.close)) close = b.close;
        if (!std::isnan(b.volume)) volume += b.volume;
    }
};

}  // namespace

Result<model::BarSeries> resample(const model::BarSeries& bars, model::Timeframe target) {
    AITP_TRY(bars.check_strictly_increasing());
    const std::int64_t len = model::timeframe_millis(target);
    std::int64_t min_step = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = 1; i < bars.size(); ++i)
        min_step = std::min(min_step, bars.ts()[i] - bars.ts()[i - 1]);
    if (bars.size() > 1 && min_step > len) {
        return fail(Error::invalid_argument(fmt::format(
            "cannot resample to {}: the input's bars are {} ms apart, coarser than the target",
            model::timeframe_name(target), min_step)));
    }
    model::BarSeries out;
    out.reserve(bars.size() * static_cast<std::size_t>(std::max<std::int64_t>(min_step, 1)) /
                    static_cast<std::size_t>(len) +
                2);
    std::size_t i = 0;
    while (i < bars.size()) {
        const std::int64_t b = bucket_of(bars.ts()[i], len);
        Acc acc;
        for (; i < bars.size() && bucket_of(bars.ts()[i], len) == b; ++i) acc.add(bars.bar(i));
        out.push_back({b, acc.open, acc.high, acc.low, acc.close, acc.volume});
    }
    return out;
}

}  // namespace aitp::data
