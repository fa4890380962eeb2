// SPDX-License-Identifier: MIT
#include "research/report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace aitp::research {

namespace {

// Shortest round-trip form; JSON has no NaN/inf, so those become null.
std::string num(double x) {
    if (!std::isfinite(x)) return "null";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

std::string csv_num(double x) {
    if (std::isnan(x)) return "";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    return num(x);
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string params_json(const ParamVector& p, const std::vector<std::string>& names) {
    std::string s = "{";
    for (std::size_t k = 0; k < p.size() && k < names.size(); ++k) {
        s += (k ? ", " : "") + quoted(names[k]) + ": " + num(p[k]);
    }
    return s + "}";
}

std::string metrics_json(const metrics::RunMetrics& m) {
    return fmt::format(
        "{{\"total_return\": {}, \"sharpe_ratio\": {}, \"sortino_ratio\": {}, "
        "\"max_drawdown_pct\": {}, \"win_rate\": {}, \"profit_factor\": {}, \"num_trades\": {}, "
        "\"trades_per_year\": {}, \"exposure\": {}, \"final_value\": {}}}",
        num(m.total_return), num(m.sharpe_ratio), num(m.sortino_ratio), num(m.max_drawdown_pct),
        num(m.win_rate), num(m.profit_factor), m.num_trades, num(m.trades_per_year),
        num(m.exposure), num(m.final_value));
}

std::string folds_json(const WalkForwardResult& wf, const std::vector<std::string>& names) {
    std::string s = "[";
    for (std::size_t i = 0; i < wf.folds.size(); ++i) {
        const FoldResult& f = wf.folds[i];
        s += fmt::format(
            "{}\n    {{\"fold\": {}, \"train_rows\": [{}, {}], \"test_rows\": [{}, {}], "
            "\"params\": {}, \"is_sharpe\": {}, \"oos_sharpe\": {}, \"is_return\": {}, "
            "\"oos_return\": {}, \"oos_trades\": {}, \"degradation\": {}}}",
            i ? "," : "", i, f.window.train_begin, f.window.train_end, f.window.test_begin,
            f.window.test_end, params_json(f.params, names), num(scored_sharpe(f.in_sample)),
            num(scored_sharpe(f.out_of_sample)), num(f.in_sample.total_return),
            num(f.out_of_sample.total_return), f.out_of_sample.num_trades, num(f.degradation));
    }
    return s + (wf.folds.empty() ? "]" : "\n  ]");
}

std::string summary_json_of(const MetricSummary& m) {
    return fmt::format(
        "{{\"count\": {}, \"non_finite\": {}, \"min\": {}, \"max\": {}, \"mean\": {}, "
        "\"std\": {}}}",
        m.count, m.non_finite, num(m.min), num(m.max), num(m.mean), num(m.std));
}

std::string summaries_json(const SweepSummaries& s) {
    return fmt::format(
        "{{\"total_return\": {}, \"sharpe_ratio\": {}, \"max_drawdown_pct\": {}, "
        "\"num_trades\": {}}}",
        summary_json_of(s.total_return), summary_json_of(s.sharpe_ratio),
        summary_json_of(s.max_drawdown), summary_json_of(s.num_trades));
}

}  // namespace

std::string summary_json(const std::vector<ScreenSummary>& summaries) {
    std::string s = "{";
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        const ScreenSummary& x = summaries[i];
        s += fmt::format(
            "{}\n  {}: {{\"total_combos\": {}, \"top_sharpe\": {}, \"top_return\": {}, "
            "\"top_params\": {}, \"deflated_sharpe\": {}, \"pbo\": {},\n    "
            "\"metric_summaries\": {}}}",
            i ? "," : "", quoted(x.strategy), x.total_combos, num(x.top_sharpe), num(x.top_return),
            params_json(x.top_params, x.param_names), num(x.deflated_sharpe), num(x.pbo),
            summaries_json(x.metric_summaries));
    }
    return s + "\n}\n";
}

std::string walk_forward_csv(const WalkForwardResult& wf, const std::vector<std::string>& names) {
    std::string s = "fold,train_begin,train_end,test_begin,test_end";
    for (const auto& n : names) {
        s += ',';  // appending piecewise avoids GCC 12's -Wrestrict false positive on "," + str
        s += n;
    }
    s += ",is_sharpe,oos_sharpe,is_return,oos_return,oos_trades,degradation\n";
    for (std::size_t i = 0; i < wf.folds.size(); ++i) {
        const FoldResult& f = wf.folds[i];
        s += fmt::format("{},{},{},{},{}", i, f.window.train_begin, f.window.train_end,
                         f.window.test_begin, f.window.test_end);
        for (double p : f.params) {
            s += ',';
            s += csv_num(p);
        }
        s += fmt::format(",{},{},{},{},{},{}\n", csv_num(scored_sharpe(f.in_sample)),
                         csv_num(scored_sharpe(f.out_of_sample)), csv_num(f.in_sample.total_return),
                         csv_num(f.out_of_sample.total_return), f.out_of_sample.num_trades,
                         csv_num(f.degradation));
    }
    return s;
}

std::string walk_forward_json(const std::string& strategy, const WalkForwardResult& wf,
                              const std::vector<std::string>& names) {
    return fmt::format(
        "{{\n  \"strategy\": {},\n  \"folds\": {},\n  \"mean_is_sharpe\": {},\n"
        "  \"mean_oos_sharpe\": {},\n  \"mean_degradation\": {},\n"
        "  \"folds_without_oos_trades\": {},\n  \"verdict\": \"{}\"\n}}\n",
        quoted(strategy), folds_json(wf, names), num(wf.mean_is_sharpe), num(wf.mean_oos_sharpe),
        num(wf.mean_degradation), wf.folds_without_oos_trades, walk_forward_verdict(wf));
}

std::string validation_json(const ValidationReport& r, const std::vector<std::string>& names) {
    std::string g3b = "[";
    for (std::size_t i = 0; i < r.gate3b.size(); ++i) {
        const PerturbationResult& p = r.gate3b[i];
        g3b += fmt::format(
            "{}\n      {{\"param\": {}, \"params\": {}, \"sharpe\": {}, "
            "\"num_trades\": {}}}",
            i ? "," : "", quoted(names[p.param]), params_json(p.params, names),
            num(scored_sharpe(p.metrics)), p.metrics.num_trades);
    }
    g3b += r.gate3b.empty() ? "]" : "\n    ]";
    return fmt::format(
        "{{\n  \"strategy\": {},\n  \"total_combos\": {},\n  \"params\": {},\n"
        "  \"metrics\": {},\n"
        "  \"gate2\": {{\"passed\": {}, \"candidates\": {}, \"sharpe_ok\": {}, "
        "\"drawdown_ok\": {}, \"trades_ok\": {}, \"p_value_ok\": {}, \"t_statistic\": {}, "
        "\"p_value\": {}}},\n"
        "  \"gate3a\": {{\"passed\": {}, \"mean_is_sharpe\": {}, \"mean_oos_sharpe\": {}, "
        "\"folds\": {}}},\n"
        "  \"gate3b\": {{\"passed\": {}, \"perturbations\": {}}},\n"
        "  \"deflated_sharpe\": {{\"dsr\": {}, \"sharpe_per_bar\": {}, \"expected_max\": {}, "
        "\"trials\": {}}},\n  \"pbo\": {{\"pbo\": {}, \"splits\": {}}},\n  \"passed\": {}\n}}\n",
        quoted(r.strategy), r.total_combos, params_json(r.params, names), metrics_json(r.metrics),
        r.gate2.passed(), r.gate2_candidates, r.gate2.sharpe_ok, r.gate2.drawdown_ok,
        r.gate2.trades_ok, r.gate2.p_value_ok, num(r.gate2.t_statistic), num(r.gate2.p_value),
        r.gate3a_passed, num(r.gate3a.mean_is_sharpe), num(r.gate3a.mean_oos_sharpe),
        folds_json(r.gate3a, names), r.gate3b_passed, g3b, num(r.dsr.dsr), num(r.dsr.sharpe),
        num(r.dsr.expected_max), num(r.dsr.n_trials), num(r.pbo.pbo), r.pbo.splits, r.passed);
}

std::string sharpe_heatmap_svg(const ScreenSummary& summary) {
    const SharpeHeatMap& h = summary.heat_map;
    double range = 1e-12;
    for (const double v : h.z) {
        if (!std::isnan(v)) range = std::max(range, std::abs(v));
    }
    const auto nx = static_cast<int>(h.x.size());
    const auto ny = static_cast<int>(h.y.size());
    constexpr int kCell = 18, kLeft = 70, kTop = 40;
    const int w = kLeft + kCell * nx + 120;
    const int ht = kTop + kCell * ny + 50;
    std::string s = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
        "width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"10\">\n"
        "<title>{} Sharpe ratio: {} x {}</title>\n<text x=\"{}\" y=\"20\" font-size=\"13\">{} "
        "Sharpe ratio ({} x {}, best over other parameters, max |Sharpe| {:.3g})</text>\n",
        w, ht, summary.strategy, h.x_label, h.y_label, kLeft, summary.strategy, h.x_label,
        h.y_label, range);
    for (std::size_t yi = 0; yi < h.y.size(); ++yi) {
        for (std::size_t xi = 0; xi < h.x.size(); ++xi) {
            const double v = h.at(xi, yi);
            if (std::isnan(v)) continue;
            const double f = std::clamp(v / range, -1.0, 1.0);
            // Diverging scale: red for negative, white at 0, green for positive.
            const int fade = static_cast<int>(255.0 * (1.0 - std::abs(f)));
            const std::string color = f < 0 ? fmt::format("rgb(255,{},{})", fade, fade)
                                            : fmt::format("rgb({},255,{})", fade, fade);
            s += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}={}, "
                "{}={}: Sharpe {:.4g}</title></rect>\n",
                kLeft + kCell * static_cast<int>(xi), kTop + kCell * static_cast<int>(yi), kCell,
                kCell, color, h.x_label, h.x[xi], h.y_label, h.y[yi], v);
        }
    }
    for (std::size_t xi = 0; xi < h.x.size(); ++xi) {
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                         kLeft + kCell * static_cast<int>(xi) + kCell / 2, kTop + kCell * ny + 12,
                         h.x[xi]);
    }
    for (std::size_t yi = 0; yi < h.y.size(); ++yi) {
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLeft - 4,
                         kTop + kCell * static_cast<int>(yi) + kCell / 2 + 4, h.y[yi]);
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\">{} (x), {} (y)</text>\n</svg>\n", kLeft,
                     kTop + kCell * ny + 32, h.x_label, h.y_label);
    return s;
}

}  // namespace aitp::research
