// SPDX-License-Identifier: MIT
#include "data/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/rng.hpp"
#include "model/calendar.hpp"

namespace aitp::data {

namespace {

constexpr double kYearMs = 365.0 * 24 * 3600 * 1000;
constexpr double kTrendVol = 0.55;
constexpr double kTrendDrift = 0.90;
constexpr double kRangeVol = 0.30;
constexpr double kRangeReversionPerDay = 0.8;
constexpr double kHighVol = 1.40;
constexpr double kStudentDof = 4.0;
constexpr std::size_t kFlatRun = 32;

enum Regime { kTrend = 0, kRange = 1, kHighVolRegime = 2 };
constexpr double kExpectedRegimeBars[] = {260.0, 200.0, 90.0};

// Decimals of a 5-significant-digit tick at this price.
int tick_decimals(double price) {
    if (!(price > 0.0) || !std::isfinite(price)) return 2;
    return 4 - static_cast<int>(std::floor(std::log10(price)));
}

double round_to(double x, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(x * scale) / scale;
}

std::vector<UnixMillis> timestamps(const SyntheticParams& p) {
    std::vector<UnixMillis> ts;
    ts.reserve(p.bars);
    const std::int64_t len = model::timeframe_millis(p.timeframe);
    if (!p.calendar) {
        for (std::size_t i = 0; i < p.bars; ++i)
            ts.push_back(p.start + static_cast<std::int64_t>(i) * len);
        return ts;
    }
    const model::TradingCalendar cal(*p.calendar);
    for (UnixMillis t = p.start; ts.size() < p.bars; t += len) {
        if (cal.expects_bar(t, p.timeframe)) ts.push_back(t);
    }
    return ts;
}

struct EdgeCases {
    std::size_t flat_start = SIZE_MAX;
    std::size_t gap_up = SIZE_MAX;
    std::size_t gap_down = SIZE_MAX;
    std::set<std::size_t> zero_volume;
};

EdgeCases plan_edge_cases(const SyntheticParams& p, Rng& rng) {
    EdgeCases e;
    const auto n = static_cast<double>(p.bars);
    // Drawn even without edge cases so both modes share the rest of the stream.
    const auto flat = static_cast<std::size_t>(n * (0.30 + 0.10 * rng.uniform()));
    const auto up = static_cast<std::size_t>(n * (0.55 + 0.05 * rng.uniform()));
    const auto down = static_cast<std::size_t>(n * (0.75 + 0.05 * rng.uniform()));
    std::set<std::size_t> scattered;
    for (int k = 0; k < 4; ++k) {
        scattered.insert(static_cast<std::size_t>(
            rng.uniform_int(1, std::max<std::int64_t>(1, static_cast<std::int64_t>(p.bars) - 1))));
    }
    if (!p.edge_cases) return e;
    e.flat_start = flat;
    e.gap_up = up;
    e.gap_down = down;
    e.zero_volume = scattered;
    e.zero_volume.insert(0);
    for (std::size_t k : {3, 4, 10}) e.zero_volume.insert(flat + k);
    return e;
}

}  // namespace

Status SyntheticParams::validate() const {
    if (bars < 1) return fail(Error::invalid_argument("bars must be >= 1, was 0"));
    if (bars > 100'000'000) {
        return fail(
            Error::invalid_argument(fmt::format("bars must be <= 100000000, was {}", bars)));
    }
    if (!(start_price > 0.0) || !std::isfinite(start_price)) {
        return fail(
            Error::invalid_argument(fmt::format("start price must be > 0, was {}", start_price)));
    }
    if (!(base_volume >= 0.0) || !std::isfinite(base_volume)) {
        return fail(
            Error::invalid_argument(fmt::format("base volume must be >= 0, was {}", base_volume)));
    }
    return ok_status();
}

Result<model::BarSeries> generate_bars(const SyntheticParams& p) {
    AITP_TRY(p.validate());
    Rng rng(p.seed);
    const EdgeCases edge = plan_edge_cases(p, rng);
    const std::vector<UnixMillis> ts = timestamps(p);
    const double interval_ms = static_cast<double>(model::timeframe_millis(p.timeframe));
    const double dt = interval_ms / kYearMs;
    const double sqdt = std::sqrt(dt);
    const double kappa = std::min(0.5, kRangeReversionPerDay / (86400000.0 / interval_ms));
    const double t_scale = std::sqrt(kStudentDof / (kStudentDof - 2.0));

    model::BarSeries bars;
    bars.reserve(p.bars);
    int regime = kTrend;
    double trend_sign = 1.0;
    double anchor = std::log(p.start_price);
    double prev_close = p.start_price;
    for (std::size_t i = 0; i < p.bars; ++i) {
        // Fixed consumption: every bar draws the same numbers in the same order.
        const double z = rng.normal();
        const double t = rng.student_t(kStudentDof) / t_scale;
        const double u_regime = rng.uniform();
        const double u_next = rng.uniform();
        const double u_sign = rng.uniform();
        const double hi_ex = std::fabs(rng.normal());
        const double lo_ex = std::fabs(rng.normal());
        const double vol_noise = rng.normal();
        const double u_gap = rng.uniform();
        const double gap_sz = rng.normal();

        if (i > 0 && u_regime > 1.0 - 1.0 / kExpectedRegimeBars[regime]) {
            const int a = (regime + 1) % 3;
            const int b = (regime + 2) % 3;
            regime = u_next < 0.5 ? std::min(a, b) : std::max(a, b);
            if (regime == kTrend) trend_sign = u_sign < 0.5 ? 1.0 : -1.0;
            if (regime == kRange) anchor = std::log(prev_close);
        }
        const int dec = tick_decimals(prev_close);
        if (i >= edge.flat_start && i < edge.flat_start + kFlatRun) {
            const double v = edge.zero_volume.count(i) ? 0.0 : round_to(p.base_volume * 0.2, 4);
            bars.push_back({ts[i], prev_close, prev_close, prev_close, prev_close, v});
            continue;
        }
        double op = prev_close;
        if (i == 0) {
            op = p.start_price;
        } else if (i == edge.gap_up) {
            op = prev_close * 1.35;
        } else if (i == edge.gap_down) {
            op = prev_close * 0.70;
        } else if (u_gap < 0.03) {
            op = prev_close * std::exp(0.3 * kTrendVol * sqdt * gap_sz);
        }
        op = round_to(op, dec);
        if (!(op > 0.0)) op = prev_close;

        double sig = kTrendVol;
        double lr = 0.0;
        double vmult = 1.0;
        if (regime == kTrend) {
            lr = (trend_sign * kTrendDrift - 0.5 * sig * sig) * dt + sig * sqdt * z;
        } else if (regime == kRange) {
            sig = kRangeVol;
            lr = kappa * (anchor - std::log(op)) + sig * sqdt * z;
            vmult = 0.7;
        } else {
            sig = kHighVol;
            lr = -0.5 * sig * sig * dt + sig * sqdt * t;
            vmult = 1.8;
        }
        const double bar_vol = sig * sqdt;
        lr = std::clamp(lr, -0.5, 0.5);
        double cl = round_to(op * std::exp(lr), dec);
        if (!(cl > 0.0)) cl = op;
        double hi = round_to(std::max(op, cl) * std::exp(0.6 * bar_vol * hi_ex), dec);
        double lw = round_to(std::min(op, cl) * std::exp(-0.6 * bar_vol * lo_ex), dec);
        hi = std::max({hi, op, cl});
        lw = std::min({lw, op, cl});
        if (!(lw > 0.0)) lw = std::min(op, cl);
        const double ret =
            i > 0 ? std::fabs(std::log(cl / prev_close)) : std::fabs(std::log(cl / op));
        double vol =
            p.base_volume * vmult * std::exp(0.35 * vol_noise) * (1.0 + 3.0 * ret / bar_vol);
        if (edge.zero_volume.count(i)) vol = 0.0;
        bars.push_back({ts[i], op, hi, lw, cl, round_to(vol, 4)});
        prev_close = cl;
    }
    return bars;
}

}  // namespace aitp::data
