// SPDX-License-Identifier: MIT
#include "data/demo.hpp"

#include <cstdint>

#include "data/resample.hpp"
#include "data/synthetic.hpp"
#include "model/calendar.hpp"

namespace aitp::data {

namespace {

struct DemoSeries {
    const char* symbol;
    double price;
    model::AssetClass asset_class;
    model::Timeframe timeframe;
    std::size_t bars;
};

constexpr DemoSeries kDemo[] = {
    {"BTC/USDT", 50000.0, model::AssetClass::Crypto, model::Timeframe::H1, 24 * 180},
    {"ETH/USDT", 3000.0, model::AssetClass::Crypto, model::Timeframe::H1, 24 * 180},
    {"SOL/USDT", 100.0, model::AssetClass::Crypto, model::Timeframe::H1, 24 * 180},
    {"AAPL", 180.0, model::AssetClass::Equity, model::Timeframe::D1, 500},
    {"^GSPC", 5000.0, model::AssetClass::Equity, model::Timeframe::D1, 500},
    {"EUR/USD", 1.08, model::AssetClass::Forex, model::Timeframe::H1, 24 * 120},
};

double start_price_for(const model::Symbol& s) {
    if (s.base() == "BTC") return 50000.0;
    if (s.base() == "ETH") return 3000.0;
    if (s.is_pair() && s.base().size() == 3 && s.quote().size() == 3) return 1.1;
    return 100.0;
}

// Returns the start of the first of `bars` bars the calendar expects that end with the one at
// `last` (walks back over the calendar's grid, so the generator, walking forward from it,
// produces exactly those bars).
UnixMillis first_of_bars(std::size_t bars, model::Timeframe tf, const model::TradingCalendar& cal,
                         UnixMillis last) {
    const std::int64_t len = model::timeframe_millis(tf);
    if (cal.asset_class() == model::AssetClass::Crypto)
        return last - static_cast<std::int64_t>(bars - 1) * len;
    UnixMillis t = last;
    for (std::size_t n = 1; n < bars;) {
        t -= len;
        if (cal.expects_bar(t, tf)) ++n;
    }
    return t;
}

// Generates `bars` bars (>= 1) ending with the last bar the asset's calendar expects complete
// at `now` (model::TradingCalendar::last_closed_bar), so a series made now is never stale.
Result<model::BarSeries> recent_bars(std::size_t bars, model::Timeframe tf, model::AssetClass ac,
                                     double price, UnixMillis now, std::uint64_t seed) {
    const model::TradingCalendar cal(ac);
    SyntheticParams p;
    p.bars = bars;
    p.seed = seed;
    p.timeframe = tf;
    p.start = first_of_bars(bars, tf, cal, cal.last_closed_bar(now, tf));
    p.start_price = price;
    if (ac != model::AssetClass::Crypto) p.calendar = ac;
    return generate_bars(p);
}

// The complete bars of `tf` resampled from `bars` (a coarse bar still filling is left out).
Result<model::BarSeries> closed_resample(const model::BarSeries& bars, model::Timeframe tf,
                                         UnixMillis now) {
    AITP_TRY_ASSIGN(const auto coarse, resample(bars, tf));
    const model::TradingCalendar crypto(model::AssetClass::Crypto);
    return coarse.slice_time(INT64_MIN, crypto.last_closed_bar(now, tf));
}

}  // namespace

Status generate_demo_data(const ParquetStore& store, UnixMillis now, std::uint64_t seed,
                          const std::function<void(const std::string&, std::size_t)>& on_series,
                          const ProgressFn& progress) {
    // Refuse before writing anything, so a refused run leaves the store as it was.
    for (const auto& d : kDemo) {
        AITP_TRY_ASSIGN(auto key,
                        SeriesKey::make("sample", d.symbol, model::timeframe_name(d.timeframe)));
        AITP_TRY(store.check_generated_or_absent(key));
        if (d.asset_class != model::AssetClass::Crypto) continue;
        for (auto tf : {model::Timeframe::H4, model::Timeframe::D1}) {
            key.timeframe = tf;
            AITP_TRY(store.check_generated_or_absent(key));
        }
    }
    std::size_t done = 0;
    for (const auto& d : kDemo) {
        AITP_TRY_ASSIGN(auto key,
                        SeriesKey::make("sample", d.symbol, model::timeframe_name(d.timeframe)));
        AITP_TRY_ASSIGN(const auto bars,
                        recent_bars(d.bars, d.timeframe, d.asset_class, d.price, now, seed++));
        AITP_TRY(store.write_generated(key, bars));
        if (on_series) on_series(store.path_for(key).string(), bars.size());
        if (d.asset_class == model::AssetClass::Crypto) {
            for (auto tf : {model::Timeframe::H4, model::Timeframe::D1}) {
                AITP_TRY_ASSIGN(const auto coarse, closed_resample(bars, tf, now));
                key.timeframe = tf;
                AITP_TRY(store.write_generated(key, coarse));
                if (on_series) on_series(store.path_for(key).string(), coarse.size());
            }
        }
        if (progress) progress(static_cast<double>(++done) / std::size(kDemo), d.symbol);
    }
    return ok_status();
}

Status generate_sample_series(const ParquetStore& store, const SeriesKey& key, int days,
                              UnixMillis now, std::uint64_t seed) {
    if (days < 1 || days > 3650) {
        return fail(
            Error::invalid_argument("days must be in 1..3650, was " + std::to_string(days)));
    }
    const std::int64_t len = model::timeframe_millis(key.timeframe);
    const auto bars =
        static_cast<std::size_t>(static_cast<std::int64_t>(days) * kMillisPerDay / len);
    const model::AssetClass ac = key.symbol.guess_asset_class(key.source);
    AITP_TRY_ASSIGN(const auto series, recent_bars(std::max<std::size_t>(bars, 1), key.timeframe,
                                                   ac, start_price_for(key.symbol), now, seed));
    return store.write_generated(key, series);
}

}  // namespace aitp::data
