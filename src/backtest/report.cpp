// SPDX-License-Identifier: MIT
#include "backtest/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <span>
#include <system_error>

#include <fmt/format.h>

#include "core/output_file.hpp"
#include "metrics/run_metrics.hpp"
#include "strategy/strategy.hpp"

namespace aitp::backtest {

namespace fs = std::filesystem;

namespace {

struct Hasher {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void bytes(const void* p, std::size_t n) {
        const auto* c = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= c[i];
            h *= 0x100000001b3ULL;
        }
    }
    void text(std::string_view s) {
        bytes(s.data(), s.size());
        bytes("\0", 1);
    }
};

/// JSON number: finite values with 17 significant digits, else null.
std::string num(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : "null"; }

/// {"reason": count, ...} of the run's rejections, sorted by reason.
std::string rejections_json(const BacktestResult& r) {
    std::string s = "{";
    for (const auto& [reason, count] : rejection_counts(r)) {
        std::string key;
        for (const char c : reason) {
            if (c == '"' || c == '\\') key += '\\';
            key += c;
        }
        fmt::format_to(std::back_inserter(s), "{}\"{}\": {}", s.size() > 1 ? ", " : "", key, count);
    }
    return s + "}";
}

Status write_file(const fs::path& path, const std::string& text) {
    return write_output(path, text);
}

std::string trades_csv(const BacktestResult& r) {
    std::string s =
        "entry_time,exit_time,symbol,side,qty,entry_price,exit_price,entry_fee,"
        "exit_fee,pnl,pnl_pct,exit_reason\n";
    for (const Trade& t : r.trades) {
        fmt::format_to(std::back_inserter(s),
                       "{},{},{},{},{:.9g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{}\n",
                       format_iso8601(t.entry_ts), format_iso8601(t.exit_ts),
                       r.instruments[t.instrument].symbol, t.is_long ? "long" : "short", t.qty,
                       t.entry_price, t.exit_price, t.entry_fee, t.exit_fee, t.pnl, t.pnl_pct,
                       strategy::exit_tag_name(t.exit_tag));
    }
    return s;
}

std::string fills_csv(const BacktestResult& r) {
    std::string s = "time,order_id,symbol,side,price,qty,fee,liquidity\n";
    for (const model::Fill& f : r.fills) {
        fmt::format_to(std::back_inserter(s), "{},{},{},{},{},{},{:.10g},{}\n",
                       format_iso8601(f.ts), f.order_id, r.instruments[f.instrument].symbol,
                       model::order_side_name(f.side), f.price.to_string(), f.qty.to_string(),
                       f.fee, f.liquidity == model::Liquidity::Maker ? "maker" : "taker");
    }
    return s;
}

std::string equity_csv(const BacktestResult& r) {
    std::string s = "time,equity,drawdown\n";
    double peak = r.initial_equity;
    for (const EquityPoint& p : r.equity) {
        peak = std::max(peak, p.equity);
        fmt::format_to(std::back_inserter(s), "{},{:.10g},{:.10g}\n", format_iso8601(p.ts),
                       p.equity, peak > 0 ? 1.0 - p.equity / peak : 0.0);
    }
    return s;
}

// ---- SVG charts for report.html: time on x, values on y, both axes labelled ----

struct Marker {
    UnixMillis ts = 0;
    double price = 0.0;
    bool entry = true;
};

/// Ticks at a "nice" step (1, 2 or 5 times a power of ten) covering [lo, hi], about five.
std::vector<double> nice_ticks(double lo, double hi) {
    const double raw = (hi - lo) / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (const double m : {2.0, 5.0, 10.0}) {
        if (raw / step > 1.0) step = mag * m;
    }
    std::vector<double> out;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
        out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out;
}

/// 1234567.891 -> "1,234,567.89" (decimals chosen for the tick step).
std::string grouped(double v, int decimals) {
    std::string digits = fmt::format("{:.{}f}", std::abs(v), decimals);
    const std::size_t dot = digits.find('.');
    std::string int_part = digits.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : digits.substr(dot);
    for (int i = static_cast<int>(int_part.size()) - 3; i > 0; i -= 3) {
        int_part.insert(static_cast<std::size_t>(i), ",");
    }
    return (v < 0 && std::stod(digits) != 0.0 ? "-" : "") + int_part + frac;
}

std::string time_label(UnixMillis ts, UnixMillis span) {
    const std::string iso = format_iso8601(ts);  // 2024-03-07T17:00:00Z
    constexpr UnixMillis kThreeDays = 3LL * 24 * 3600 * 1000;
    return span < kThreeDays ? iso.substr(5, 11) : iso.substr(0, 10);
}

/// A line chart of (ts[i], ys[i]) with labelled axes and gridlines, at most ~2,000 points drawn,
/// and optional trade markers (entries as green up-triangles, exits as red down-triangles).
std::string svg_time_chart(std::string_view title, std::span<const UnixMillis> ts,
                           std::span<const double> ys, std::string_view color,
                           std::span<const Marker> markers = {}) {
    constexpr double kW = 900, kH = 260, kLeft = 80, kRight = 15, kTop = 28, kBottom = 32;
    std::string s = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
        "font-family=\"sans-serif\"><text x=\"{}\" y=\"18\" font-size=\"13\">{}</text>",
        kW, kH, kLeft, title);
    if (ys.size() < 2 || ts.front() >= ts.back()) return s + "</svg>";
    auto [lo, hi] = std::minmax_element(ys.begin(), ys.end());
    double y_lo = *lo;
    double y_hi = *hi > *lo ? *hi : *lo + 1.0;
    for (const Marker& m : markers) {
        y_lo = std::min(y_lo, m.price);
        y_hi = std::max(y_hi, m.price);
    }
    const double t0 = static_cast<double>(ts.front());
    const double t1 = static_cast<double>(ts.back());
    const auto x_of = [&](UnixMillis t) {
        return kLeft + (kW - kLeft - kRight) * (static_cast<double>(t) - t0) / (t1 - t0);
    };
    const auto y_of = [&](double v) {
        return kH - kBottom - (kH - kTop - kBottom) * (v - y_lo) / (y_hi - y_lo);
    };
    const std::vector<double> ticks = nice_ticks(y_lo, y_hi);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
    const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step))), 0, 8);
    s += "<g class=\"y-axis\" font-size=\"11\" text-anchor=\"end\">";
    for (const double t : ticks) {
        fmt::format_to(
            std::back_inserter(s),
            "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#e0e0e0\"/>"
            "<text x=\"{3}\" y=\"{4:.1f}\">{5}</text>",
            kLeft, kW - kRight, y_of(t), kLeft - 6, y_of(t) + 4, grouped(t, decimals));
    }
    s += "</g><g class=\"x-axis\" font-size=\"11\" text-anchor=\"middle\">";
    const UnixMillis span = ts.back() - ts.front();
    for (int k = 0; k <= 5; ++k) {
        const auto t = static_cast<UnixMillis>(t0 + (t1 - t0) * k / 5.0);
        fmt::format_to(std::back_inserter(s),
                       "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#999\"/>"
                       "<text x=\"{0:.1f}\" y=\"{3}\">{4}</text>",
                       x_of(t), kH - kBottom, kH - kBottom + 4, kH - kBottom + 16,
                       time_label(t, span));
    }
    fmt::format_to(std::back_inserter(s),
                   "</g><line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#999\"/>"
                   "<polyline fill=\"none\" stroke=\"{3}\" stroke-width=\"1\" points=\"",
                   kLeft, kTop, kH - kBottom, color);
    const std::size_t stride = std::max<std::size_t>(1, ys.size() / 2000);
    for (std::size_t i = 0; i < ys.size(); i += stride) {
        fmt::format_to(std::back_inserter(s), "{:.1f},{:.1f} ", x_of(ts[i]), y_of(ys[i]));
    }
    s += "\"/>";
    for (const Marker& m : markers) {
        const double x = x_of(m.ts);
        const double y = y_of(m.price);
        const double d = m.entry ? 6.0 : -6.0;  // up-triangle below an entry, down above an exit
        fmt::format_to(std::back_inserter(s),
                       "<path class=\"{}\" d=\"M{:.1f},{:.1f} l-4,{:.1f} h8 z\" fill=\"{}\"/>",
                       m.entry ? "entry" : "exit", x, y + (m.entry ? 2.0 : -2.0), d,
                       m.entry ? "#2e7d32" : "#c62828");
    }
    return s + "</svg>";
}

