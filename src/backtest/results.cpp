// SPDX-License-Identifier: MIT
#include "backtest/results.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "metrics/return_metrics.hpp"
#include "model/timeframe.hpp"

namespace aitp::backtest {

namespace {

class Fnv1a {
  public:
    void bytes(const void* p, std::size_t n) {
        const auto* c = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h_ ^= c[i];
            h_ *= 0x100000001b3ULL;
        }
    }
    template <typename T>
    void value(const T& v) {
        bytes(&v, sizeof v);
    }
    std::uint64_t digest() const { return h_; }

  private:
    std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace

ResultMetrics compute_result_metrics(const BacktestResult& r, std::int64_t bar_millis) {
    ResultMetrics out;
    std::vector<metrics::TradeRecord> records;
    records.reserve(r.trades.size());
    std::vector<double> pnls;
    pnls.reserve(r.trades.size() + r.open_trades.size());
    for (const Trade& t : r.trades) {
        records.push_back({t.entry_ts, t.exit_ts, t.pnl, t.pnl_pct, t.is_long ? "long" : "short"});
        pnls.push_back(t.pnl);
    }
    for (const Trade& t : r.open_trades) pnls.push_back(t.pnl);
    if (auto m = metrics::compute_performance_metrics(records)) {
        out.has_trades = true;
        out.trades = *m;
    }
    std::vector<double> values;
    values.reserve(r.equity.size());
    for (const EquityPoint& p : r.equity) values.push_back(p.equity);
    if (values.empty()) values.push_back(r.final_equity);
    // Exposure: equity points inside any trade, by a difference array over the curve.
    std::int64_t in_position = 0;
    if (!r.equity.empty()) {
        std::vector<int> diff(r.equity.size() + 1, 0);
        const auto index_of = [&](UnixMillis ts) {
            return static_cast<std::size_t>(
                std::lower_bound(r.equity.begin(), r.equity.end(), ts,
                                 [](const EquityPoint& p, UnixMillis t) { return p.ts < t; }) -
                r.equity.begin());
        };
        for (const Trade& t : r.trades) {
            ++diff[index_of(t.entry_ts)];
            --diff[index_of(t.exit_ts)];
        }
        for (const Trade& t : r.open_trades) ++diff[index_of(t.entry_ts)];  // held to the end
        int running = 0;
        for (std::size_t i = 0; i < r.equity.size(); ++i) {
            running += diff[i];
            if (running > 0) ++in_position;
        }
    }
    std::int64_t step = bar_millis;
    if (step <= 0) {
        std::vector<UnixMillis> stamps;
        stamps.reserve(r.equity.size());
        for (const EquityPoint& p : r.equity) stamps.push_back(p.ts);
        step = model::bar_interval_millis(stamps);
    }
    metrics::RunInputs in;
    in.values = values;
    in.initial_cash = r.initial_equity;
    in.trade_pnls = pnls;
    in.bars_in_position =
        std::min<std::int64_t>(in_position, static_cast<std::int64_t>(values.size()));
    in.periods_per_year = metrics::periods_per_year(step);
    out.run = metrics::compute_run_metrics(in);
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> rejection_counts(const BacktestResult& r) {
    std::map<std::string, std::int64_t> counts;
    for (const Rejection& x : r.rejections) ++counts[x.reason];
    return {counts.begin(), counts.end()};
}

std::string output_hash(const BacktestResult& r) {
    Fnv1a h;
    for (const model::Fill& f : r.fills) {
        h.value(f.order_id);
        h.value(f.instrument);
        h.value(f.side);
        h.value(f.price.raw());
        h.value(f.qty.raw());
        h.value(f.fee);
        h.value(f.ts);
    }
    for (const Trade& t : r.trades) {
        h.value(t.entry_ts);
        h.value(t.exit_ts);
        h.value(t.pnl);
        h.value(t.exit_tag);
    }
    for (const EquityPoint& p : r.equity) {
        h.value(p.ts);
        h.value(p.equity);
    }
    h.value(r.final_equity);
    return fmt::format("{:016x}", h.digest());
}

}  // namespace aitp::backtest
