// SPDX-License-Identifier: MIT
#include "research/signal_simulation.hpp"

#include "core/check.hpp"

namespace aitp::research {

namespace {

struct Book {
    double cash = 0.0;
    double size = 0.0;
    SimTrade open;
    bool in_position = false;
};

void buy(Book& b, double close, std::int64_t t, const SimConfig& c) {
    const double price = close * (1.0 + c.slippage);
    const double spend = b.cash / (1.0 + c.fees);  // cost + fee == cash exactly
    b.size = spend / price;
    b.open = SimTrade{};
    b.open.entry_index = t;
    b.open.size = b.size;
    b.open.entry_price = price;
    b.open.entry_fee = b.cash - spend;
    b.cash = 0.0;
    b.in_position = true;
}

SimTrade close_trade(const Book& b, double price, double fee, std::int64_t t, bool is_open) {
    SimTrade tr = b.open;
    tr.exit_index = t;
    tr.exit_price = price;
    tr.exit_fee = fee;
    tr.pnl = tr.size * price - tr.size * tr.entry_price - tr.entry_fee - fee;
    tr.is_open = is_open;
    return tr;
}

void sell(Book& b, double close, std::int64_t t, const SimConfig& c, std::vector<SimTrade>& out) {
    const double price = close * (1.0 - c.slippage);
    const double proceeds = b.size * price;
    const double fee = proceeds * c.fees;
    b.cash += proceeds - fee;
    out.push_back(close_trade(b, price, fee, t, false));
    b.size = 0.0;
    b.in_position = false;
}

}  // namespace

SimResult simulate_signals(std::span<const double> close, std::span<const std::uint8_t> entries,
                           std::span<const std::uint8_t> exits, const SimConfig& config) {
    AITP_CHECK(!close.empty(), "Condition failed: close must not be empty");
    AITP_CHECK(entries.size() == close.size() && exits.size() == close.size(),
               "Condition failed: entries, exits and close must have equal sizes");
    const std::size_t n = close.size();
    SimResult res;
    res.values.resize(n);
    Book b;
    b.cash = config.initial_cash;
    std::int64_t bars_in_position = 0;
    for (std::size_t t = 0; t < n; ++t) {
        const bool entry = entries[t] != 0;
        const bool exit = exits[t] != 0;
        const auto ti = static_cast<std::int64_t>(t);
        if (entry != exit) {  // both true: conflict ignored
            if (entry && !b.in_position) {
                buy(b, close[t], ti, config);
            } else if (exit && b.in_position) {
                sell(b, close[t], ti, config, res.trades);
            }
        }
        res.values[t] = b.cash + b.size * close[t];
        bars_in_position += b.in_position ? 1 : 0;
    }
    if (b.in_position) {
        res.trades.push_back(close_trade(b, close[n - 1], 0.0, static_cast<std::int64_t>(n - 1),
                                         true));
    }
    std::vector<double> pnls;
    pnls.reserve(res.trades.size());
    for (const auto& tr : res.trades) pnls.push_back(tr.pnl);
    metrics::RunInputs in;
    in.values = res.values;
    in.initial_cash = config.initial_cash;
    in.trade_pnls = pnls;
    in.bars_in_position = bars_in_position;
    in.periods_per_year = config.periods_per_year;
    res.metrics = metrics::compute_run_metrics(in);
    return res;
}

}  // namespace aitp::research
