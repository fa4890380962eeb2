// SPDX-License-Identifier: MIT
#include "backtest/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

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
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(Error::io_error(fmt::format("cannot open {} for writing", tmp.string())));
        out << text;
        if (!out.flush())
            return fail(Error::io_error(fmt::format("cannot write {}", tmp.string())));
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec)
        return fail(
            Error::io_error(fmt::format("cannot rename {}: {}", tmp.string(), ec.message())));
    return ok_status();
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

/// An SVG polyline chart of ys (downsampled to at most 2,000 points).
std::string svg_chart(const std::vector<double>& ys, std::string_view title,
                      std::string_view color) {
    constexpr double kW = 900, kH = 220, kPad = 30;
    std::string s = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\">"
        "<text x=\"{}\" y=\"18\" font-size=\"13\">{}</text>",
        kW, kH, kPad, title);
    if (ys.size() < 2) return s + "</svg>";
    const auto [lo_it, hi_it] = std::minmax_element(ys.begin(), ys.end());
    const double lo = *lo_it;
    const double hi = *hi_it > lo ? *hi_it : lo + 1.0;
    const std::size_t step = std::max<std::size_t>(1, ys.size() / 2000);
    s += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1\" points=\"", color);
    for (std::size_t i = 0; i < ys.size(); i += step) {
        const double x =
            kPad + (kW - 2 * kPad) * static_cast<double>(i) / static_cast<double>(ys.size() - 1);
        const double y = kH - kPad - (kH - 2 * kPad) * (ys[i] - lo) / (hi - lo);
        fmt::format_to(std::back_inserter(s), "{:.1f},{:.1f} ", x, y);
    }
    s += fmt::format(
        "\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{:.6g}</text>"
        "<text x=\"{}\" y=\"{}\" font-size=\"11\">{:.6g}</text></svg>",
        2, kPad + 4, hi, 2, kH - kPad, lo);
    return s;
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
    std::vector<double> eq;
    std::vector<double> dd;
    double peak = r.initial_equity;
    for (const EquityPoint& p : r.equity) {
        eq.push_back(p.equity);
        peak = std::max(peak, p.equity);
        dd.push_back(peak > 0 ? -(1.0 - p.equity / peak) * 100.0 : 0.0);
    }
    std::string s = fmt::format(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>aitp backtest {}</title>"
        "<style>body{{font-family:sans-serif;margin:20px}}table{{border-collapse:collapse}}"
        "td,th{{border:1px solid #ccc;padding:2px 6px;font-size:12px;text-align:right}}</style>"
        "</head><body><h1>{}</h1><p>run id {} &middot; {} &middot; inputs: {}</p>",
        html_escape(info.strategy), html_escape(info.strategy), info.run_id,
        html_escape(info.settings), html_escape(fmt::format("{}", fmt::join(info.inputs, ", "))));
    s += "<table><tr><th>initial equity</th><th>final equity</th><th>total return</th>"
         "<th>max drawdown</th><th>sharpe (equity)</th><th>trades (open)</th><th>win rate</th>"
         "<th>orders rejected</th></tr>";
    std::string rejected = fmt::format("{}", r.orders.rejected);
    for (const auto& [reason, count] : rejection_counts(r)) {
        rejected += fmt::format("; {}: {}", html_escape(reason), count);
    }
    s += fmt::format(
        "<tr><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f} %</td><td>{:.2f} %</td>"
        "<td>{:.3f}</td><td>{} ({})</td><td>{}</td><td>{}</td></tr></table>",
        r.initial_equity, r.final_equity, m.run.total_return * 100.0, m.run.max_drawdown * 100.0,
        m.run.sharpe_ratio, m.run.num_trades, r.open_trades.size(),
        m.has_trades ? fmt::format("{:.2f} %", m.trades.win_rate * 100.0) : "-", rejected);
    s += "<div>" + svg_chart(eq, "Equity", "#1565c0") + "</div>";
    s += "<div>" + svg_chart(dd, "Drawdown (%)", "#c62828") + "</div>";
    s += "<h2>Trades</h2><table><tr><th>entry</th><th>exit</th><th>symbol</th><th>side</th>"
         "<th>qty</th><th>entry px</th><th>exit px</th><th>fees</th><th>pnl</th><th>pnl %</th>"
         "<th>reason</th></tr>";
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
    s += "</table></body></html>\n";
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
        "\"calmar_ratio\": {}, \"max_drawdown\": {}, \"exposure\": {}, "
        "\"num_trades\": {}}},\n",
        num(q.total_return), num(q.sharpe_ratio), num(q.sortino_ratio), num(q.calmar_ratio),
        num(q.max_drawdown), num(q.exposure), q.num_trades);
    if (m.has_trades) {
        const metrics::PerformanceMetrics& t = m.trades;
        fmt::format_to(std::back_inserter(s),
                       "  \"trades\": {{\"total_trades\": {}, \"total_pnl\": {}, \"win_rate\": {}, "
                       "\"profit_factor\": {}, \"avg_win\": {}, \"avg_loss\": {}, \"sharpe\": {}, "
                       "\"max_drawdown\": {}, \"best_trade\": {}, \"worst_trade\": {}, "
                       "\"avg_trade_duration\": \"{}\"}}\n",
                       t.total_trades, num(t.total_pnl), num(t.win_rate), num(t.profit_factor),
                       num(t.avg_win), num(t.avg_loss), num(t.sharpe), num(t.max_drawdown),
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