std::string html_escape(std::string_view in) {
    std::string out;
    for (const char c : in) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string report_html(const BacktestResult& r, const ResultMetrics& m, const RunInfo& info) {
    std::vector<UnixMillis> ts;
    std::vector<double> eq;
    std::vector<double> dd;
    double peak = r.initial_equity;
    for (const EquityPoint& p : r.equity) {
        ts.push_back(p.ts);
        eq.push_back(p.equity);
        peak = std::max(peak, p.equity);
        dd.push_back(peak > 0 ? -(1.0 - p.equity / peak) * 100.0 : 0.0);
    }
    std::string s = fmt::format(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>aitp backtest {}</title>"
        "<style>body{{font-family:sans-serif;margin:20px}}table{{border-collapse:collapse}}"
        "td,th{{border:1px solid #ccc;padding:2px 6px;font-size:12px;text-align:right}}"
        "summary{{cursor:pointer;font-size:1.2em;margin:12px 0}}</style>"
        "</head><body><h1>{}</h1><p>run id {} &middot; {} &middot; inputs: {}</p>",
        html_escape(info.strategy), html_escape(info.strategy), info.run_id,
        html_escape(info.settings), html_escape(fmt::format("{}", fmt::join(info.inputs, ", "))));
    s += "<table><tr><th>initial equity</th><th>final equity</th><th>total return</th>"
         "<th>max drawdown (below the peak)</th><th>sharpe (equity)</th><th>trades (open)</th>"
         "<th>win rate</th><th>orders rejected</th></tr>";
    std::string rejected = fmt::format("{}", r.orders.rejected);
    for (const auto& [reason, count] : rejection_counts(r)) {
        rejected += fmt::format("; {}: {}", html_escape(reason), count);
    }
    s += fmt::format(
        "<tr><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f} %</td><td>{}</td>"
        "<td>{:.3f}</td><td>{} ({})</td><td>{}</td><td>{}</td></tr></table>",
        r.initial_equity, r.final_equity, m.run.total_return * 100.0, metrics::drawdown_text(m.run),
        m.run.sharpe_ratio, m.run.num_trades, r.open_trades.size(),
        m.has_trades ? fmt::format("{:.2f} %", m.trades.win_rate * 100.0) : "-", rejected);
    if (!info.series.empty() && info.series.front() != nullptr) {
        // The first instrument's closes with its entries and exits.
        const model::BarSeries& bars = *info.series.front();
        std::vector<Marker> markers;
        for (const auto* list : {&r.trades, &r.open_trades}) {
            for (const Trade& t : *list) {
                if (t.instrument != 0) continue;
                markers.push_back({t.entry_ts, t.entry_price, true});
                if (list == &r.trades) markers.push_back({t.exit_ts, t.exit_price, false});
            }
        }
        const std::string symbol =
            r.instruments.empty() ? std::string("price") : r.instruments.front().symbol;
        s += "<div class=\"price-chart\">" +
             svg_time_chart(html_escape(symbol + " close, entries and exits"), bars.ts(),
                            bars.close(), "#455a64", markers) +
             "</div>";
    }
    s += "<div class=\"equity-chart\">" + svg_time_chart("Equity", ts, eq, "#1565c0") + "</div>";
    s += "<div class=\"drawdown-chart\">" +
         svg_time_chart("Drawdown (% below the running peak)", ts, dd, "#c62828") + "</div>";
    s += fmt::format(
        "<details><summary>Trades ({} closed, {} open)</summary><table><tr><th>entry</th>"
        "<th>exit</th><th>symbol</th><th>side</th><th>qty</th><th>entry px</th><th>exit px</th>"
        "<th>fees</th><th>pnl</th><th>pnl %</th><th>reason</th></tr>",
        r.trades.size(), r.open_trades.size());
    for (const Trade& t : r.trades) {
        s += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.6g}</td>"
            "<td>{:.8g}</td><td>{:.8g}</td><td>{:.4f}</td><td>{:.2f}</td>"
            "<td>{:.2f}</td><td>{}</td></tr>",
            format_iso8601(t.entry_ts), format_iso8601(t.exit_ts),
            html_escape(r.instruments[t.instrument].symbol), t.is_long ? "long" : "short", t.qty,
            t.entry_price, t.exit_price, t.entry_fee + t.exit_fee, t.pnl, t.pnl_pct * 100.0,
            strategy::exit_tag_name(t.exit_tag));
    }
    s += "</table></details></body></html>\n";
    return s;
}

}  // namespace

