// SPDX-License-Identifier: MIT
#include "research/screen_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace aitp::research {

namespace {

void append_double(std::string& s, double x) {
    if (std::isnan(x)) return;
    if (std::isinf(x)) {
        s += x > 0 ? "inf" : "-inf";
        return;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    s.append(buf, r.ptr);
}

void append_param(std::string& s, double x) {
    if (x == std::floor(x) && std::abs(x) < 1e15) {
        s += std::to_string(static_cast<long long>(x));
    } else {
        append_double(s, x);
    }
}

}  // namespace

std::string to_csv(const ScreenTable& table) {
    std::string s;
    for (const auto& name : table.param_names) s += name + ",";
    s += "total_return,sharpe_ratio,max_drawdown_pct,win_rate,profit_factor,num_trades,final_value";
    if (table.with_avg_trade_pnl) s += ",avg_trade_pnl";
    s += '\n';
    for (const auto& row : table.rows) {
        for (double p : row.params) {
            append_param(s, p);
            s += ',';
        }
        const auto& m = row.metrics;
        for (double x :
             {m.total_return, m.sharpe_ratio, m.max_drawdown_pct, m.win_rate, m.profit_factor}) {
            append_double(s, x);
            s += ',';
        }
        s += std::to_string(m.num_trades) + ',';
        append_double(s, m.final_value);
        if (table.with_avg_trade_pnl) {
            s += ',';
            append_double(s, m.avg_trade_pnl);
        }
        s += '\n';
    }
    return s;
}

}  // namespace aitp::research
