// SPDX-License-Identifier: MIT
#include "data/quality.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/bar_check.hpp"
#include "model/calendar.hpp"

namespace aitp::data {

namespace {

double default_stale_hours(model::AssetClass c) {
    switch (c) {
        case model::AssetClass::Crypto:
            return 2.0;
        case model::AssetClass::Equity:
            return 18.0;
        case model::AssetClass::Forex:
            return 4.0;
    }
    return 2.0;
}

void find_gaps(const model::BarSeries& bars, const QualityOptions& o, QualityReport& r) {
    const model::TradingCalendar cal(o.asset_class);
    const auto ts = bars.ts();
    for (std::size_t i = 1; i < ts.size(); ++i) {
        if (ts[i] == ts[i - 1]) {
            r.duplicate_timestamps.push_back({i, ts[i], "same timestamp as the previous row"});
            continue;
        }
        if (ts[i] < ts[i - 1]) {
            r.duplicate_timestamps.push_back({i, ts[i], "earlier than the previous row"});
            continue;
        }
        if (!model::is_spacing_consistent(ts[i] - ts[i - 1], o.timeframe, o.asset_class)) {
            r.spacing_mismatches.push_back(
                {i, ts[i], model::describe_spacing_mismatch(bars, i, o.timeframe)});
        }
        const std::int64_t missing = cal.missing_between(ts[i - 1], ts[i], o.timeframe);
        if (missing > 0) {
            r.gaps.push_back({i, ts[i - 1], ts[i], missing});
            r.missing_bars += missing;
        }
    }
}

void find_nans(const model::BarSeries& bars, QualityReport& r) {
    const std::pair<const char*, std::span<const double>> cols[] = {{"open", bars.open()},
                                                                    {"high", bars.high()},
                                                                    {"low", bars.low()},
                                                                    {"close", bars.close()},
                                                                    {"volume", bars.volume()}};
    for (const auto& [name, col] : cols) {
        std::size_t n = 0;
        for (double v : col) n += std::isnan(v) ? 1 : 0;
        if (n > 0) r.nan_columns.emplace_back(name, n);
    }
}

void find_moves(const model::BarSeries& bars, const QualityOptions& o, QualityReport& r) {
    const auto ts = bars.ts();
    const auto open = bars.open();
    const auto close = bars.close();
    for (std::size_t i = 1; i < bars.size(); ++i) {
        const double prev = close[i - 1];
        if (!(prev != 0.0) || std::isnan(prev)) continue;
        const double dc = close[i] / prev - 1.0;
        if (std::fabs(dc) > o.spike_threshold) r.price_spikes.push_back({i, ts[i], dc});
        const double dopen = open[i] / prev - 1.0;
        if (std::fabs(dopen) > o.spike_threshold) r.open_gaps.push_back({i, ts[i], dopen});
    }
}

// A bar import and the engines refuse (model::find_bar_defect) is reported with that rule's
// words; otherwise open and close outside [low, high] are reported as inconsistent.
void find_row_issues(const model::BarSeries& bars, QualityReport& r) {
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const model::Bar b = bars.bar(i);
        if (b.volume == 0.0) r.zero_volume.push_back({i, b.ts, "volume is 0"});
        if (!is_supported_time(b.ts)) {
            r.ohlc_violations.push_back({i, b.ts, "timestamp outside years 1-9999"});
        }
        const auto defect = model::find_bar_defect(b.open, b.high, b.low, b.close, b.volume);
        if (defect != model::BarDefect::None) {
            r.ohlc_violations.push_back({i, b.ts, model::describe_bar_defect(b, defect)});
            continue;
        }
        if (b.high < std::max(b.open, b.close)) {
            r.ohlc_violations.push_back({i, b.ts, "high < max(open, close)"});
        }
        if (b.low > std::min(b.open, b.close)) {
            r.ohlc_violations.push_back({i, b.ts, "low > min(open, close)"});
        }
    }
}

bool same_bar(const model::BarSeries& bars, std::size_t a, std::size_t b) {
    return bars.open()[a] == bars.open()[b] && bars.high()[a] == bars.high()[b] &&
           bars.low()[a] == bars.low()[b] && bars.close()[a] == bars.close()[b];
}

void find_identical_runs(const model::BarSeries& bars, const QualityOptions& o, QualityReport& r) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= bars.size(); ++i) {
        if (i < bars.size() && same_bar(bars, i, start)) continue;
        const std::size_t len = i - start;
        if (len >= std::max<std::size_t>(o.min_identical_run, 2)) {
            r.identical_runs.push_back({start, len, bars.ts()[start], bars.ts()[i - 1]});
        }
        start = i;
    }
}

void summarise(QualityReport& r) {
    auto add = [&](bool cond, std::string text) {
        if (cond) r.issues_summary.push_back(std::move(text));
    };
    add(r.rows == 0, "no data");
    add(!r.gaps.empty(), fmt::format("{} gaps ({} missing bars)", r.gaps.size(), r.missing_bars));
    for (const auto& [col, n] : r.nan_columns)
        r.issues_summary.push_back(fmt::format("{} NaN in {}", n, col));
    add(!r.price_spikes.empty(), fmt::format("{} price spikes", r.price_spikes.size()));
    add(!r.open_gaps.empty(), fmt::format("{} open gaps", r.open_gaps.size()));
    add(!r.zero_volume.empty(), fmt::format("{} zero-volume bars", r.zero_volume.size()));
    add(!r.ohlc_violations.empty(), fmt::format("{} OHLC violations", r.ohlc_violations.size()));
    add(!r.spacing_mismatches.empty(),
        fmt::format("{} bars off the {} spacing", r.spacing_mismatches.size(), r.timeframe));
    add(!r.duplicate_timestamps.empty(),
        fmt::format("{} duplicate or unsorted timestamps", r.duplicate_timestamps.size()));
    add(!r.identical_runs.empty(),
        fmt::format("{} runs of identical bars", r.identical_runs.size()));
    add(r.is_stale,
        fmt::format("stale: the bar after the last one closed {:.1f} h ago", r.stale_hours));
    r.passed = r.issues_summary.empty();
}

}  // namespace