std::string make_run_id(std::span<const model::BarSeries* const> data, std::string_view strategy,
                        std::span<const std::pair<std::string, double>> params,
                        std::string_view settings) {
    Hasher h;
    for (const model::BarSeries* s : data) {
        h.bytes(s->ts().data(), s->ts().size_bytes());
        for (const auto col : {s->open(), s->high(), s->low(), s->close(), s->volume()}) {
            h.bytes(col.data(), col.size_bytes());
        }
        h.text("|");
    }
    h.text(strategy);
    for (const auto& [k, v] : params) {
        h.text(k);
        h.text(fmt::format("{:.17g}", v));
    }
    h.text(settings);
    h.text(kEngineVersion);
    return fmt::format("{:016x}", h.h);
}

std::string metrics_json(const BacktestResult& r, const ResultMetrics& m, const RunInfo& info) {
    std::string s = "{\n";
    fmt::format_to(std::back_inserter(s), "  \"run_id\": \"{}\",\n  \"engine\": \"{}\",\n",
                   info.run_id, kEngineVersion);
    fmt::format_to(std::back_inserter(s), "  \"strategy\": \"{}\",\n  \"params\": {{",
                   info.strategy);
    for (std::size_t i = 0; i < info.params.size(); ++i) {
        fmt::format_to(std::back_inserter(s), "{}\"{}\": {}", i ? ", " : "", info.params[i].first,
                       num(info.params[i].second));
    }
    s += "},\n";
    fmt::format_to(std::back_inserter(s),
                   "  \"initial_equity\": {},\n  \"final_equity\": {},\n  \"events\": {},\n"
                   "  \"fills\": {},\n  \"open_trades\": {},\n  \"orders\": {{\"submitted\": {}, "
                   "\"filled\": {}, \"cancelled\": {}, \"rejected\": {}, \"capped\": {}}},\n"
                   "  \"rejections\": {},\n",
                   num(r.initial_equity), num(r.final_equity), r.events, r.fills.size(),
                   r.open_trades.size(), r.orders.submitted, r.orders.filled, r.orders.cancelled,
                   r.orders.rejected, r.orders.capped, rejections_json(r));
    const metrics::RunMetrics& q = m.run;
    fmt::format_to(
        std::back_inserter(s),
        "  \"run\": {{\"total_return\": {}, \"sharpe_ratio\": {}, \"sortino_ratio\": {}, "
        "\"calmar_ratio\": {}, \"max_drawdown_pct\": {}, \"max_drawdown_amount\": {}, "
        "\"exposure\": {}, \"num_trades\": {}}},\n",
        num(q.total_return), num(q.sharpe_ratio), num(q.sortino_ratio), num(q.calmar_ratio),
        num(q.max_drawdown_pct), num(q.max_drawdown_amount), num(q.exposure), q.num_trades);
    if (m.has_trades) {
        const metrics::PerformanceMetrics& t = m.trades;
        fmt::format_to(std::back_inserter(s),
                       "  \"trades\": {{\"total_trades\": {}, \"total_pnl\": {}, \"win_rate\": {}, "
                       "\"profit_factor\": {}, \"avg_win\": {}, \"avg_loss\": {}, \"sharpe\": {}, "
                       "\"max_drawdown_amount\": {}, \"best_trade\": {}, \"worst_trade\": {}, "
                       "\"avg_trade_duration\": \"{}\"}}\n",
                       t.total_trades, num(t.total_pnl), num(t.win_rate), num(t.profit_factor),
                       num(t.avg_win), num(t.avg_loss), num(t.sharpe), num(t.max_drawdown_amount),
                       num(t.best_trade), num(t.worst_trade), t.avg_trade_duration);
    } else {
        s += "  \"trades\": {\"error\": \"No trades to analyze\"}\n";
    }
    s += "}\n";
    return s;
}

Status write_outputs(const fs::path& dir, const BacktestResult& r, const ResultMetrics& m,
                     const RunInfo& info) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return fail(
            Error::io_error(fmt::format("cannot create {}: {}", dir.string(), ec.message())));
    AITP_TRY(write_file(dir / "trades.csv", trades_csv(r)));
    AITP_TRY(write_file(dir / "fills.csv", fills_csv(r)));
    AITP_TRY(write_file(dir / "equity.csv", equity_csv(r)));
    AITP_TRY(write_file(dir / "metrics.json", metrics_json(r, m, info)));
    AITP_TRY(write_file(dir / "report.html", report_html(r, m, info)));
    return ok_status();
}

}  // namespace aitp::backtest
