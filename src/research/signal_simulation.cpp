// SPDX-License-Identifier: MIT
#include "research/signal_simulation.hpp"

#include <algorithm>

#include "core/check.hpp"

namespace aitp::research {

namespace {

// Cash and one (long or short) position. A short of `size` units holds the sale proceeds in
// cash, so equity = cash - size * close.
struct Book {
    double cash = 0.0;
    double size = 0.0;
    int side = 0;       // +1 long, -1 short, 0 flat
    double best = 0.0;  // best close since entry (highest for longs, lowest for shorts)
    SimTrade open;
};

void open_position(Book& b, int side, double close, std::int64_t t, const SimConfig& c) {
    const double price = side > 0 ? close * (1.0 + c.slippage) : close * (1.0 - c.slippage);
    const double spend = b.cash / (1.0 + c.fees);  // notional + fee == cash exactly
    b.size = spend / price;
    b.open = SimTrade{};
    b.open.entry_index = t;
    b.open.size = b.size;
    b.open.entry_price = price;
    b.open.entry_fee = b.cash - spend;
    b.open.is_short = side < 0;
    b.cash = side > 0 ? 0.0 : b.cash + spend - b.open.entry_fee;
    b.side = side;
    b.best = price;
}

SimTrade finish_trade(const Book& b, double price, double fee, std::int64_t t, bool is_open) {
    SimTrade tr = b.open;
    tr.exit_index = t;
    tr.exit_price = price;
    tr.exit_fee = fee;
    const double gross = b.side > 0 ? tr.size * price - tr.size * tr.entry_price
                                    : tr.size * tr.entry_price - tr.size * price;
    tr.pnl = gross - tr.entry_fee - fee;
    tr.is_open = is_open;
    return tr;
}

void close_position(Book& b, double close, std::int64_t t, const SimConfig& c, bool by_stop,
                    std::vector<SimTrade>& out) {
    if (b.side > 0) {
        const double price = close * (1.0 - c.slippage);
        const double proceeds = b.size * price;
        const double fee = proceeds * c.fees;
        b.cash += proceeds - fee;
        out.push_back(finish_trade(b, price, fee, t, false));
    } else {
        const double price = close * (1.0 + c.slippage);
        const double cost = b.size * price;
        const double fee = cost * c.fees;
        b.cash -= cost + fee;
        out.push_back(finish_trade(b, price, fee, t, false));
    }
    out.back().by_stop = by_stop;
    b.size = 0.0;
    b.side = 0;
}

bool has_stops(const SimConfig& c) { return c.sl_stop > 0.0 || c.tp_stop > 0.0; }

// Returns true when a stop of the open position fires at this close; otherwise moves the
// trailing reference to the new best close.
bool stop_fires(Book& b, double close, const SimConfig& c) {
    const double entry = b.open.entry_price;
    if (b.side > 0) {
        const double ref = c.sl_trail ? b.best : entry;
        if (c.sl_stop > 0.0 && close <= ref * (1.0 - c.sl_stop)) return true;
        if (c.tp_stop > 0.0 && close >= entry * (1.0 + c.tp_stop)) return true;
        b.best = std::max(b.best, close);
    } else {
        const double ref = c.sl_trail ? b.best : entry;
        if (c.sl_stop > 0.0 && close >= ref * (1.0 + c.sl_stop)) return true;
        if (c.tp_stop > 0.0 && close <= entry * (1.0 - c.tp_stop)) return true;
        b.best = std::min(b.best, close);
    }
    return false;
}

// Applies one bar's non-conflicting signal (+1 entry, -1 exit) for the configured direction.
void apply_signal(Book& b, int signal, double close, std::int64_t t, const SimConfig& c,
                  std::vector<SimTrade>& out) {
    switch (c.direction) {
        case Direction::LongOnly:
            if (signal > 0 && b.side == 0) open_position(b, +1, close, t, c);
            if (signal < 0 && b.side > 0) close_position(b, close, t, c, false, out);
            break;
        case Direction::ShortOnly:
            if (signal > 0 && b.side == 0) open_position(b, -1, close, t, c);
            if (signal < 0 && b.side < 0) close_position(b, close, t, c, false, out);
            break;
        case Direction::LongShort:
            if (b.side == signal) break;  // no accumulation
            if (b.side != 0) close_position(b, close, t, c, false, out);
            open_position(b, signal, close, t, c);
            break;
    }
}

}  // namespace

SimResult simulate_signals(std::span<const double> close, std::span<const std::uint8_t> entries,
                           std::span<const std::uint8_t> exits, const SimConfig& config) {
    AITP_CHECK(!close.empty(), "Condition failed: close must not be empty");
    AITP_CHECK(entries.size() == close.size() && exits.size() == close.size(),
               "Condition failed: entries, exits and close must have equal sizes");
    const std::size_t n = close.size();
    const bool stops = has_stops(config);
    SimResult res;
    res.values.resize(n);
    Book b;
    b.cash = config.initial_cash;
    std::int64_t bars_in_position = 0;
    for (std::size_t t = 0; t < n; ++t) {
        const auto ti = static_cast<std::int64_t>(t);
        if (stops && b.side != 0 && stop_fires(b, close[t], config)) {
            close_position(b, close[t], ti, config, true, res.trades);
        } else {
            const bool entry = entries[t] != 0;
            const bool exit = exits[t] != 0;
            if (entry != exit) {  // both true: conflict ignored
                apply_signal(b, entry ? +1 : -1, close[t], ti, config, res.trades);
            }
        }
        res.values[t] = b.side >= 0 ? b.cash + b.size * close[t] : b.cash - b.size * close[t];
        bars_in_position += b.side != 0 ? 1 : 0;
    }
    if (b.side != 0) {
        res.trades.push_back(
            finish_trade(b, close[n - 1], 0.0, static_cast<std::int64_t>(n - 1), true));
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