QualityReport check_quality(const model::BarSeries& bars, const QualityOptions& o,
                            const Clock& clock) {
    QualityReport r;
    r.source = o.source;
    r.symbol = o.symbol;
    r.timeframe = std::string(model::timeframe_name(o.timeframe));
    r.asset_class = std::string(model::asset_class_name(o.asset_class));
    r.rows = bars.size();
    r.max_stale_hours = o.max_stale_hours.value_or(default_stale_hours(o.asset_class));
    if (!bars.is_empty()) {
        r.first = bars.ts().front();
        r.last = bars.ts().back();
        // Behind the calendar since the first bar after the last one closed: a weekend, a
        // night or the hours of a daily bar are not staleness.
        const model::TradingCalendar cal(o.asset_class);
        const UnixMillis due = cal.bar_close(cal.next_bar(r.last, o.timeframe), o.timeframe);
        r.stale_hours = static_cast<double>(std::max<std::int64_t>(0, clock.now_ms() - due)) /
                        static_cast<double>(kMillisPerHour);
        r.is_stale = r.stale_hours > r.max_stale_hours;
    }
    find_gaps(bars, o, r);
    find_nans(bars, r);
    find_moves(bars, o, r);
    find_row_issues(bars, r);
    find_identical_runs(bars, o, r);
    summarise(r);
    return r;
}

QualityReport unreadable_report(const QualityOptions& o, std::string error) {
    QualityReport r;
    r.source = o.source;
    r.symbol = o.symbol;
    r.timeframe = std::string(model::timeframe_name(o.timeframe));
    r.asset_class = std::string(model::asset_class_name(o.asset_class));
    r.max_stale_hours = o.max_stale_hours.value_or(default_stale_hours(o.asset_class));
    r.issues_summary.push_back("unreadable: " + error);
    r.error = std::move(error);
    r.passed = false;
    return r;
}

namespace {

template <typename T, typename Fn>
nlohmann::json list_json(const std::vector<T>& items, std::size_t max_items, Fn fn) {
    nlohmann::json a = nlohmann::json::array();
    for (std::size_t i = 0; i < items.size() && i < max_items; ++i) a.push_back(fn(items[i]));
    return a;
}

nlohmann::json row_issue_json(const RowIssue& x) {
    return {{"row", x.row}, {"timestamp", format_iso8601(x.ts)}, {"issue", x.what}};
}

nlohmann::json move_json(const Move& m) {
    return {{"row", m.row}, {"timestamp", format_iso8601(m.ts)}, {"change_pct", m.change * 100.0}};
}

}  // namespace

std::string quality_report_json(const QualityReport& r, std::size_t max_items) {
    nlohmann::json j;
    j["source"] = r.source;
    j["symbol"] = r.symbol;
    j["timeframe"] = r.timeframe;
    j["asset_class"] = r.asset_class;
    j["rows"] = r.rows;
    j["date_range"] =
        r.rows == 0 ? nlohmann::json(nullptr)
                    : nlohmann::json::array({format_iso8601(r.first), format_iso8601(r.last)});
    j["gap_count"] = r.gaps.size();
    j["missing_bars"] = r.missing_bars;
    j["gaps"] = list_json(r.gaps, max_items, [](const Gap& g) {
        return nlohmann::json{{"row", g.row},
                              {"from", format_iso8601(g.from)},
                              {"to", format_iso8601(g.to)},
                              {"missing_bars", g.missing_bars}};
    });
    j["nan_columns"] = nlohmann::json::object();
    for (const auto& [col, n] : r.nan_columns) j["nan_columns"][col] = n;
    j["price_spike_count"] = r.price_spikes.size();
    j["price_spikes"] = list_json(r.price_spikes, max_items, move_json);
    j["open_gap_count"] = r.open_gaps.size();
    j["open_gaps"] = list_json(r.open_gaps, max_items, move_json);
    j["zero_volume_count"] = r.zero_volume.size();
    j["zero_volume"] = list_json(r.zero_volume, max_items, row_issue_json);
    j["ohlc_violation_count"] = r.ohlc_violations.size();
    j["ohlc_violations"] = list_json(r.ohlc_violations, max_items, row_issue_json);
    j["spacing_mismatch_count"] = r.spacing_mismatches.size();
    j["spacing_mismatches"] = list_json(r.spacing_mismatches, max_items, row_issue_json);
    j["duplicate_timestamp_count"] = r.duplicate_timestamps.size();
    j["duplicate_timestamps"] = list_json(r.duplicate_timestamps, max_items, row_issue_json);
    j["identical_runs"] = list_json(r.identical_runs, max_items, [](const IdenticalRun& x) {
        return nlohmann::json{{"first_row", x.first_row},
                              {"length", x.length},
                              {"from", format_iso8601(x.from)},
                              {"to", format_iso8601(x.to)}};
    });
    j["is_stale"] = r.is_stale;
    j["stale_hours"] = std::round(r.stale_hours * 100.0) / 100.0;
    j["max_stale_hours"] = r.max_stale_hours;
    if (r.error) j["error"] = *r.error;
    j["passed"] = r.passed;
    j["issues_summary"] = r.issues_summary;
    return j.dump(2);
}

}  // namespace aitp::data
