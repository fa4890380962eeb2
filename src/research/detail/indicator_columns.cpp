// SPDX-License-Identifier: MIT
#include "research/detail/indicator_columns.hpp"

#include <limits>

#include "indicators/average/ema.hpp"
#include "indicators/momentum/adx.hpp"
#include "indicators/momentum/macd.hpp"
#include "indicators/momentum/rsi.hpp"
#include "indicators/ratio/volume_ratio.hpp"
#include "indicators/volatility/bollinger_bands.hpp"

namespace aitp::research::detail {

Result<Column> rsi_column(std::span<const double> close, int period) {
    Column out(close.size());
    AITP_TRY(indicators::rsi(close, indicators::RsiParams{period}, out));
    return out;
}

Result<Column> ema_column(std::span<const double> close, int period) {
    Column out(close.size());
    AITP_TRY(indicators::ema(close, indicators::EmaParams{period}, out));
    return out;
}

Result<Column> adx_column(const MarketData& d, int period) {
    Column out(d.size());
    AITP_TRY(indicators::adx(d.high, d.low, d.close, indicators::AdxParams{period}, out));
    return out;
}

Result<Column> volume_ratio_column(std::span<const double> volume, int period) {
    Column out(volume.size());
    AITP_TRY(indicators::volume_ratio(volume, indicators::VolumeRatioParams{period}, out));
    return out;
}

Result<Bands> bands_column(std::span<const double> close, int period, double std_dev) {
    const std::size_t n = close.size();
    Bands b{Column(n), Column(n), Column(n), Column(n)};
    Column pct(n);
    indicators::BollingerBandsParams p;
    p.period = period;
    p.std_dev = std_dev;
    AITP_TRY(indicators::bollinger_bands(close, p, {b.upper, b.mid, b.lower, b.width, pct}));
    return b;
}

Result<MacdColumns> macd_columns(std::span<const double> close) {
    const std::size_t n = close.size();
    MacdColumns m{Column(n), Column(n), Column(n)};
    AITP_TRY(indicators::macd(close, indicators::MacdParams{}, {m.macd, m.signal, m.hist}));
    return m;
}

Column rolling_max(std::span<const double> x, int window) {
    const auto w = static_cast<std::size_t>(window);
    Column out(x.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t t = w == 0 ? x.size() : w - 1; t < x.size(); ++t) {
        double m = x[t + 1 - w];
        for (std::size_t k = t + 2 - w; k <= t; ++k) m = x[k] > m ? x[k] : m;
        out[t] = m;
    }
    return out;
}

std::set<int> int_values(std::span<const ParamVector> grid, std::size_t k) {
    std::set<int> out;
    for (const auto& p : grid) out.insert(as_int(p[k]));
    return out;
}

}  // namespace aitp::research::detail
